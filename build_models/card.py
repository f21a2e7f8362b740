"""
Ship a trained run as pretrained/<model_id>/: model.onnx (one file; weights fp32, or fp16 with
weights_dtype), meta.json (small: the site reads it before the model), README.md (the model card),
curves.json (the run's training curves) and the analysis files (evaluation.json, losses.json,
neurons.json, timelapse.json + timelapse/*.onnx) next to it.
"""
import datetime
import json
import shutil
import subprocess

from .checkpoint import load_model
from .config import REPO, training_keys
from .corpora import load_vocab, load_split, sha256_file
from .export import weights_dtypes
from .kinds import kind_of

MAX_FILE = 12 * 2**20    # DESIGN budget per file as served
MAX_TOTAL = 120 * 2**20  # and for all of pretrained/
# Features of the text that a cell can only track by remembering context (Karpathy's quote,
# bracket and line-length cells); the card names the cells that track these best.
CONTEXT_FEATURES = {
    "in_double_quotes": "inside double quotes", "in_parens": "inside ( ) parentheses",
    "in_brackets": "inside [ ] brackets", "in_braces": "inside { } braces",
    "nesting_depth": "bracket nesting depth", "in_c_comment": "inside a C comment",
    "in_tex_comment": "inside a TeX comment", "in_begin_end": "inside \\begin … \\end",
    "in_dollar_math": "inside $ … $ maths", "position_in_line": "position in the line",
    "indentation": "indentation of the line", "caps_line": "inside an all-capitals line (a speaker's name)",
}


def interpretable_cells(neurons, n=3):
    """n distinct cells that track context features best, [(feature, cell record)]: the best cell
    of each feature by |r| first (one cell per feature while features last), then the runners-up."""
    cand = sorted(((abs(c["score"]), f, c) for f in neurons.get("top", {}) if f in CONTEXT_FEATURES
                   for c in neurons["top"][f]), key=lambda t: -t[0])
    seen, features, out = set(), set(), []
    for one_per_feature in (True, False):
        for _, f, c in cand:
            key = (c["kind"], c["layer"], c["cell"])
            if len(out) < n and key not in seen and not (one_per_feature and f in features):
                seen.add(key)
                features.add(f)
                out.append((f, c))
    return out


