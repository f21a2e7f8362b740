"""
The figures of docs/modules/06-beyond-text/speech.md, from the shipped model's meta.json:
docs/includes/generated/speech-accuracy.md (accuracy by SNR, by digit and by voice, the commonest
confusions, where in the word the answer settles) and speech-model.md (what was trained, on what,
for how long). `python -m build_models.speech page spoken-digits` writes them;
tests/test_speech_shipped.py fails when they differ from what render() makes of meta.json.
"""
import json

from ..config import REPO

GENERATED = REPO / "docs" / "includes" / "generated"


def pct(x):
    return f"{100 * x:.1f} %"


def snr_name(s):
    return "no noise" if s == "clean" else f"{s} dB"


def confusions(ev, digits, top=3):
    m = ev["confusion"]["total"]
    pairs = sorted(((m[i][j], i, j) for i in range(len(m)) for j in range(len(m)) if i != j and m[i][j]), reverse=True)[:top]
    per = ev["clips"] * len(ev["snrs"]) // len(digits)   # each digit's clips over all SNRs
    return ", ".join(f"“{digits[i]}” heard as “{digits[j]}” {n} times of {per}" for n, i, j in pairs)


def render(meta):
    ev, tr, a = meta["evaluation"], meta["training"], meta["architecture"]
    digits = meta["digits"]
    rows_snr = "\n".join(f"| {snr_name(r['snr'])} | {r['n']} | {pct(r['accuracy'])} |" for r in ev["by_snr"])
    rows_digit = "\n".join(f"| {r['word']} | {pct(r['accuracy'])} |" for r in ev["by_digit"])
    voices = ", ".join(f"{r['voice']} {pct(r['accuracy'])}" for r in ev["by_voice"])
    half = ev["settled_by_tenth"][4]
    accuracy = f"""On **{ev['clips']} clips** said by **{len(ev['voices'])} voices it never heard** in training
({', '.join(ev['voices'])}), each clip scored once at every noise level, our recogniser picks the
right digit **{pct(ev['accuracy'])}** of the time (chance: 10 %).

| white noise (signal-to-noise ratio) | clips | accuracy |
|---|---:|---:|
{rows_snr}

| digit said | accuracy (all noise levels) |
|---|---:|
{rows_digit}

By voice: {voices}. The commonest confusions: {confusions(ev, digits)}. Halfway through the word,
the frame-by-frame reading already agrees with the final answer in {pct(half)} of the clips; at the
word's last frame, in {pct(ev['settled_by_tenth'][-1])}.
"""
    layers = "one LSTM layer" if a["layers"] == 1 else f"{a['layers']} stacked LSTM layers"
    model = f"""The model: {layers} of {a['hidden']} units over {meta['frontend']['n_mels']} mel bands, a linear
layer to the ten digits; {a['parameters']:,} parameters ({meta['files']['model.onnx']['bytes'] / 1024:.0f} KB as ONNX). It
was trained on {tr['clips']:,} clips of {len(ev['train_voices'])} voices, {tr['steps']:,} steps of {tr['batch_size']} clips,
in {tr['seconds'] / 60:.1f} minutes on one CPU thread.
"""
    return {"speech-accuracy.md": accuracy, "speech-model.md": model}


def write(cfg, log=print):
    meta = json.loads((cfg.path(cfg.out_dir) / cfg.model_id / "meta.json").read_text())
    GENERATED.mkdir(parents=True, exist_ok=True)
    for name, text in render(meta).items():
        (GENERATED / name).write_text(text)
        log(f"wrote {GENERATED / name}")
