"""
A Neural Turing Machine (Graves et al. 2014) small enough for a CPU: an LSTM controller, one write
head and one read head over a memory of N slots of width M.

Each step: the controller reads the input and the last read vector; the write head addresses the
memory (content, interpolation, shift, sharpening), erases and adds; the read head addresses the
new memory and reads; the output is a sigmoid of the controller state and the new read vector.
`step` is the one time step the ONNX file holds; `forward` loops it over a sequence.

Stabilisers (Collier & Beel 2018): controller outputs are clipped to [-20, 20], the memory starts
at a small constant, the heads start on slot 0 (so shifting from there is learnable at once).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

CLIP = 20.0
MEM_INIT = 1e-6
EPS = 1e-8


def content(key, beta, mem):
    """w_c[i] = softmax_i(beta * cos(key, mem[i])). key [B,M], beta [B,1], mem [B,N,M] -> [B,N]."""
    dot = (mem * key.unsqueeze(1)).sum(-1)                                      # [B,N]
    norm = mem.norm(dim=-1) * key.norm(dim=-1, keepdim=True)                   # [B,N]
    return F.softmax(beta * dot / (norm + EPS), dim=-1)


def shift(w, s):
    """Circular convolution with a shift distribution over (-1, 0, +1): s[:,2] moves the focus one slot
    forward. w [B,N], s [B,3] -> [B,N]. Concatenation rather than roll: it exports as two slices."""
    back = torch.cat([w[:, -1:], w[:, :-1]], dim=1)     # back[i] = w[i-1]
    fwd = torch.cat([w[:, 1:], w[:, :1]], dim=1)        # fwd[i] = w[i+1]
    return s[:, 0:1] * fwd + s[:, 1:2] * w + s[:, 2:3] * back


def sharpen(w, gamma):
    """w^gamma renormalised (gamma >= 1 undoes the blur of the shift). w [B,N], gamma [B,1]."""
    w = (w + EPS) ** gamma
    return w / w.sum(-1, keepdim=True)


def address(key, beta, g, s, gamma, w_prev, mem):
    """The four stages of NTM addressing; returns the new weighting [B,N]."""
    wc = content(key, beta, mem)
    wg = g * wc + (1 - g) * w_prev
    return sharpen(shift(wg, s), gamma)


def write(mem, w, erase, add):
    """Erase then add, each slot in proportion to its weight. mem [B,N,M], w [B,N], erase, add [B,M]."""
    ww = w.unsqueeze(-1)                                                        # [B,N,1]
    return mem * (1 - ww * erase.unsqueeze(1)) + ww * add.unsqueeze(1)


def read(mem, w):
    """The weighted sum of the slots: [B,N,M], [B,N] -> [B,M]."""
    return (w.unsqueeze(-1) * mem).sum(1)


def head_params(p, M):
    """Split a head's raw controller output [B, M+6] into key, beta>0, g in (0,1), shift softmax, gamma>=1."""
    key = torch.tanh(p[:, :M])
    beta = F.softplus(p[:, M:M + 1])
    g = torch.sigmoid(p[:, M + 1:M + 2])
    s = F.softmax(p[:, M + 2:M + 5], dim=-1)
    gamma = 1 + F.softplus(p[:, M + 5:M + 6])
    return key, beta, g, s, gamma


class NTM(nn.Module):
    def __init__(self, width=8, slots=16, mem_width=12, hidden=100):
        super().__init__()
        self.width, self.N, self.M, self.H = width, slots, mem_width, hidden
        self.inputs = width + 1                       # the bits and the delimiter channel
        self.ctrl = nn.LSTMCell(self.inputs + mem_width, hidden)
        self.read_head = nn.Linear(hidden, mem_width + 6)
        self.write_head = nn.Linear(hidden, mem_width + 6 + 2 * mem_width)   # + erase, add
        self.out = nn.Linear(hidden + mem_width, width)

    def initial_state(self, B):
        N, M, H = self.N, self.M, self.H
        w0 = torch.zeros(B, N)
        w0[:, 0] = 1.0
        return (torch.zeros(B, H), torch.zeros(B, H), torch.full((B, N, M), MEM_INIT),
                torch.zeros(B, M), w0.clone(), w0.clone())

    def step(self, x, h, c, mem, r, w_read, w_write):
        """x [B,W+1]; h, c [B,H]; mem [B,N,M]; r [B,M]; w_read, w_write [B,N] ->
        y logits [B,W], the new state, and the weightings used this step."""
        M = self.M
        h, c = self.ctrl(torch.cat([x, r], dim=-1), (h, c))
        pw = self.write_head(h).clamp(-CLIP, CLIP)                         # [B, M+6+2M]
        w_write = address(*head_params(pw, M), w_write, mem)
        erase = torch.sigmoid(pw[:, M + 6:2 * M + 6])                     # [B,M]
        add = torch.tanh(pw[:, 2 * M + 6:])                               # [B,M]
        mem = write(mem, w_write, erase, add)
        pr = self.read_head(h).clamp(-CLIP, CLIP)
        w_read = address(*head_params(pr, M), w_read, mem)
        r = read(mem, w_read)                                             # [B,M]
        y = self.out(torch.cat([h, r], dim=-1)).clamp(-CLIP, CLIP)        # [B,W]
        return y, h, c, mem, r, w_read, w_write

    def forward(self, x, trace=False):
        """x [B,T,W+1] -> logits [B,T,W] (and, with trace, read/write weightings [B,T,N], memory [B,T,N,M])."""
        B, T, _ = x.shape
        h, c, mem, r, wr, ww = self.initial_state(B)
        ys, wrs, wws, mems = [], [], [], []
        for t in range(T):
            y, h, c, mem, r, wr, ww = self.step(x[:, t], h, c, mem, r, wr, ww)
            ys.append(y)
            if trace:
                wrs.append(wr); wws.append(ww); mems.append(mem)
        y = torch.stack(ys, 1)
        if trace:
            return y, torch.stack(wrs, 1), torch.stack(wws, 1), torch.stack(mems, 1)
        return y

    def model_args(self):
        return {"width": self.width, "slots": self.N, "mem_width": self.M, "hidden": self.H}


def num_params(model):
    return sum(p.numel() for p in model.parameters())
