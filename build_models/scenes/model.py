"""
Show, attend and tell, small: a CNN encoder turns a 64x64 image into an 8x8 grid of feature
vectors, and an LSTM decoder writes the caption one word at a time, each step looking at the grid
through attention weights over its 64 cells.

The step is arranged for export and for hard attention: a step takes the attention weights to use
(`weights`, [B,64]) and returns the weights it proposes for the NEXT word (`alpha_next`), computed
from its new state. Soft attention feeds alpha back unchanged; hard attention feeds a one-hot cell
sampled from alpha (Xu et al. 2015's stochastic attention). One decoder graph serves both.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

GRID = 8


def coords(B, H, W, device):
    """[B,2,H,W] x and y in [-1, 1]: the encoder sees where each pixel is, so a grid cell's feature
    says where it is and the decoder can tell left from right (CoordConv)."""
    ys = torch.linspace(-1, 1, H, device=device).view(1, 1, H, 1).expand(B, 1, H, W)
    xs = torch.linspace(-1, 1, W, device=device).view(1, 1, 1, W).expand(B, 1, H, W)
    return torch.cat([xs, ys], 1)


class Encoder(nn.Module):
    def __init__(self, channels=64):
        super().__init__()
        c = channels
        self.conv = nn.ModuleList([nn.Conv2d(5, 32, 5, stride=2, padding=2),    # 64 -> 32
                                   nn.Conv2d(32, c, 3, stride=2, padding=1),    # 32 -> 16
                                   nn.Conv2d(c, c, 3, stride=2, padding=1),     # 16 -> 8
                                   nn.Conv2d(c, c, 3, padding=1)])               # 8 -> 8, wider view per cell

    def forward(self, img):
        B, _, H, W = img.shape                      # img [B,3,64,64] in [0,1]
        x = torch.cat([img - 0.5, coords(B, H, W, img.device)], 1)
        for i, conv in enumerate(self.conv):
            x = conv(x)
            x = F.relu(x) if i < len(self.conv) - 1 else x
        fmap = x                                    # [B,C,8,8]
        return fmap.flatten(2).transpose(1, 2)      # grid [B,64,C]


class Captioner(nn.Module):
    def __init__(self, vocab_size, channels=64, emb=32, hidden=128, att=64):
        super().__init__()
        self.args = dict(vocab_size=vocab_size, channels=channels, emb=emb, hidden=hidden, att=att)
        self.encoder = Encoder(channels)
        self.embed = nn.Embedding(vocab_size, emb)
        self.init_h = nn.Linear(channels, hidden)
        self.init_c = nn.Linear(channels, hidden)
        self.att_grid = nn.Linear(channels, att)
        self.att_h = nn.Linear(hidden, att)
        self.att_v = nn.Linear(att, 1)
        self.cell = nn.LSTMCell(emb + channels, hidden)
        self.out = nn.Linear(hidden + channels, vocab_size)

    def attend(self, grid_proj, h):
        """alpha [B,64] from the projected grid [B,64,A] and the state h [B,H] (additive attention)."""
        e = self.att_v(torch.tanh(grid_proj + self.att_h(h)[:, None, :])).squeeze(-1)   # [B,64]
        return torch.softmax(e, -1)

    def start(self, grid):
        """The initial state from the mean feature, and where the first word looks."""
        mean = grid.mean(1)                                     # [B,C]
        h, c = torch.tanh(self.init_h(mean)), torch.tanh(self.init_c(mean))
        return h, c, self.attend(self.att_grid(grid), h)

    def step(self, word, h, c, grid, weights, grid_proj=None):
        """One word: word [B] (the previous one), h, c [B,H], grid [B,64,C], weights [B,64] ->
        logits [B,V], h, c, alpha_next [B,64]."""
        context = torch.bmm(weights[:, None, :], grid).squeeze(1)          # [B,C]
        h, c = self.cell(torch.cat([self.embed(word), context], -1), (h, c))
        logits = self.out(torch.cat([h, context], -1))
        gp = self.att_grid(grid) if grid_proj is None else grid_proj
        return logits, h, c, self.attend(gp, h)

    def forward(self, img, tokens, hard=False):
        """Teacher forcing: img [B,3,64,64], tokens [B,T] (<s> ... </s> <pad>) -> logits [B,T-1,V],
        alphas [B,T-1,64] (the weights each word used), and for hard attention the log-probability
        of the sampled cells [B,T-1] and the entropy of alpha [B,T-1]."""
        grid = self.encoder(img)
        gp = self.att_grid(grid)
        h, c, alpha = self.start(grid)
        logits, alphas, logp, ent = [], [], [], []
        for t in range(tokens.shape[1] - 1):
            if hard:
                dist = torch.distributions.Categorical(probs=alpha)
                cell = dist.sample()                                         # [B]
                logp.append(dist.log_prob(cell))
                ent.append(dist.entropy())
                w = F.one_hot(cell, alpha.shape[1]).float()
            else:
                w = alpha
            alphas.append(w)
            lg, h, c, alpha = self.step(tokens[:, t], h, c, grid, w, gp)
            logits.append(lg)
        out = torch.stack(logits, 1), torch.stack(alphas, 1)
        return out + ((torch.stack(logp, 1), torch.stack(ent, 1)) if hard else ())


def num_params(model):
    return sum(p.numel() for p in model.parameters())
