"""
Timelapse: the samples and losses saved during training at cfg.timelapse_iters (train.py),
gathered into runs/<model_id>/timelapse.json, plus ONNX step models for timelapse_export_iters.
"""
import json

from .checkpoint import load, load_model
from .corpora import load_vocab
from .kinds import kind_of


def export_timelapse(cfg):
    tl = cfg.run_dir / "timelapse"
    points_file = tl / "points.jsonl"
    if not cfg.timelapse_iters:
        print("timelapse: no timelapse_iters in this config; nothing to do")
        return None
    if not points_file.exists():
        raise FileNotFoundError(f"{points_file} is missing: train with timelapse_iters set first")
    points = {}
    for line in points_file.read_text().splitlines():
        p = json.loads(line)
        points[p["iter"]] = p  # a resumed run may repeat an iteration: the last record wins
    vocab = load_vocab(cfg)
    kind = kind_of(cfg)
    out = {"model_id": cfg.model_id, "sample_seed": cfg.sample_seed, "sample_temperature": cfg.sample_temperature,
           "sample_prompt": cfg.sample_prompt, "sample_len": cfg.sample_len,
           "loss_unit": "nats per character (mean over eval_iters random windows)", "points": []}
    final = max(points)
    shipped = load(cfg.model_ckpt)["iter"]
    for it in sorted(points):
        p = dict(points[it])
        if it == final and it == shipped:
            # The last point is the shipped model itself: point at model.onnx instead of shipping a
            # second copy, so the widget can always run the finished model beside the early ones.
            p["onnx"] = "model.onnx"
        elif it in cfg.timelapse_export_iters:
            model, _ = load_model(tl / f"iter_{it:06d}.pt", vocab, kind.name)
            name = f"timelapse/iter_{it:06d}.onnx"
            kind.export_onnx(model, cfg.run_dir / name, cfg.weights_dtype)
            p["onnx"] = name
        out["points"].append(p)
    missing = set(cfg.timelapse_export_iters) - set(points)
    if missing:
        raise ValueError(f"timelapse_export_iters {sorted(missing)} were not saved during training")
    (cfg.run_dir / "timelapse.json").write_text(json.dumps(out, indent=1, ensure_ascii=False))
    for p in out["points"]:
        print(f"iter {p['iter']:>6}: val {p['val_loss']:.3f}  {p['sample'][:60]!r}")
    return out
