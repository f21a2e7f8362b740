"""build_models: corpora -> character RNNs -> ONNX step models, metadata, evaluation and neuron analysis.

Run `python -m build_models --help`; the maintainer's guide is build_models/README.md.
"""
