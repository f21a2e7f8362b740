"""
Export a trained translator to pretrained/<model_id>/:
  encoder.onnx  src int64 [B,S] -> states [B,S,2H], final [B,2H] (the fixed context vector c),
                init [B,H] (the decoder's first state)
  decoder.onnx  one step: y int64 [B], state [B,H], states [B,S,2H], mask float32 [B,S], focus float32 [B,S]
                (all zeros: the model's own attention; a one-hot row: hard attention there)
                -> logits [B,V], state_out [B,H], attention [B,S], context [B,2H]
  meta.json     vocabularies, tokeniser, sizes, io, the evaluation (BLEU by length), the command
  README.md     the card
Both files store the fp16-rounded weights as fp16 (export.store_fp16) and compute in fp32; the
parity check drives PyTorch and ONNX through greedy decoding of test sentences.
"""
import datetime
import json

import numpy as np
import torch
import torch.nn as nn

from ..export import save_onnx, weights_dtypes
from ..corpora import sha256_file
from ..train import machine
from . import data
from .evaluate import load_model


class EncoderFile(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.encoder = model.encoder

    def forward(self, src):
        return self.encoder(src)


class DecoderFile(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.decoder = model.decoder

    def forward(self, y, state, states, mask, focus):
        return self.decoder(y, state, states, mask, focus=focus)


def write_onnx(model, out, weights_dtype):
    H = model.args["hidden"]
    B, S = 2, 5  # sizes >1 so that neither is specialised to a constant
    batch = torch.export.Dim("batch", min=1, max=1024)
    src_len = torch.export.Dim("src_len", min=1, max=256)
    save_onnx(EncoderFile(model).eval(), (torch.ones(B, S, dtype=torch.long),), out / "encoder.onnx",
              ["src"], ["states", "final", "init"], {"src": {0: batch, 1: src_len}}, weights_dtype)
    args = (torch.ones(B, dtype=torch.long), torch.zeros(B, H), torch.zeros(B, S, 2 * H), torch.ones(B, S), torch.zeros(B, S))
    dyn = {"y": {0: batch}, "state": {0: batch}, "states": {0: batch, 1: src_len}, "mask": {0: batch, 1: src_len},
           "focus": {0: batch, 1: src_len}}
    save_onnx(DecoderFile(model).eval(), args, out / "decoder.onnx",
              ["y", "state", "states", "mask", "focus"], ["logits", "state_out", "attention", "context"], dyn, weights_dtype)
    for f in ("encoder.onnx", "decoder.onnx"):
        dynamic_output_dims(out / f)


def dynamic_output_dims(path):
    """The exporter declares the encoder's states as [batch, 5, 2H] (the example's length) although
    the graph computes any length: name the batch and length dims of every output so that
    onnxruntime does not warn on every call with another length. Values are unchanged."""
    import onnx
    proto = onnx.load(str(path))
    for o in proto.graph.output:
        dims = o.type.tensor_type.shape.dim
        names = {"states": ["batch", "src_len", None], "attention": ["batch", "src_len"], "mask": ["batch", "src_len"]}
        for i, name in enumerate(names.get(o.name, ["batch"])):
            if name and i < len(dims):
                dims[i].dim_param = name
    onnx.save_model(proto, str(path), save_as_external_data=False)


def sessions(out):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    return [ort.InferenceSession(str(out / f), so, providers=["CPUExecutionProvider"]) for f in ("encoder.onnx", "decoder.onnx")]


@torch.no_grad()
def parity(model, out, sources, max_len):
    """Greedy-decode each source with ONNX (driven by its own outputs) and PyTorch (fed the same
    tokens and states); the largest differences of every output."""
    enc, dec = sessions(out)
    diff = {"states": 0.0, "final": 0.0, "init": 0.0, "logits": 0.0, "state": 0.0, "attention": 0.0, "context": 0.0}
    steps = 0
    for src in sources:
        x = np.array([src], dtype=np.int64)
        st, fin, init = enc.run(None, {"src": x})
        ref = [t.numpy() for t in model.encoder(torch.from_numpy(x))]
        for k, a, b in zip(("states", "final", "init"), (st, fin, init), ref):
            diff[k] = max(diff[k], float(np.abs(a - b).max()))
        y = np.array([data.BOS], dtype=np.int64)
        s, mask = init, np.ones((1, len(src)), dtype=np.float32)
        focus = np.zeros_like(mask)
        for step in range(max_len):
            if model.args["attention"] and step == 1:
                focus[0, -1] = 1.0  # one step with hard attention on the last word: the override is checked too
            lo, s2, al, cx = dec.run(None, {"y": y, "state": s, "states": st, "mask": mask, "focus": focus})
            r = [t.numpy() for t in model.decoder(torch.from_numpy(y), torch.from_numpy(s), torch.from_numpy(st),
                                                  torch.from_numpy(mask), focus=torch.from_numpy(focus))]
            focus[:] = 0.0
            for k, a, b in zip(("logits", "state", "attention", "context"), (lo, s2, al, cx), r):
                diff[k] = max(diff[k], float(np.abs(a - b).max()))
            steps += 1
            y, s = lo.argmax(-1).astype(np.int64), s2
            if int(y[0]) == data.EOS:
                break
    return {"max_abs_diff": {k: float(f"{v:.3g}") for k, v in diff.items()}, "sentences": len(sources), "steps": steps}


def card(meta):
    ev, a = meta["evaluation"], meta["architecture"]
    rows = "\n".join(f"| {r['words'][0]}–{r['words'][1]} | {r['sources']:,} | {r['greedy']:.1f} | {r['beam']:.1f} |"
                     for r in ev["by_length"])
    return f"""# {meta['id']}: English → French, GRU encoder-decoder {'with additive attention' if a['attention'] else 'without attention'}

{meta['summary']}

- **Architecture**: embedding {a['embedding']}, bidirectional GRU encoder of {a['hidden']} units per direction,
  GRU decoder of {a['hidden']} units{f", additive attention of width {a['attention_dim']}" if a['attention'] else ", fixed context vector (no attention)"};
  {a['parameters']:,} parameters; vocabularies of {a['source_vocab']:,} English and {a['target_vocab']:,} French words
  (`<unk>` for the rest).
- **Data**: {meta['corpus']['attribution']} ({meta['corpus']['license']}): the {meta['data']['train_pairs']:,} training pairs
  whose English side has at most {meta['data']['max_words']} words; split by English sentence (md5), test:
  {ev['test_sources']:,} sources with {ev['test_pairs']:,} references.
- **Training**: {meta['training']['epochs']} epochs, {meta['training']['minutes']:.0f} minutes on {meta['training']['machine']['device']};
  best validation loss {meta['training']['best_val_loss']:.3f} nats per French token. Weights rounded to fp16.
- **Test BLEU** (sacreBLEU, {ev['signature']}): greedy **{ev['bleu']['greedy']:.1f}**, beam {ev['beam']} **{ev['bleu']['beam']:.1f}**.

| English words | sources | BLEU greedy | BLEU beam {ev['beam']} |
|---|---|---|---|
{rows}

ONNX parity with PyTorch (greedy decoding of {meta['parity']['sentences']} test sentences, {meta['parity']['steps']} steps):
largest difference {max(meta['parity']['max_abs_diff'].values()):.2g}.

Rebuild: `{meta['command']}`
"""


def export(cfg, command=""):
    d = data.load(cfg)
    model, ck = load_model(cfg)
    ev_path = cfg.run_dir / "evaluation.json"
    if not ev_path.exists():
        raise FileNotFoundError(f"{ev_path} is missing: run `python -m build_models.translate evaluate {cfg.model_id}` first")
    ev = json.loads(ev_path.read_text())
    out = cfg.path(cfg.out_dir) / cfg.model_id
    out.mkdir(parents=True, exist_ok=True)
    write_onnx(model, out, cfg.weights_dtype)
    par = parity(model, out, [t["src"] for t in d["test"][:: max(1, len(d["test"]) // 40)][:40]], cfg.max_len)
    worst = max(par["max_abs_diff"].values())
    if worst > 1e-4:
        raise ValueError(f"ONNX parity failed: largest difference {worst} > 1e-4 ({par})")
    run_cfg = json.loads((cfg.run_dir / "config.json").read_text())
    a = model.args
    meta = {
        "id": cfg.model_id, "kind": "seq2seq-gru",
        "summary": ("The translator Module 7 starts on: the decoder looks back at every English word through "
                    "additive attention." if cfg.attention else
                    "The same translator without attention: the decoder sees only the fixed context vector."),
        "created": datetime.date.today().isoformat(),
        "corpus": {"name": cfg.corpus, "file": d["file"], "sha256": d["sha256"], "license": "CC-BY 2.0 FR",
                   "attribution": "www.manythings.org/anki and tatoeba.org"},
        "data": {"max_words": cfg.max_words, "train_pairs": d["counts"]["train"]["pairs"],
                 "val_pairs": d["counts"]["val"]["pairs"], "split": d["split"], "unk_rate": d["unk_rate"]},
        "tokeniser": {"lowercase": True, "normalise": "NFC; U+202F, U+00A0 -> space; curly apostrophes -> '",
                      "english": r"[^\W_]+|'[^\W_]+|[^\s\w]|_", "french": r"[^\W_]+'|[^\W_]+|[^\s\w]|_"},
        "vocabulary": {"source": d["src_words"], "target": d["tgt_words"],
                       "specials": {"pad": data.PAD, "unk": data.UNK, "bos": data.BOS, "eos": data.EOS}},
        "architecture": {"attention": a["attention"], "embedding": a["emb"], "hidden": a["hidden"],
                         "attention_dim": a["attn_dim"] if a["attention"] else 0,
                         "encoder": "bidirectional GRU", "decoder": "GRU cell",
                         "source_vocab": a["src_vocab"], "target_vocab": a["tgt_vocab"],
                         "parameters": model.num_params(), "dropout": a["dropout"], "weights_dtype": cfg.weights_dtype},
        "io": {"encoder": {"inputs": {"src": ["B", "S"]}, "outputs": {"states": ["B", "S", 2 * a["hidden"]],
                                                                      "final": ["B", 2 * a["hidden"]], "init": ["B", a["hidden"]]}},
               "decoder": {"inputs": {"y": ["B"], "state": ["B", a["hidden"]], "states": ["B", "S", 2 * a["hidden"]], "mask": ["B", "S"],
                                      "focus": ["B", "S"]},
                           "outputs": {"logits": ["B", a["tgt_vocab"]], "state_out": ["B", a["hidden"]],
                                       "attention": ["B", "S"], "context": ["B", 2 * a["hidden"]]}}},
        # the site cuts longer sources (trained on at most max_words words, about 21 tokens)
        "decoding": {"max_len": cfg.max_len, "beam": cfg.beam, "max_source_tokens": 40,
                     "beam_rule": "keep the beam best unfinished hypotheses by total log-probability; stop when beam "
                                  "hypotheses have ended or after max_len tokens; pick by total log-probability / tokens (</s> included)"},
        "training": {"epochs": ck["state"]["epoch"], "steps": ck["state"]["step"], "best_val_loss": ck["state"]["best_val"],
                     "minutes": ck["state"]["seconds"] / 60, "history": ck["state"]["history"],
                     "machine": run_cfg.get("machine") or machine(cfg.device), "batch_size": cfg.batch_size,
                     "learning_rate": cfg.learning_rate, "command": run_cfg.get("command", "")},
        "evaluation": {k: ev[k] for k in ("bleu", "signature", "by_length", "beam", "test_sources", "test_pairs", "examples")},
        "parity": par,
        "families": {"size": cfg.size_family} if cfg.size_family else {},
        # what rebuilds this model: the training command run as `all` (prepare, train, evaluate, export)
        "command": run_cfg.get("command", "").replace(" train ", " all ", 1) or command,
        "files": {},
    }
    (out / "worst.json").write_text(json.dumps({"rules": ev["diagnosis_rules"], "diffuse_entropy": ev["diffuse_entropy"],
                                                "worst": ev["worst"]}, ensure_ascii=False, indent=1))
    for f in ("encoder.onnx", "decoder.onnx", "worst.json"):
        meta["files"][f] = {"bytes": (out / f).stat().st_size, "sha256": sha256_file(out / f)}
        if f.endswith(".onnx"):
            meta["files"][f]["weights_bytes_by_dtype"] = weights_dtypes(out / f)
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    (out / "README.md").write_text(card(meta))
    print(f"exported {cfg.model_id} -> {out}: encoder {meta['files']['encoder.onnx']['bytes']:,} B, decoder "
          f"{meta['files']['decoder.onnx']['bytes']:,} B; parity {worst:.2g}")
    return meta
