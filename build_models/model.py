"""
Character-level recurrent language models: LSTM, GRU and vanilla RNN behind one API.

CharRNN trains with the fused nn.LSTM / nn.GRU / nn.RNN (cuDNN on a GPU).
StepCell re-implements one time step with explicit matmuls on a copy of the same
weights, so the exported ONNX step model can also return the gate activations. It folds
the embedding into layer 0's input weights (a [V, G*H] lookup table, see StepCell).

State is always a pair (h, c) of shape [L, B, H]. For GRU and RNN, which have no
cell state, c is carried through unchanged (zeros in practice) so that every
model, and every piece of site code that drives it, uses one loop.
"""
import torch
import torch.nn as nn
from torch.nn import functional as F

CELLS = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}
# names of the rows of the `gates` output, per cell type (see StepCell)
GATE_NAMES = {"lstm": ["i", "f", "g", "o"], "gru": ["r", "z", "n"], "rnn": ["h"]}


# --8<-- [start:charrnn]
class CharRNN(nn.Module):

    def __init__(self, vocab_size: int, n_layer: int, n_hidden: int, cell: str = "lstm", dropout: float = 0.0):
        super().__init__()
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {sorted(CELLS)}, got {cell!r}")
        self.vocab_size, self.n_layer, self.n_hidden, self.cell = vocab_size, n_layer, n_hidden, cell
        self.dropout = dropout
        # an embedding of width H is a one-hot input with a learned first-layer matrix
        self.embed = nn.Embedding(vocab_size, n_hidden)
        kw = {"nonlinearity": "tanh"} if cell == "rnn" else {}
        # dropout between layers (as in char-rnn), and once more before the decoder below
        self.rnn = CELLS[cell](n_hidden, n_hidden, n_layer, batch_first=True,
                               dropout=dropout if n_layer > 1 else 0.0, **kw)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(n_hidden, vocab_size)

    def model_args(self):
        """Everything needed to rebuild this module (stored in checkpoints)."""
        return dict(vocab_size=self.vocab_size, n_layer=self.n_layer, n_hidden=self.n_hidden,
                    cell=self.cell, dropout=self.dropout)

    def num_params(self):
        return sum(p.numel() for p in self.parameters())

    def init_state(self, batch_size, device=None):
        z = torch.zeros(self.n_layer, batch_size, self.n_hidden, device=device)
        return z, z.clone()

    def forward(self, idx, state=None, targets=None):
        B, T = idx.size()  # batch, time
        h, c = state if state is not None else self.init_state(B, idx.device)
        x = self.embed(idx)  # [B, T, H]
        if self.cell == "lstm":
            y, (h, c) = self.rnn(x, (h, c))  # y: [B, T, H]; h, c: [L, B, H]
        else:
            y, h = self.rnn(x, h)
        logits = self.head(self.drop(y))  # [B, T, V]
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.float().view(-1, self.vocab_size), targets.reshape(-1))
        return logits, (h, c), loss
# --8<-- [end:charrnn]


class StepCell(nn.Module):
    """
    One time step of a CharRNN with explicit matmuls, on a *copy* of its weights.

    forward(x [B] int64, h [L,B,H], c [L,B,H]) -> logits [B,V], h_out [L,B,H], c_out [L,B,H], gates [L,G,B,H]
      lstm: G=4, rows i, f, g, o after their nonlinearities (sigmoid, sigmoid, tanh, sigmoid)
      gru:  G=3, rows r, z, n (reset, update, candidate) after sigmoid, sigmoid, tanh;
            c is not used: c_out is c passed through unchanged
      rnn:  G=1, the row is the layer's new hidden state tanh(...); c passed through unchanged
    The step runs in eval mode (no dropout). Its parameters are not CharRNN's layout: the
    embedding and layer 0's input weights and bias are one table in_table [V, G*H]; w_ih and
    b_ih hold layers 1..L-1 only (w_ih[k-1] is layer k's).
    """

    def __init__(self, model: CharRNN):
        super().__init__()
        m = model
        self.cell, self.n_layer, self.n_hidden = m.cell, m.n_layer, m.n_hidden
        # a CPU fp32 copy: exporting never moves or changes the caller's (possibly CUDA) model
        copy = lambda t: nn.Parameter(t.detach().float().cpu().clone(), requires_grad=False)
        # Layer 0's input is embed[x] with x one token id, i.e. a one-hot row times the embedding:
        # fold the embedding into layer 0's input weights once, here, so a step looks up a row of
        # in_table instead of doing a [B,H] x [H,G*H] matmul (about a quarter of a 2-layer model's
        # work per character in the browser) and the file loses the [G*H, H] w_ih[0] and [V, H] embed.
        # The product is taken in float64 and cast once, so each entry is the exact value rounded to
        # fp32 (no fp32 accumulation error of its own): parity with the fused model stays tight.
        f64 = lambda t: t.detach().double().cpu()
        table = f64(m.embed.weight) @ f64(m.rnn.weight_ih_l0).t() + f64(m.rnn.bias_ih_l0)  # [V,H]@[H,G*H]+[G*H]
        self.in_table = nn.Parameter(table.float(), requires_grad=False)  # [V, G*H]
        # layers 1..L-1 take the layer below's h: their input weights stay; index k-1 is layer k
        self.w_ih = nn.ParameterList([copy(getattr(m.rnn, f"weight_ih_l{k}")) for k in range(1, m.n_layer)])  # [G*H, H]
        self.b_ih = nn.ParameterList([copy(getattr(m.rnn, f"bias_ih_l{k}")) for k in range(1, m.n_layer)])    # [G*H]
        self.w_hh = nn.ParameterList([copy(getattr(m.rnn, f"weight_hh_l{k}")) for k in range(m.n_layer)])  # [G*H, H]
        self.b_hh = nn.ParameterList([copy(getattr(m.rnn, f"bias_hh_l{k}")) for k in range(m.n_layer)])    # [G*H]
        self.head_w, self.head_b = copy(m.head.weight), copy(m.head.bias)  # [V, H], [V]

    def forward(self, x, h, c):
        hs, cs, gates = [], [], []
        for k in range(self.n_layer):
            if k == 0:
                gi = self.in_table[x]  # [B, G*H] = embed[x] @ w_ih[0].t() + b_ih[0], folded (see __init__)
            else:
                gi = inp @ self.w_ih[k - 1].t() + self.b_ih[k - 1]  # [B, G*H]; inp is layer k-1's h
            gh = h[k] @ self.w_hh[k].t() + self.b_hh[k]  # [B, G*H]
            if self.cell == "lstm":
                i, f, g, o = (gi + gh).chunk(4, dim=1)  # PyTorch's row order: i, f, g, o
                i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
                ck = f * c[k] + i * g
                hk = o * torch.tanh(ck)
                gs = [i, f, g, o]
            elif self.cell == "gru":
                ir, iz, in_ = gi.chunk(3, dim=1)
                hr, hz, hn = gh.chunk(3, dim=1)
                r, z = torch.sigmoid(ir + hr), torch.sigmoid(iz + hz)
                n = torch.tanh(in_ + r * hn)  # the reset gate scales only the recurrent part
                hk = (1 - z) * n + z * h[k]
                ck, gs = c[k], [r, z, n]
            else:
                hk = torch.tanh(gi + gh)
                ck, gs = c[k], [hk]
            hs.append(hk); cs.append(ck); gates.append(torch.stack(gs))  # [G, B, H]
            inp = hk
        logits = inp @ self.head_w.t() + self.head_b  # [B, V]
        return logits, torch.stack(hs), torch.stack(cs), torch.stack(gates)
