"""
The recogniser: log-mel frames [B,T,F] -> a digit distribution at every frame [B,T,10].

The frames are standardised by the training set's per-band mean and standard deviation (buffers,
so they travel inside the ONNX file and the page feeds raw log-mel frames), read by an LSTM, and
each hidden state is mapped to ten logits. The utterance's answer is the last frame's
distribution: by then the LSTM has heard the whole clip.
"""
import torch
import torch.nn as nn

N_DIGITS = 10


class DigitLSTM(nn.Module):
    def __init__(self, n_mels, hidden, layers=1):
        super().__init__()
        self.register_buffer("mean", torch.zeros(n_mels))
        self.register_buffer("std", torch.ones(n_mels))
        self.lstm = nn.LSTM(n_mels, hidden, num_layers=layers, batch_first=True)
        self.head = nn.Linear(hidden, N_DIGITS)

    def forward(self, frames):                        # [B,T,F] log-mel
        x = (frames - self.mean) / self.std           # [B,T,F]
        h, _ = self.lstm(x)                           # [B,T,H]
        return self.head(h)                           # [B,T,10] logits at every frame


def model_args(cfg):
    return {"n_mels": cfg.n_mels, "hidden": cfg.hidden, "layers": cfg.layers}


def from_args(args):
    return DigitLSTM(args["n_mels"], args["hidden"], args["layers"])


def num_params(model):
    return sum(p.numel() for p in model.parameters())
