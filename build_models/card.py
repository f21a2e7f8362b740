"""
Ship a trained run as pretrained/<model_id>/: model.onnx (fp32, one file), meta.json (small:
the site reads it before the model), README.md (the model card), and the analysis files
(evaluation.json, losses.json, neurons.json, timelapse.json + timelapse/*.onnx) next to it.
"""
import datetime
import json
import shutil
import subprocess

from .checkpoint import load_model
from .config import REPO
from .corpora import load_vocab, load_split, sha256_file
from .export import export_step_model, io_spec, parity

MAX_FILE = 12 * 2**20    # DESIGN budget per file as served
MAX_TOTAL = 80 * 2**20   # and for all of pretrained/


def git_commit():
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "build_models"], cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
        return head + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def reproduce_command(command):
    """The recorded training command with its step replaced by `all` (prepare ... export)."""
    words = (command or "").split(" ")
    if len(words) > 3 and words[:3] == ["python", "-m", "build_models"]:
        words[3] = "all"
    return " ".join(words)


def export_model(cfg):
    vocab = load_vocab(cfg)
    run = cfg.run_dir
    model, ck = load_model(run / "ckpt.pt", vocab)
    out = cfg.path(cfg.out_dir) / cfg.model_id
    if out.exists():
        shutil.rmtree(out)  # a clean folder: nothing stale from an older export survives
    out.mkdir(parents=True)
    export_step_model(model, out / "model.onnx")
    par = parity(model, out / "model.onnx", load_split(cfg, "test")[: cfg.parity_chars])
    print(f"parity on {par['chars']} test characters: max abs logit diff {par['max_abs_logit_diff']:.2e}")
    if not (run / "evaluation.json").exists():
        from .evaluate import evaluate
        evaluate(cfg)
    ev = json.loads((run / "evaluation.json").read_text())
    for name in ["evaluation.json", "losses.json", "neurons.json", "timelapse.json"]:
        if (run / name).exists():
            shutil.copy(run / name, out / name)
    if (run / "timelapse.json").exists():
        for p in json.loads((run / "timelapse.json").read_text())["points"]:
            if "onnx" in p and p["onnx"] != "model.onnx":  # the final point is the model itself
                (out / p["onnx"]).parent.mkdir(exist_ok=True)
                shutil.copy(run / p["onnx"], out / p["onnx"])
    files = {str(f.relative_to(out)): {"bytes": f.stat().st_size, "sha256": sha256_file(f)}
             for f in sorted(out.rglob("*")) if f.is_file()}
    too_big = [k for k, v in files.items() if v["bytes"] > MAX_FILE]
    if too_big:
        raise ValueError(f"{too_big} exceed the 12 MB per-file budget")
    info = json.loads((run / "config.json").read_text())
    it = ck["iter"]
    chars_seen = it * ck["config"]["batch_size"] * ck["config"]["seq_len"]
    meta = {
        "id": cfg.model_id, "kind": f"char-{model.cell}-step",
        "vocabulary": vocab["chars"],
        "architecture": {"cell": model.cell, "layers": model.n_layer, "hidden": model.n_hidden,
                         "embedding": model.n_hidden, "vocab_size": model.vocab_size,
                         "parameters": model.num_params(), "dropout": model.dropout, "dtype": "float32"},
        "io": io_spec(model),
        "corpus": {"name": cfg.corpus, "file": vocab["file"], "sha256": vocab["sha256"], "split": vocab["split"]},
        "validation": {"loss_nats": round(ev["val_loss_nats"], 4), "bits_per_char": round(ev["val_loss_bits"], 4)},
        "test": {"loss_nats": round(ev["test_loss_nats"], 4), "bits_per_char": round(ev["test_loss_bits"], 4)},
        "ngram_baseline": {"n": ev["ngram"]["best_n"], "val_bits_per_char": round(ev["ngram"]["best_val_bits"], 4),
                           "test_bits_per_char": round(ev["ngram"]["best_test_bits"], 4)},
        "parity": {k: (float(f"{v:.3g}") if isinstance(v, float) else v) for k, v in par.items()},
        "files": files,
        "training": {"command": info["command"], "reproduce": reproduce_command(info["command"]),
                     "iterations": it, "characters_seen": chars_seen,
                     "seconds": round(ck["train_seconds"], 1),
                     "wall_seconds": round(ck["wall_seconds"], 1) if "wall_seconds" in ck else None,
                     "chars_per_s": round(chars_seen / max(ck["train_seconds"], 1e-9)),
                     "machine": ck["machine"], "seed": cfg.seed},
        "commit": git_commit(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if cfg.variant_of:
        meta["variant_of"] = cfg.variant_of
    if "novelty" in ev:
        meta["novelty"] = {k: ev["novelty"][k] for k in ("samples", "non_empty", "novel", "novel_share")}
    (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False))
    (out / "README.md").write_text(model_card(meta, ev, cfg, run))
    total = sum(f.stat().st_size for f in cfg.path(cfg.out_dir).rglob("*") if f.is_file())
    if total > MAX_TOTAL:
        raise ValueError(f"{cfg.out_dir}/ holds {total / 2**20:.1f} MB, over the 80 MB budget")
    print(f"exported {out}: " + ", ".join(f"{k} {v['bytes'] / 1e6:.2f} MB" for k, v in files.items()))
    return meta


def bench_lines(cfg, t):
    """The `bench` table of this machine kind, when `python -m build_models bench` has been run."""
    kind = "cpu" if "CPU" in t["machine"]["device"] else "cuda"
    path = cfg.path(cfg.runs_dir) / f"bench-{kind}.json"
    if not path.exists():
        return []
    b = json.loads(path.read_text())
    return [f"Training throughput on {b['machine']['device']} ({b['machine'].get('threads', '-')} thread(s), "
            f"batch {b['batch_size']} × {b['seq_len']}; `python -m build_models bench`; on a shared machine these figures move with its load):", "",
            "| model | parameters | chars/s |", "|---|---|---|"] + [
            f"| {r['layers']}×{r['hidden']} {r['cell']} | {r['parameters']:,} | {r['chars_per_s']:,} |" for r in b["rows"]] + [""]


def model_card(meta, ev, cfg, run):
    a, t, sp = meta["architecture"], meta["training"], meta["corpus"]["split"]
    cpu = "CPU" in t["machine"]["device"]
    sample = ""
    if (run / "timelapse.json").exists():
        sample = json.loads((run / "timelapse.json").read_text())["points"][-1]["sample"]
    else:
        from .sample import generate
        model, _ = load_model(run / "ckpt.pt", load_vocab(cfg))
        sample = generate(model, load_vocab(cfg), cfg.sample_prompt, cfg.sample_len, cfg.sample_temperature, cfg.sample_seed)[0]
    ng = ev["ngram"]["table"]
    lines = [
        f"# {meta['id']}: a {a['layers']}×{a['hidden']} character {a['cell'].upper()}",
        "",
        (f"**CPU-trained** on {t['machine'].get('threads', '?')} thread(s) of a {t['machine']['device']} "
         f"in {t['seconds'] / 60:.1f} minutes of training steps"
         + (f" ({t['wall_seconds'] / 60:.1f} minutes wall clock with evaluation)" if t.get("wall_seconds") else "")
         + "; "
         "a small, honest model so the widgets have real weights before the GPU zoo exists.") if cpu else
        f"Trained on {t['machine']['device']} in {t['seconds'] / 60:.1f} minutes.",
        "",
    ] + ([cfg.card_note, ""] if cfg.card_note else []) + [
        "| | |", "|---|---|",
        f"| corpus | `{meta['corpus']['name']}` ({meta['corpus']['file']}, sha256 `{meta['corpus']['sha256'][:16]}…`) |",
        f"| splits (characters) | train [{sp['train'][0]:,}, {sp['train'][1]:,}), val [{sp['val'][0]:,}, {sp['val'][1]:,}), "
        f"test [{sp['test'][0]:,}, {sp['test'][1]:,}): {sp['rule']} |",
        f"| vocabulary | {a['vocab_size']} characters (order in meta.json = token id) |",
        f"| model | {a['layers']} layers × {a['hidden']} {a['cell']} cells, embedding {a['embedding']}, dropout {a['dropout']}, "
        f"{a['parameters']:,} parameters |",
        f"| training | {t['iterations']:,} steps, {t['characters_seen']:,} characters, {t['chars_per_s']:,} chars/s average "
        f"({t['machine'].get('threads', '?')} thread(s), torch {t['machine']['torch']}) |",
        f"| validation loss | **{meta['validation']['loss_nats']:.4f} nats = {meta['validation']['bits_per_char']:.4f} bits per character** |",
        f"| test loss | {meta['test']['loss_nats']:.4f} nats = {meta['test']['bits_per_char']:.4f} bits per character |",
        f"| best n-gram (n={meta['ngram_baseline']['n']}, chosen on val) | val {meta['ngram_baseline']['val_bits_per_char']:.4f}, "
        f"test {meta['ngram_baseline']['test_bits_per_char']:.4f} bits per character |",
        f"| ONNX parity | max abs logit diff {meta['parity']['max_abs_logit_diff']:.2e} vs PyTorch over "
        f"{meta['parity']['chars']:,} test characters (fp32) |",
        "| files | " + ", ".join(f"`{k}` {v['bytes'] / 1e6:.2f} MB" for k, v in meta["files"].items()) + " |",
        f"| commit, date | `{meta['commit'][:12]}`, {meta['date']} |",
    ]
    if "novelty" in meta:
        nv = ev["novelty"]
        lines.append(f"| novelty | {nv['novel_share']:.1%} of {nv['non_empty']:,} names sampled at temperature 1 "
                     f"are not in the training split (e.g. {', '.join(nv['examples_novel'][:6])}) |")
    lines += [
        "", "Losses are over every character of the split read as one stream (state carried), "
        "so val/test start from a zero state once. The n-gram baseline uses interpolated absolute "
        "discounting (D = 0.75) on the same splits; bits per character on val by order n:", "",
        "| n | " + " | ".join(str(r["n"]) for r in ng) + " |",
        "|---" * (len(ng) + 1) + "|",
        "| bits | " + " | ".join(f"{r['val_bits']:.2f}" for r in ng) + " |",
        "", "By predicted character class on test (bits per character, RNN vs best n-gram):", "",
        "| class | count | RNN | n-gram |", "|---|---|---|---|",
    ] + [f"| {c} | {v['count']:,} | {v['rnn']:.3f} | {v['ngram']:.3f} |" for c, v in ev["by_class_test_bits"].items()] + [
        "", f"Sample (seed {cfg.sample_seed}, temperature {cfg.sample_temperature}, after {cfg.sample_prompt!r}):",
        "", "```", sample.strip("\n"), "```", "",
    ] + bench_lines(cfg, t) + [
        "Reproduce (same files and numbers; the date and commit differ):", "",
        "```", t["reproduce"], "```", "",
        f"Step model ONNX: inputs `x` int64 [B], `h`, `c` float32 [{a['layers']},B,{a['hidden']}]; outputs `logits` "
        f"[B,{a['vocab_size']}], `h_out`, `c_out`, `gates` [{','.join(map(str, meta['io']['outputs']['gates']['shape']))}] "
        f"(rows {', '.join(meta['io']['outputs']['gates']['rows'])}).",
        "",
    ]
    return "\n".join(lines)
