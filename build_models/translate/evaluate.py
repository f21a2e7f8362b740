"""
Evaluate a translator on the test sources: sacreBLEU (13a tokens, every reference of a source)
for greedy and beam search, overall and by English length in words, and the data the Attention
Debugging challenge draws on (the attention model's worst translations with their weights).
Writes runs/<model_id>/evaluation.json.
"""
import json
import math

import sacrebleu
import torch

from .. import checkpoint
from . import data
from .decode import beam, greedy
from .model import Seq2Seq

# English length buckets in words (the subset stops at max_words)
BUCKETS = [(1, 4), (5, 6), (7, 8), (9, 10), (11, 12)]


def load_model(cfg):
    """The best-validation weights rounded to fp16 (what export ships), in eval mode."""
    path = cfg.run_dir / "best.pt"
    ck = checkpoint.load(path if path.exists() else cfg.run_dir / "ckpt.pt")
    model = Seq2Seq(**ck["model_args"])
    sd = ck["model"]
    if cfg.weights_dtype == "float16":
        sd = {k: v.half().float() if v.is_floating_point() else v for k, v in sd.items()}
    model.load_state_dict(sd)
    return model.eval(), ck


def bleu(hyps, refs):
    """(corpus BLEU score, sacreBLEU signature) with a variable number of references per hypothesis."""
    n = max((len(r) for r in refs), default=1)
    streams = [[r[i] if i < len(r) else None for r in refs] for i in range(n)]
    metric = sacrebleu.metrics.BLEU()
    return metric.corpus_score(hyps, streams).score, str(metric.get_signature())


def attention_entropy(rows):
    """Mean entropy (nats) of the attention rows: 0 = each word looks at one source word."""
    if not rows:
        return 0.0
    return sum(-sum(a * math.log(a) for a in r if a > 0) for r in rows) / len(rows)


def evaluate(cfg, limit=0):
    torch.set_num_threads(cfg.threads)
    d = data.load(cfg)
    model, ck = load_model(cfg)
    words = d["tgt_words"]
    tests = d["test"][: limit or None]
    results = [None] * len(tests)
    by_len = {}
    for i, t in enumerate(tests):
        by_len.setdefault(len(t["src"]), []).append(i)
    for idxs in by_len.values():
        for k in range(0, len(idxs), 256):
            chunk = idxs[k:k + 256]
            src = torch.tensor([tests[i]["src"] for i in chunk], dtype=torch.long)
            for i, (toks, att) in zip(chunk, greedy(model, src, cfg.max_len)):
                results[i] = {"greedy": toks, "greedy_attention": att}
    for i, t in enumerate(tests):
        toks, att, score = beam(model, t["src"], cfg.beam, cfg.max_len)
        results[i].update(beam=toks, beam_attention=att, beam_score=score)
    text = lambda toks: data.detokenise_fr([words[j] for j in toks])
    greedy_h = [text(r["greedy"]) for r in results]
    beam_h = [text(r["beam"]) for r in results]
    refs = [t["refs"] for t in tests]
    greedy_bleu, signature = bleu(greedy_h, refs)
    table = []
    for lo, hi in BUCKETS:
        idx = [i for i, t in enumerate(tests) if lo <= t["words"] <= hi]
        if not idx:
            continue
        table.append({"words": [lo, hi], "sources": len(idx),
                      "greedy": round(bleu([greedy_h[i] for i in idx], [refs[i] for i in idx])[0], 2),
                      "beam": round(bleu([beam_h[i] for i in idx], [refs[i] for i in idx])[0], 2)})
    # the worst greedy translations (sentence BLEU against all references), each with a diagnosis
    # made by rules from what the model saw and did (the Attention Debugging challenge)
    entropies = sorted(attention_entropy(r["greedy_attention"]) for r in results)
    diffuse = entropies[int(0.9 * (len(entropies) - 1))] if cfg.attention else float("inf")
    worst = []
    for i, t in enumerate(tests):
        if t["words"] < 4:
            continue
        sb = sacrebleu.sentence_bleu(greedy_h[i], refs[i]).score
        toks = [words[j] for j in results[i]["greedy"]]
        unknown = [w for w, j in zip(data.tokenise_en(t["source"]), t["src"]) if j == data.UNK]
        repeats = any(a == b and a not in ".,!?-" for a, b in zip(toks, toks[1:]))
        ratio = len(toks) / max(1, min(len(data.tokenise_fr(r)) for r in refs[i]))
        ent = attention_entropy(results[i]["greedy_attention"])
        diagnosis = ("unknown-word" if unknown else "repetition" if repeats else "diffuse-attention" if ent > diffuse
                     else "too-short" if ratio < 0.6 else "wrong-words")
        worst.append({"source": t["source"], "refs": refs[i], "greedy": greedy_h[i], "sentence_bleu": round(sb, 2),
                      "attention_entropy": round(ent, 4), "unknown": unknown, "repeats": repeats,
                      "length_ratio": round(ratio, 3), "diagnosis": diagnosis})
    worst.sort(key=lambda w: (w["sentence_bleu"], w["source"]))
    out = {"model_id": cfg.model_id, "attention": cfg.attention, "epochs": ck["state"]["epoch"],
           "best_val_loss": round(ck["state"]["best_val"], 4), "test_sources": len(tests),
           "test_pairs": sum(len(r) for r in refs), "max_len": cfg.max_len, "beam": cfg.beam,
           "bleu": {"greedy": round(greedy_bleu, 2), "beam": round(bleu(beam_h, refs)[0], 2)},
           "signature": signature,
           "by_length": table,
           "examples": [{"source": tests[i]["source"], "refs": refs[i], "greedy": greedy_h[i], "beam": beam_h[i]}
                        for i in range(0, len(tests), max(1, len(tests) // 12))][:12],
           "diffuse_entropy": None if diffuse == float("inf") else round(diffuse, 4),
           "diagnosis_rules": ("in this order: unknown-word (an English word outside the vocabulary), repetition "
                               "(a French word twice in a row), diffuse-attention (mean attention entropy above the 90th "
                               "percentile of the test set), too-short (under 0.6 of the shortest reference's words), "
                               "else wrong-words"),
           "worst": worst[:60]}
    (cfg.run_dir / "evaluation.json").write_text(json.dumps(out, ensure_ascii=False, indent=1))
    print(f"{cfg.model_id}: BLEU greedy {out['bleu']['greedy']}, beam {cfg.beam} {out['bleu']['beam']} on "
          f"{len(tests):,} test sources; by English length: "
          + ", ".join(f"{r['words'][0]}-{r['words'][1]}: {r['greedy']}/{r['beam']}" for r in table))
    return out
