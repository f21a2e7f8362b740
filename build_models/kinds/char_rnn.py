"""
The character step model (`char-rnn`): model.CharRNN, an LSTM, GRU or tanh RNN over characters,
exported as one time step (model.StepCell, export.export_step_model) with its gates.

meta.json's kind is char-<cell>-step (char-lstm-step, char-gru-step, char-rnn-step). It has every
optional step: `sample` is sample.py's fixed-seed generation, `analyse` is neurons.py's cell
scores and gate saturation, `evaluate` compares with the n-gram baseline.
"""
from .. import export, neurons
from ..model import CELLS, CharRNN
from ..sample import generate
from .base import OPTIONAL_STEPS, Kind


class CharRNNKind(Kind):
    name = "char-rnn"
    steps = frozenset(OPTIONAL_STEPS)

    def check(self, cfg):
        if cfg.cell not in CELLS:
            raise ValueError(f"cell must be lstm, gru or rnn, got {cfg.cell!r}")

    def build(self, cfg, vocab):
        return CharRNN(len(vocab["chars"]), cfg.n_layer, cfg.n_hidden, cfg.cell, cfg.dropout)

    def rebuild(self, model_args):
        return CharRNN(**model_args)

    def meta_kind(self, model):
        return f"char-{model.cell}-step"

    def architecture(self, model):
        return {"cell": model.cell, "layers": model.n_layer, "hidden": model.n_hidden,
                "embedding": model.n_hidden, "vocab_size": model.vocab_size,
                "parameters": model.num_params(), "dropout": model.dropout, "dtype": "float32"}

    def export_onnx(self, model, path, weights_dtype="float32"):
        export.export_step_model(model, path, weights_dtype)

    def io_spec(self, model):
        return export.io_spec(model)

    def parity(self, model, onnx_path, tokens):
        return export.parity(model, onnx_path, tokens)

    def sample(self, cfg, model, vocab):
        return generate(model, vocab, cfg.sample_prompt, cfg.sample_len, cfg.sample_temperature, cfg.sample_seed)[0]

    def analyse(self, cfg, model, vocab):
        return neurons.analyse(cfg, model, vocab)
