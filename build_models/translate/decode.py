"""
Decoding with a trained translator, in PyTorch: greedy (batched) and beam search. The browser
runs the same rules on the ONNX files (widgets/runtime/onnx/kinds/seq2seq.ts); tests compare them.

Beam search keeps the `width` best unfinished hypotheses by total log-probability; one that
emits </s> moves to the finished list; it stops when `width` hypotheses have finished or after
max_len tokens, and returns the finished (or, if none, unfinished) hypothesis with the best
length-normalised score: total log-probability divided by its number of tokens (</s> included).
Without the division, beam search prefers translations that stop early.
"""
import torch

from .data import BOS, EOS


@torch.no_grad()
def greedy(model, src, max_len):
    """src int64 [B,S] (one source length) -> per row: (token ids without </s>, attention rows [T][S])."""
    states, _, s = model.encoder(src)
    mask = torch.ones(src.shape)
    B = src.shape[0]
    y = torch.full((B,), BOS, dtype=torch.long)
    out = [[] for _ in range(B)]
    att = [[] for _ in range(B)]
    done = torch.zeros(B, dtype=torch.bool)
    for _ in range(max_len):
        logits, s, alpha, _ = model.decoder(y, s, states, mask)
        y = logits.argmax(-1)
        for i in range(B):
            if not done[i]:
                if int(y[i]) == EOS:
                    done[i] = True
                else:
                    out[i].append(int(y[i]))
                    att[i].append(alpha[i].tolist())
        if bool(done.all()):
            break
    return list(zip(out, att))


@torch.no_grad()
def beam(model, src_ids, width, max_len):
    """One source [S] -> (token ids without </s>, attention rows, normalised score)."""
    src = torch.tensor([src_ids], dtype=torch.long)
    states, _, s = model.encoder(src)
    mask = torch.ones(1, len(src_ids))
    alive = [([], [], 0.0, s[0])]          # (tokens, attention rows, log-prob, state [H])
    finished = []
    for _ in range(max_len):
        if not alive:
            break
        n = len(alive)
        y = torch.tensor([h[0][-1] if h[0] else BOS for h in alive], dtype=torch.long)
        st = torch.stack([h[3] for h in alive])
        logits, st, alpha, _ = model.decoder(y, st, states.expand(n, -1, -1), mask.expand(n, -1))
        logp = torch.log_softmax(logits, -1)                       # [n,V]
        total = logp + torch.tensor([h[2] for h in alive])[:, None]
        top = torch.topk(total.flatten(), min(width, total.numel()))  # ties: lowest index first
        nxt = []
        V = logp.shape[1]
        for score, flat in zip(top.values.tolist(), top.indices.tolist()):
            i, tok = divmod(flat, V)
            toks, rows = alive[i][0], alive[i][1]
            if tok == EOS:
                finished.append((toks, rows, score, (score) / (len(toks) + 1)))
            else:
                nxt.append((toks + [tok], rows + [alpha[i].tolist()], score, st[i]))
        alive = nxt
        if len(finished) >= width:
            break
    pool = finished or [(t, r, sc, sc / max(1, len(t))) for t, r, sc, _ in alive]
    best = max(pool, key=lambda h: h[3])
    return best[0], best[1], best[3]
