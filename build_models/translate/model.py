"""
The encoder-decoder. One module holds both halves; export splits them into two ONNX files.

Encoder: embedding -> bidirectional GRU over the English tokens. Its outputs are the states
h_1..h_S [B,S,2H] (forward and backward halves side by side), the fixed context vector
c = [forward h_S ; backward h_1] [B,2H] (everything a decoder without attention ever sees of the
sentence) and the decoder's first state s_0 = tanh(W_b c) [B,H].

Decoder step (Bahdanau et al. 2015): from the previous French token y and state s,
  attention:     e_i = v . tanh(W_s s + W_h h_i),  alpha = softmax(e) over unmasked i,  ctx = sum_i alpha_i h_i
  no attention:  ctx = c, the same fixed vector at every step (alpha is returned as zeros)
  s' = GRUCell([E y ; ctx], s),  logits = W_o tanh(W_p [s' ; ctx ; E y]).
The two variants differ only in where ctx comes from (and the attention's own weights).

Batches in training hold sources of one length (train.py), so the encoder needs no packing and
the exported encoder computes exactly what was trained.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Encoder(nn.Module):
    def __init__(self, src_vocab, emb, hidden, dropout):
        super().__init__()
        self.embed = nn.Embedding(src_vocab, emb, padding_idx=0)
        self.rnn = nn.GRU(emb, hidden, batch_first=True, bidirectional=True)
        self.bridge = nn.Linear(2 * hidden, hidden)
        self.drop = nn.Dropout(dropout)
        self.hidden = hidden

    def forward(self, src):
        """src int64 [B,S] (no padding) -> states [B,S,2H], final [B,2H], init [B,H]."""
        states, h_n = self.rnn(self.drop(self.embed(src)))   # h_n [2,B,H]: forward's last, backward's first
        final = torch.cat([h_n[0], h_n[1]], dim=-1)         # [B,2H]
        return states, final, torch.tanh(self.bridge(final))


class DecoderStep(nn.Module):
    def __init__(self, tgt_vocab, emb, hidden, attn_dim, attention, dropout):
        super().__init__()
        self.attention = attention
        self.embed = nn.Embedding(tgt_vocab, emb, padding_idx=0)
        if attention:
            self.w_s = nn.Linear(hidden, attn_dim, bias=False)
            self.w_h = nn.Linear(2 * hidden, attn_dim)
            self.v = nn.Linear(attn_dim, 1, bias=False)
        self.cell = nn.GRUCell(emb + 2 * hidden, hidden)
        self.pre = nn.Linear(hidden + 2 * hidden + emb, hidden)
        self.out = nn.Linear(hidden, tgt_vocab)
        self.drop = nn.Dropout(dropout)
        self.hidden = hidden

    def fixed_context(self, states, mask):
        """c from the states: the forward half at the last unmasked position, the backward half at 0."""
        H = self.hidden
        last = (mask.sum(1).long() - 1).clamp(min=0)                              # [B]
        fwd = states[torch.arange(states.shape[0], device=states.device), last, :H]                     # [B,H]
        return torch.cat([fwd, states[:, 0, H:]], dim=-1)                         # [B,2H]

    def keys(self, states):
        """W_h h_i [B,S,A]: the same at every step, so training computes it once per sentence."""
        return self.w_h(states) if self.attention else None

    def attend(self, s, states, mask, keys=None, focus=None):
        """alpha [B,S] and ctx [B,2H] for decoder state s [B,H]. A row of `focus` [B,S] that is not all
        zeros replaces that row's weights (hard attention: a one-hot row; the site's soft-vs-hard demo)."""
        if not self.attention:
            return torch.zeros_like(mask), self.fixed_context(states, mask)
        keys = self.w_h(states) if keys is None else keys
        scores = self.v(torch.tanh(self.w_s(s).unsqueeze(1) + keys)).squeeze(-1)       # [B,S]
        scores = scores + (mask - 1.0) * 1e9                                       # padding never attended
        alpha = torch.softmax(scores, dim=-1)
        if focus is not None:
            use = (focus.sum(-1, keepdim=True) > 0).to(alpha.dtype)                # [B,1]
            alpha = use * focus + (1 - use) * alpha
        return alpha, torch.bmm(alpha.unsqueeze(1), states).squeeze(1)

    def forward(self, y, s, states, mask, keys=None, focus=None):
        """y int64 [B], s [B,H], states [B,S,2H], mask float [B,S] (1 = a source token), focus [B,S] or None
        -> logits [B,V], new state [B,H], attention weights [B,S], context [B,2H]."""
        e = self.drop(self.embed(y))
        alpha, ctx = self.attend(s, states, mask, keys, focus)
        s = self.cell(torch.cat([e, ctx], dim=-1), s)
        logits = self.out(self.drop(torch.tanh(self.pre(torch.cat([s, ctx, e], dim=-1)))))
        return logits, s, alpha, ctx


class Seq2Seq(nn.Module):
    def __init__(self, src_vocab, tgt_vocab, emb=128, hidden=256, attn_dim=256, attention=True, dropout=0.2):
        super().__init__()
        self.args = dict(src_vocab=src_vocab, tgt_vocab=tgt_vocab, emb=emb, hidden=hidden, attn_dim=attn_dim,
                         attention=attention, dropout=dropout)
        self.encoder = Encoder(src_vocab, emb, hidden, dropout)
        self.decoder = DecoderStep(tgt_vocab, emb, hidden, attn_dim, attention, dropout)

    def model_args(self):
        return dict(self.args)

    def num_params(self):
        return sum(p.numel() for p in self.parameters())

    def forward(self, src, tgt_in, tgt_out=None):
        """Teacher forcing. src [B,S], tgt_in [B,T] (<s> + French), tgt_out [B,T] (French + </s>, 0 = pad)
        -> logits [B,T,V], mean cross-entropy over non-pad targets (or None)."""
        states, _, s = self.encoder(src)
        mask = torch.ones(src.shape, dtype=states.dtype, device=src.device)
        keys = self.decoder.keys(states)
        logits = []
        for t in range(tgt_in.shape[1]):
            lo, s, _, _ = self.decoder(tgt_in[:, t], s, states, mask, keys)
            logits.append(lo)
        logits = torch.stack(logits, dim=1)
        loss = None if tgt_out is None else F.cross_entropy(logits.flatten(0, 1), tgt_out.flatten(), ignore_index=0)
        return logits, loss