def training_curves(run):
    """The run's metrics.jsonl as curves: eval points (train/val estimates) and the logged loss."""
    ev, tr = [], []
    for line in (run / "metrics.jsonl").read_text().splitlines():
        r = json.loads(line)
        if "val_loss" in r:
            ev.append({"iter": r["iter"], "train_loss": round(r["train_loss"], 4), "val_loss": round(r["val_loss"], 4)})
        elif "loss" in r:
            tr.append({"iter": r["iter"], "loss": round(r["loss"], 4)})
    last = {}
    for p in ev:
        last[p["iter"]] = p  # a resumed run may repeat an iteration: the last record wins
    return {"unit": "nats per character", "eval": [last[k] for k in sorted(last)],
            "eval_note": "train and val estimates: eval_iters random windows per split, fresh state each",
            "train": tr}


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
    kind = kind_of(cfg)
    vocab = load_vocab(cfg)
    run = cfg.run_dir
    model, ck = load_model(cfg.model_ckpt, vocab, kind.name)
    out = cfg.path(cfg.out_dir) / cfg.model_id
    if out.exists():
        shutil.rmtree(out)  # a clean folder: nothing stale from an older export survives
    out.mkdir(parents=True)
    kind.export_onnx(model, out / "model.onnx", cfg.weights_dtype)
    par = kind.parity(model, out / "model.onnx", load_split(cfg, "test")[: cfg.parity_chars])
    print(f"parity on {par['chars']} test characters: max abs logit diff {par['max_abs_logit_diff']:.2e}")
    if not (run / "evaluation.json").exists():
        kind.require("evaluate")  # the card and meta.json quote the evaluation's losses
        from .evaluate import evaluate
        evaluate(cfg)
    ev = json.loads((run / "evaluation.json").read_text())
    for name in ["evaluation.json", "losses.json", "neurons.json", "timelapse.json"]:
        if (run / name).exists():
            shutil.copy(run / name, out / name)
    if (run / "metrics.jsonl").exists():
        (out / "curves.json").write_text(json.dumps(training_curves(run), ensure_ascii=False))
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
    train_chars = vocab["split"]["train"][1] - vocab["split"]["train"][0]
    sample = kind.sample(cfg, model, vocab)
    stored = weights_dtypes(out / "model.onnx")
    meta = {
        "id": cfg.model_id, "kind": kind.meta_kind(model),
        "vocabulary": vocab["chars"],
        "architecture": {**kind.architecture(model),
                         # what the file stores; the model computes in fp32 either way (export.store_fp16)
                         "weights_dtype": cfg.weights_dtype, "weight_bytes_by_dtype": stored},
        "io": kind.io_spec(model),
        "corpus": {"name": cfg.corpus, "file": vocab["file"], "sha256": vocab["sha256"], "split": vocab["split"]},
        "validation": {"loss_nats": round(ev["val_loss_nats"], 4), "bits_per_char": round(ev["val_loss_bits"], 4)},
        "test": {"loss_nats": round(ev["test_loss_nats"], 4), "bits_per_char": round(ev["test_loss_bits"], 4)},
        "ngram_baseline": {"n": ev["ngram"]["best_n"], "val_bits_per_char": round(ev["ngram"]["best_val_bits"], 4),
                           "test_bits_per_char": round(ev["ngram"]["best_test_bits"], 4)},
        "parity": {k: (float(f"{v:.3g}") if isinstance(v, float) else v) for k, v in par.items()},
        "files": files,
        "training": {"command": info["command"],
                     "reproduce": (f"python -m build_models all {cfg.model_id}" if cfg.gpu_run
                                   else reproduce_command(info["command"])),
                     "gpu_run": cfg.gpu_run or None,
                     "checkpoint": "best validation estimate" if ck.get("best_of_run") else "final step",
                     "iterations": it, "characters_seen": chars_seen,
                     "epochs": round(chars_seen / train_chars, 2),
                     "config": training_keys(info["config"]),
                     "seconds": round(ck["train_seconds"], 1),
                     "wall_seconds": round(ck["wall_seconds"], 1) if "wall_seconds" in ck else None,
                     "chars_per_s": round(chars_seen / max(ck["train_seconds"], 1e-9)),
                     "machine": ck["machine"], "seed": cfg.seed},
        "commit": git_commit(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    families = {k: v for k, v in (("size", cfg.size_family), ("cell", cfg.cell_family)) if v}
    if families:
        meta["families"] = families
    meta["sample"] = {"seed": cfg.sample_seed, "temperature": cfg.sample_temperature, "prompt": cfg.sample_prompt,
                      "text": sample}
    if "tail" in ev:
        meta["tail_eval"] = {k: (round(v, 4) if isinstance(v, float) and k != "frac" else v) for k, v in ev["tail"].items()}
    if "novelty" in ev:
        meta["novelty"] = {k: ev["novelty"][k] for k in ("samples", "non_empty", "novel", "novel_share")}
    (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False))
    (out / "README.md").write_text(model_card(meta, ev, cfg, run))
    total = sum(f.stat().st_size for f in cfg.path(cfg.out_dir).rglob("*") if f.is_file())
    if total > MAX_TOTAL:
        raise ValueError(f"{cfg.out_dir}/ holds {total / 2**20:.1f} MB, over the {MAX_TOTAL // 2**20} MB budget")
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
    sample = meta["sample"]["text"]
    ng = ev["ngram"]["table"]
    lines = [
        f"# {meta['id']}: a {a['layers']}×{a['hidden']} character {a['cell'].upper()}",
        "",
        (f"**CPU-trained** on {t['machine'].get('threads', '?')} thread(s) of a {t['machine']['device']} "
         f"in {t['seconds'] / 60:.1f} minutes of training steps"
         + (f" ({t['wall_seconds'] / 60:.1f} minutes wall clock with evaluation)" if t.get("wall_seconds") else "")
         + ".") if cpu else
        (f"**GPU-trained** on one {t['machine']['device']} (torch {t['machine']['torch']}, fp16 autocast) "
         f"in {t['seconds'] / 60:.1f} minutes of training steps"
         + (f" ({t['wall_seconds'] / 60:.1f} minutes wall clock with evaluation)" if t.get("wall_seconds") else "")
         + f": {t['characters_seen']:,} characters seen, {t['epochs']} passes over the training split"
         + (f" (run `{t['gpu_run']}` of ../shared/gpu-runs)." if t.get("gpu_run") else ".")),
        "",
        f"Shipped checkpoint: the {t['checkpoint']} (step {t['iterations']:,}). Weights stored as "
        f"{a['weights_dtype']} in the ONNX file, computed in float32"
        + (" (the GPU checkpoint is fp16: nothing is lost)." if a["weights_dtype"] == "float16" else "."),
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
        + (f"({t['machine'].get('threads', '?')} thread(s), torch {t['machine']['torch']}) |" if cpu
           else f"({t['machine']['device']}, torch {t['machine']['torch']}) |"),
        f"| validation loss | **{meta['validation']['loss_nats']:.4f} nats = {meta['validation']['bits_per_char']:.4f} bits per character** |",
        f"| test loss | {meta['test']['loss_nats']:.4f} nats = {meta['test']['bits_per_char']:.4f} bits per character |",
        f"| best n-gram (n={meta['ngram_baseline']['n']}, chosen on val) | val {meta['ngram_baseline']['val_bits_per_char']:.4f}, "
        f"test {meta['ngram_baseline']['test_bits_per_char']:.4f} bits per character |",
        f"| ONNX parity | max abs logit diff {meta['parity']['max_abs_logit_diff']:.2e} vs PyTorch over "
        f"{meta['parity']['chars']:,} test characters (same weights, fp32 arithmetic) |",
        "| files | " + ", ".join(f"`{k}` {v['bytes'] / 1e6:.2f} MB" for k, v in meta["files"].items()) + " |",
        f"| commit, date | `{meta['commit'][:12]}`, {meta['date']} |",
    ]
    if "tail_eval" in meta:
        te = meta["tail_eval"]
        lines.append(f"| last {te['frac']:.0%} of the file | {te['loss_nats']:.4f} nats = {te['loss_bits']:.4f} bits per character "
                     f"over {te['chars']:,} characters from {te['start']:,} (nanoGPT's validation split of this file) |")
    if "novelty" in meta:
        nv = ev["novelty"]
        lines.append(f"| novelty | {nv['novel_share']:.1%} of {nv['non_empty']:,} names sampled at temperature 1 "
                     f"are not in the training split (e.g. {', '.join(nv['examples_novel'][:6])}) |")
    cells = interpretable_cells(json.loads((run / "neurons.json").read_text())) if (run / "neurons.json").exists() else []
    if cells:
        lines += ["", "Its three most interpretable cells (Pearson r between the cell's value and a feature of the "
                  "text, over the first test characters; `neurons.json` has them all):", ""] + [
            f"- `{c['kind']}` layer {c['layer']} cell {c['cell']}: {CONTEXT_FEATURES[f]}, r = {c['score']:+.2f}"
            for f, c in cells]
    lines += [
        "", "Losses are over every character of the split read as one stream (state carried; a long split "
        "is read as side-by-side pieces, each warmed up on the 512 characters before it), "
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
