"""
Visual question answering, small: the captioner's kind of CNN (model.Encoder: 64x64 image -> 8x8
grid of C features, trained here from scratch) and an LSTM that reads the question word by word;
the question's last state q looks at the grid in two ways and a small MLP picks one of the
closed set of answers:
  attention  alpha = softmax over the 64 cells of v.tanh(W grid + U q): one place to read (what
             colour is THE triangle); alpha is an output, so the page shows where it looked
  pooled     the mean over cells of relu(P grid * Q q): how much of the grid matches what the
             question asks about, a sum attention cannot form (how many squares)
"""
import torch
import torch.nn as nn

from .model import GRID, Encoder


class VqaModel(nn.Module):
    def __init__(self, vocab_size, answers, channels=64, emb=32, hidden=128, att=64, fuse=256):
        super().__init__()
        self.args = dict(vocab_size=vocab_size, answers=answers, channels=channels, emb=emb, hidden=hidden, att=att, fuse=fuse)
        self.encoder = Encoder(channels)
        self.embed = nn.Embedding(vocab_size, emb)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True)
        self.att_grid = nn.Linear(channels, att)
        self.att_q = nn.Linear(hidden, att)
        self.att_v = nn.Linear(att, 1)
        self.pool_grid = nn.Linear(channels, fuse)
        self.pool_q = nn.Linear(hidden, fuse)
        self.head = nn.Sequential(nn.Linear(hidden + channels + fuse, fuse), nn.ReLU(), nn.Linear(fuse, answers))

    def read(self, question, length):
        """question [B,T] word ids (padded), length [B] -> q [B,H], the state after the last real word."""
        states, _ = self.lstm(self.embed(question))                         # [B,T,H]
        idx = (length - 1).clamp(min=0).view(-1, 1, 1).expand(-1, 1, states.shape[-1])
        return states.gather(1, idx).squeeze(1)

    def forward(self, image, question, length):
        """image [B,3,64,64] in [0,1], question [B,T], length [B] -> logits [B,A], alpha [B,64]."""
        grid = self.encoder(image)                                          # [B,64,C]
        q = self.read(question, length)                                     # [B,H]
        e = self.att_v(torch.tanh(self.att_grid(grid) + self.att_q(q)[:, None, :])).squeeze(-1)
        alpha = torch.softmax(e, -1)                                        # [B,64]
        context = torch.bmm(alpha[:, None, :], grid).squeeze(1)             # [B,C]
        pooled = torch.relu(self.pool_grid(grid) * self.pool_q(q)[:, None, :]).mean(1)   # [B,F]
        return self.head(torch.cat([q, context, pooled], -1)), alpha


def num_params(model):
    return sum(p.numel() for p in model.parameters())


assert GRID * GRID == 64
