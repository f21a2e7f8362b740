"""
The translator (`seq2seq` kind): an English -> French GRU encoder-decoder, with additive
(Bahdanau) attention or with only the fixed context vector, trained on the eng-fra corpus.

Its own steps (python -m build_models.translate STEP PRESET): prepare (the subset, word
vocabularies and the split), train, evaluate (sacreBLEU by source length, greedy and beam 4),
export (encoder.onnx + decoder.onnx, parity, meta.json, card). It shares checkpoint writing,
corpus checks and ONNX saving with the character models; the rest (word data, the model, the
decoders) differs too much from a character language model to go through kinds/.
"""
