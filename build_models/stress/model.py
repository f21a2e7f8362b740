"""
The stress test's word language models: one recurrent layer (vanilla RNN, LSTM or GRU) or a small
causal Transformer, reading token ids [B,T] and predicting the next token at every position.

Besides the logits each returns what the page draws: a recurrent model its hidden state at every
position [B,T,H]; the Transformer its attention weights [B,L,heads,T,T] (row t: how much position
t read from each position up to t).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class RecurrentLM(nn.Module):
    def __init__(self, vocab, cell, emb, hidden):
        super().__init__()
        self.embed = nn.Embedding(vocab, emb)
        self.rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell](emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, tokens):
        states, _ = self.rnn(self.embed(tokens))      # [B,T,H]
        return self.out(states), states               # [B,T,V], [B,T,H]


def positions(T, d, device):
    """Sinusoidal position codes [T,d] (Vaswani et al. 2017): defined for any T."""
    pos = torch.arange(T, device=device, dtype=torch.float32)[:, None]                      # [T,1]
    freq = torch.exp(torch.arange(0, d, 2, device=device, dtype=torch.float32) * (-math.log(10000.0) / d))
    angle = pos * freq[None, :]                                                              # [T,d/2]
    return torch.stack([torch.sin(angle), torch.cos(angle)], dim=-1).reshape(T, d)           # sin, cos interleaved


class Block(nn.Module):
    """Pre-norm block: causal self-attention, then a ReLU feed-forward layer, each residual."""

    def __init__(self, d, heads, ff):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ff = nn.Sequential(nn.Linear(d, ff), nn.ReLU(), nn.Linear(ff, d))

    def forward(self, x):
        B, T, d = x.shape
        h = self.heads
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=-1)                                 # [B,T,d] each
        q, k, v = (t.reshape(B, T, h, d // h).transpose(1, 2) for t in (q, k, v))        # [B,h,T,d/h]
        scores = q @ k.transpose(-2, -1) / math.sqrt(d // h)                             # [B,h,T,T]
        future = torch.ones(T, T, device=x.device, dtype=torch.bool).triu(1)
        attn = F.softmax(scores.masked_fill(future, -1e9), dim=-1)                       # [B,h,T,T]
        y = (attn @ v).transpose(1, 2).reshape(B, T, d)
        x = x + self.proj(y)
        return x + self.ff(self.ln2(x)), attn


class TransformerLM(nn.Module):
    def __init__(self, vocab, hidden, layers, heads, ff):
        super().__init__()
        self.d = hidden
        self.embed = nn.Embedding(vocab, hidden)
        self.blocks = nn.ModuleList(Block(hidden, heads, ff) for _ in range(layers))
        self.ln = nn.LayerNorm(hidden)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, tokens):
        T = tokens.shape[1]
        x = self.embed(tokens) * math.sqrt(self.d) + positions(T, self.d, tokens.device)   # [B,T,d]
        maps = []
        for block in self.blocks:
            x, a = block(x)
            maps.append(a)
        return self.out(self.ln(x)), torch.stack(maps, dim=1)                            # [B,T,V], [B,L,h,T,T]


def build(cfg, vocab):
    if cfg.cell == "transformer":
        return TransformerLM(vocab, cfg.hidden, cfg.layers, cfg.heads, cfg.ff)
    return RecurrentLM(vocab, cfg.cell, cfg.emb, cfg.hidden)


def model_args(cfg, vocab):
    """What build() needs, as saved in the checkpoint and meta.json."""
    args = {"vocab": vocab, "cell": cfg.cell, "hidden": cfg.hidden}
    if cfg.cell == "transformer":
        args.update(layers=cfg.layers, heads=cfg.heads, ff=cfg.ff)
    else:
        args.update(emb=cfg.emb, layers=1)
    return args


def from_args(args):
    if args["cell"] == "transformer":
        return TransformerLM(args["vocab"], args["hidden"], args["layers"], args["heads"], args["ff"])
    return RecurrentLM(args["vocab"], args["cell"], args["emb"], args["hidden"])


def num_params(model):
    return sum(p.numel() for p in model.parameters())
