"""Module 5's generated content, from the models in pretrained/ (re-runnable, fixed seeds).

    python -m coursekit.samples           # (re)write docs/includes/generated/ and the Spot-the-Bug data
    python -m coursekit.samples --check   # exit 1 if a committed file differs from what it would write

For every model folder `pretrained/<id>/` (model.onnx + meta.json) it writes, with
Python onnxruntime on one thread and NumPy's seeded generator:

- `experiment-<key>.md`: our samples at two temperatures for each experiment of
  Karpathy's post that has a model of ours (or a plain sentence saying why not);
- `timelapse.md`: the samples saved during training, measured against the corpus;
- `neurons.md`: character heatmaps of the cells neurons.json found, as static HTML;
- `docs/assets/data/spot-the-bug.json`: samples cut into tokens, with the errors
  the automatic checkers of `coursekit.textchecks` find (the answer key).

The corpora are read from ../shared/corpora (MANIFEST.md) beside the checkout.
New models appear on the next run: nothing here names a model id.
"""
from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np

from build_models.corpora import read_manifest
from coursekit import textchecks as tc

ROOT = Path(__file__).resolve().parent.parent
PRETRAINED = ROOT / "pretrained"
GENERATED = ROOT / "docs" / "includes" / "generated"
SPOT_DATA = ROOT / "docs" / "assets" / "data" / "spot-the-bug.json"
CORPORA = ROOT.parent / "shared" / "corpora"

TEMPERATURES = (0.5, 1.0)
SEED = 2015          # the year of the post; any fixed number makes the samples re-runnable
SAMPLE_CHARS = 500
NAMES = 200          # names drawn per temperature (the novelty share is measured on all of them)
NAMES_SHOWN = 16
SPOT_PER_MODEL = 4
# Karpathy's experiments and the corpora of ours that stand in for each (MANIFEST.md names).
EXPERIMENTS = {
    "paulgraham": [],
    "shakespeare": ["shakespeare", "tinyshakespeare"],
    "wikipedia": [],
    "latex": ["stacks"],
    "linux": ["linux"],
    "names": ["names"],
    "warandpeace": ["warandpeace"],
}
LIST_CORPORA = {"names"}           # one item per line: sampled as a list, no Spot-the-Bug
PLAY_CORPORA = {"tinyshakespeare", "shakespeare"}
FEATURE_TEXT = {
    "position_in_line": "how far into the line the character is",
    "caps_line": "being inside an all-capitals line (a speaker's name)",
    "uppercase": "capital letters",
    "space": "spaces",
    "vowel": "vowels",
    "consonant": "consonants",
    "inside_word": "being inside a word",
    "start_of_word": "the first letter of a word",
    "after_newline": "the newline character",
    "after_sentence_end": "the stretch after a full stop, ! or ?",
    "punctuation": "punctuation marks",
    "in_double_quotes": "being inside double quotes",
    "in_brackets": "being inside [ ] brackets",
    "in_parens": "being inside ( ) parentheses",
    "in_braces": "being inside { } braces",
    "nesting_depth": "how deeply brackets are nested",
    "in_c_comment": "being inside a C comment",
    "in_begin_end": "being inside a \\begin … \\end environment",
    "in_dollar_math": "being inside $ … $ maths",
}


class StepModel:
    """One pretrained character LSTM, stepped with onnxruntime (batch of one)."""

    def __init__(self, folder: Path):
        import onnxruntime as ort

        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.id = self.meta["id"]
        self.vocab: list[str] = self.meta["vocabulary"]
        self.index = {ch: i for i, ch in enumerate(self.vocab)}
        arch = self.meta["architecture"]
        self.shape = (arch["layers"], 1, arch["hidden"])
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = opts.inter_op_num_threads = 1  # one thread: identical results on re-runs
        self.session = ort.InferenceSession(str(folder / "model.onnx"), opts, providers=["CPUExecutionProvider"])

    def zero(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.shape, np.float32), np.zeros(self.shape, np.float32)

    def step(self, ch: str, h: np.ndarray, c: np.ndarray):
        """Feed one character: logits [V], h, c [L, 1, H]."""
        logits, h, c, _ = self.session.run(
            ["logits", "h_out", "c_out", "gates"], {"x": np.array([self.index[ch]], np.int64), "h": h, "c": c})
        return logits[0], h, c

    def states(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """h and c after each character of `text`, from a zero state: [T, L, H] each."""
        h, c = self.zero()
        hs, cs = [], []
        for ch in text:
            _, h, c = self.step(ch, h, c)
            hs.append(h[:, 0])
            cs.append(c[:, 0])
        return np.array(hs), np.array(cs)

    def sample(self, n: int, temperature: float, rng: np.random.Generator, prompt: str = "\n",
               stop: str | None = None) -> str:
        """Draw `n` characters after `prompt` (or up to `stop`); softmax in float64."""
        h, c = self.zero()
        for ch in prompt:
            logits, h, c = self.step(ch, h, c)
        out = []
        for _ in range(n):
            z = logits.astype(np.float64) / temperature
            p = np.exp(z - z.max())
            i = min(int(np.searchsorted(np.cumsum(p / p.sum()), rng.random(), side="right")), len(p) - 1)
            if stop is not None and self.vocab[i] == stop:
                break
            out.append(self.vocab[i])
            logits, h, c = self.step(self.vocab[i], h, c)
        return "".join(out)


def models() -> list[Path]:
    """Folders of pretrained/ that hold a step model, sorted by id; comparison models (meta `families`:
    the Model Size Explorer's sizes, the cell comparison's cells) are left out: the pages quote main models."""
    return sorted(p.parent for p in PRETRAINED.glob("*/meta.json")
                  if (p.parent / "model.onnx").is_file() and not json.loads(p.read_text(encoding="utf-8")).get("families"))


@lru_cache(maxsize=None)
def corpus(name: str, corpora: Path = CORPORA) -> str:
    """The text of a corpus named in MANIFEST.md."""
    return (corpora / read_manifest(corpora)[name]["file"]).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def vocabulary(name: str) -> frozenset[str]:
    return frozenset(tc.corpus_words(corpus(name)))


@lru_cache(maxsize=None)
def speakers(name: str) -> frozenset[str] | None:
    return frozenset(tc.corpus_speakers(corpus(name))) if name in PLAY_CORPORA else None


def rng_for(model_id: str, purpose: str) -> np.random.Generator:
    """A generator per model and purpose, so adding a model changes no other output."""
    return np.random.default_rng([SEED, *map(ord, f"{model_id}/{purpose}")])


def arch_line(meta: dict) -> str:
    a = meta["architecture"]
    return (f"{a['layers']} layers × {a['hidden']} {a['cell'].upper()} cells, {a['parameters']:,} parameters, "
            f"validation loss {meta['validation']['bits_per_char']:.2f} bits per character")


GENERATED_NOTE = "<!-- generated by `python -m coursekit.samples`: edit the generator, not this file -->\n"


# ---------------------------------------------------------------- experiments

def experiment_page(key: str, loaded: dict[str, StepModel], corpora: Path) -> str:
    """The 'our own samples' block of one experiment."""
    names = EXPERIMENTS[key]
    manifest = read_manifest(corpora)
    ours = [m for m in loaded.values() if m.meta["corpus"]["name"] in names]
    out = [GENERATED_NOTE]
    if not names:
        out.append("**Our samples:** none. We have no corpus of our own for this experiment, so no model either.\n")
        return "\n".join(out)
    if not ours:
        have = [n for n in names if n in manifest]
        sizes = ", ".join(f"`{manifest[n]['file']}` ({manifest[n]['bytes']:,} bytes)" for n in have)
        out.append(f"**Our samples:** not yet. We have the corpus ({sizes}) but no model trained on it so far; "
                   "samples appear here when one is added to `pretrained/` and this page is regenerated.\n")
        return "\n".join(out)
    for m in ours:
        cname = m.meta["corpus"]["name"]
        size = manifest[cname]["bytes"] if cname in manifest else None
        out.append(f"**Our model `{m.id}`** (trained on `{cname}`"
                   + (f", {size:,} bytes" if size else "") + f"): {arch_line(m.meta)}.\n")
        for t in TEMPERATURES:
            rng = rng_for(m.id, f"sample-{t}")
            out.append(f'=== "Temperature {t}"\n')
            if cname in LIST_CORPORA:
                drawn = [m.sample(40, t, rng, stop="\n") for _ in range(NAMES)]
                known = set(corpus(cname).split("\n"))
                novel = sum(d not in known for d in drawn)
                out.append("    " + ", ".join(d.capitalize() for d in drawn[:NAMES_SHOWN]) + "\n")
                out.append(f"    {novel} of the {NAMES} names drawn at this temperature ({pct(novel / NAMES)}) "
                           "are not in the training list; the first 16 are shown.\n")
            else:
                text = m.sample(SAMPLE_CHARS, t, rng)
                text = text[: text.rfind("\n")] if "\n" in text else text  # end on a whole line
                out.append("    ```text\n" + "".join(f"    {l}\n" for l in text.split("\n")) + "    ```\n")
                mm = tc.measure(text, vocabulary(cname))
                out.append(f"    {pct(mm.real_word_share)} of its {mm.words} words occur in the corpus; "
                           f"mean word length {mm.mean_word_length:.1f} letters.\n")
        out.append(f"<small>Seed {SEED}, prompt: one newline. Regenerate with `python -m coursekit.samples`.</small>\n")
    return "\n".join(out)


# ---------------------------------------------------------------- timelapse

def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def learned(prev: tc.Measures | None, m: tc.Measures, listing: bool) -> str:
    """A short reading of the measures, from thresholds on them (no hand-written verdicts)."""
    notes = []
    if listing:  # a list of names: new names are the point, copies of the list show what it absorbed
        notes.append("mostly strings that are not on the list" if m.real_word_share < 0.2 else
                     "a growing share of real names, the rest new" if m.real_word_share < 0.5 else
                     "mostly names from the list")
    else:
        notes.append("nearly every word is a real one" if m.real_word_share >= 0.9 else
                     "most words are real" if m.real_word_share >= 0.75 else "many invented words")
        if prev and m.real_word_share - prev.real_word_share >= 0.05:
            notes.append("more real words than before")
    if m.known_heading_share is not None and m.headings:
        notes.append("every speaker heading names a real character" if m.known_heading_share == 1 else
                     "speaker headings in the right format, invented names" if m.known_heading_share == 0 else
                     "speaker headings in the right format, some names invented")
    if not listing and m.capital_line_share >= 0.9:
        notes.append("lines start with a capital")
    if m.unmatched_brackets:
        notes.append(f"{m.unmatched_brackets} unmatched bracket(s)")
    if m.double_quotes:
        notes.append("dialogue in quotes, each one closed" if m.double_quotes % 2 == 0 else "a quote still open at the end")
    return "; ".join(notes)


def quotes_cell(m: tc.Measures) -> str:
    """The time-lapse's quotes column: how many double quotes, and whether they pair up."""
    if not m.double_quotes:
        return "none"
    return f"{m.double_quotes}, " + ("balanced" if m.double_quotes % 2 == 0 else "one still open at the end")


def saved(loaded: dict[str, StepModel], name: str) -> Iterator[tuple[StepModel, dict]]:
    """(model, parsed pretrained/<id>/<name>) for each loaded model that saved that file."""
    for m in loaded.values():
        path = PRETRAINED / m.id / name
        if path.is_file():
            yield m, json.loads(path.read_text(encoding="utf-8"))


def timelapse_page(loaded: dict[str, StepModel]) -> str:
    out = [GENERATED_NOTE]
    if not any(m.meta["corpus"]["name"] in EXPERIMENTS["warandpeace"]
               and (PRETRAINED / m.id / "timelapse.json").is_file() for m in loaded.values()):
        out.append("*War and Peace:* no model of ours trained on that corpus has saved a time-lapse yet, "
                   "so the published run has no counterpart here; the tables below are our other models.\n")
    for m, tl in saved(loaded, "timelapse.json"):
        cname = m.meta["corpus"]["name"]
        vocab, spk = vocabulary(cname), speakers(cname)
        unit = "names" if cname in LIST_CORPORA else "words"
        out.append(f"### Model `{m.id}`\n")
        out.append(f"Samples of {tl['sample_len']} characters at temperature {tl['sample_temperature']}, "
                   f"seed {tl['sample_seed']}, saved while training; measured against every {unit[:-1]} "
                   f"of the `{cname}` corpus.\n")
        head = ["iteration", "validation loss (nats/char)", "sample (first lines)", f"real {unit}",
                f"mean {unit[:-1]} length"]
        if spk is not None:
            head.append("speaker headings known")
        quotes = any('"' in p["sample"] for p in tl["points"])
        if quotes:
            head.append("double quotes")
        head.append("what it learned (from the measures)")
        rows = []
        prev = None
        for p in tl["points"]:
            mm = tc.measure(p["sample"], vocab, spk)
            first = "\n".join(p["sample"].strip("\n").split("\n")[:3])[:150]
            cells = [f"{p['iter']:,}", f"{p['val_loss']:.2f}",
                     "<code>" + html.escape(first).replace("\n", "<br>") + "</code>",
                     pct(mm.real_word_share), f"{mm.mean_word_length:.1f}"]
            if spk is not None:
                cells.append(f"{round(mm.known_heading_share * mm.headings)} of {mm.headings}"
                             if mm.headings else "none")
            if quotes:
                cells.append(quotes_cell(mm))
            cells.append(html.escape(learned(prev, mm, cname in LIST_CORPORA)))
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            prev = mm
        out.append('<div class="rnn-table-scroll" tabindex="0" role="region" aria-label="Time-lapse of '
                   f'{m.id}"><table class="rnn-timelapse"><thead><tr>'
                   + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead><tbody>\n"
                   + "\n".join(rows) + "\n</tbody></table></div>\n")
    return "\n".join(out)


# ---------------------------------------------------------------- neurons

NEG, POS, TEXT = (0x6E, 0xA8, 0xDC), (0xF0, 0x8C, 0x5A), "#111111"


def colour(v: float, scale: float) -> str:
    """White at 0, blue toward -scale, orange toward +scale (dark text stays ≥ 7:1 on all of them)."""
    a = max(-1.0, min(1.0, v / scale)) if scale else 0.0
    end = POS if a > 0 else NEG
    mix = [round(255 + (e - 255) * abs(a)) for e in end]
    return "#" + "".join(f"{x:02x}" for x in mix)


def heatmap(text: str, act: np.ndarray, label: str) -> str:
    scale = float(np.abs(act).max())
    spans = []
    for ch, v in zip(text, act):
        shown = "↵" if ch == "\n" else html.escape(ch)
        spans.append(f'<span style="background:{colour(v, scale)}" title="{v:+.2f}">{shown}</span>'
                     + ("<br>" if ch == "\n" else ""))
    legend = (f'<div class="rnn-heat__legend" aria-hidden="true"><span>{-scale:+.1f}</span>'
              f'<span class="rnn-heat__bar" style="background:linear-gradient(to right,{colour(-1, 1)},#ffffff,'
              f'{colour(1, 1)})"></span><span>{scale:+.1f}</span></div>')
    shown_chars = ["newline" if ch == "\n" else "space" if ch == " " else html.escape(ch) for ch in text]
    rows = "".join(f"<tr><td>{i}</td><td><code>{s}</code></td><td>{v:+.2f}</td></tr>"
                   for i, (s, v) in enumerate(zip(shown_chars, act)))
    return (f'<figure class="rnn-heat"><div class="rnn-heat__text" style="color:{TEXT}">{"".join(spans)}</div>'
            f"{legend}<figcaption>{label} Blue: negative, white: zero, orange: positive; the scale runs from "
            f"{-scale:+.1f} to {scale:+.1f}.</figcaption></figure>\n"
            f'<details class="rnn-heat__data"><summary>The same activations as numbers</summary>'
            f'<table><thead><tr><th scope="col">position</th><th scope="col">character</th>'
            f'<th scope="col">activation</th></tr></thead><tbody>{rows}</tbody></table></details>\n')


# Features that depend on context (what is open, how far along the line): a cell that follows one
# has to remember something, unlike a vowel or space detector, which can echo the current input.
CONTEXT_FEATURES = {"position_in_line", "caps_line", "in_double_quotes", "in_brackets", "in_parens", "in_braces",
                    "nesting_depth", "in_c_comment", "in_begin_end", "in_dollar_math"}
STRONG = 0.5  # |r| at which a context cell is pictured ahead of stronger letter-class cells


def pick_cells(nj: dict, count: int = 3) -> list[tuple[str, dict]]:
    """The strongest cells, one per feature, never the same cell twice; strong context cells first."""
    def rank(fe):
        score = abs(fe[1]["score"])
        return (not (fe[0] in CONTEXT_FEATURES and score >= STRONG), -score)
    best = sorted(((f, nj["top"][f][0]) for f in nj["features"]), key=rank)
    out, seen = [], set()
    for f, e in best:
        key = (e["kind"], e["layer"], e["cell"])
        if key not in seen and f in FEATURE_TEXT:
            seen.add(key)
            out.append((f, e))
    return out[:count]


def neurons_page(loaded: dict[str, StepModel]) -> str:
    out = [GENERATED_NOTE]
    for m, nj in saved(loaded, "neurons.json"):
        cname = m.meta["corpus"]["name"]
        test0 = m.meta["corpus"]["split"]["test"][0]
        out.append(f"### Model `{m.id}`\n")
        out.append(f"Scored on {nj['chars']:,} characters of the `{cname}` test split.\n")
        picks = pick_cells(nj)
        end = max(e["example"]["start"] + len(e["example"]["text"]) for _, e in picks)
        text = corpus(cname)[test0:test0 + end]
        hs, cs = m.states(text)  # the model reads the test split from its start, as the analysis did
        for f, e in picks:
            ex = e["example"]
            acts = (hs if e["kind"] == "h" else cs)[ex["start"]:ex["start"] + len(ex["text"]), e["layer"], e["cell"]]
            acts = np.round(acts.astype(np.float64), 2)
            name = f"{'memory cell c' if e['kind'] == 'c' else 'hidden unit h'}[{e['layer']}][{e['cell']}]"
            r = e["score"]
            direction = "higher" if r > 0 else "lower"
            out.append(f"**{name.capitalize()} tracks {FEATURE_TEXT[f]}** (Pearson r = {r:+.2f}): its value is "
                       f"{direction} where the feature is higher. A straight line through the feature explains "
                       f"r² = {r * r:.2f}, i.e. {pct(r * r)}, of the cell's variance over the test text; "
                       "the rest is something else.\n")
            label = (f"Layer {e['layer'] + 1}, {name}, on {len(ex['text'])} characters of the test split "
                     f"(position {ex['start']:,} onward).")
            out.append(heatmap(ex["text"], acts, label))
            # The include lands on 05-experiments/neurons.md, so the link is relative to that page.
            # The query opens the explorer on this very cell (widgets/heatmap-explorer parseCellLink).
            query = f"model={m.id}&layer={e['layer']}&kind={e['kind']}&cell={e['cell']}"
            out.append(f"[Open this cell in the live heatmap explorer](live.md?{query}#heatmap-explorer) to run it on "
                       f"text of your own: model `{m.id}`, layer {e['layer']}, state `{e['kind']}`, cell {e['cell']} "
                       "(the explorer numbers layers from 0, as the name above does).\n")
    return "\n".join(out)


# ---------------------------------------------------------------- spot the bug

def spot_the_bug(loaded: dict[str, StepModel]) -> dict:
    """Short samples at temperature 1 whose checkers find 1–6 errors, with the answer key."""
    items = []
    for m in loaded.values():
        cname = m.meta["corpus"]["name"]
        if cname in LIST_CORPORA:
            continue
        rng = rng_for(m.id, "spot-the-bug")
        kept = 0
        for _ in range(40):
            if kept == SPOT_PER_MODEL:
                break
            raw = m.sample(260, 1.0, rng)
            lines = [l for l in raw.split("\n")[:-1] if l.strip()][:5]
            text = "\n".join(lines)
            if len(text) < 60:
                continue
            tokens, found = tc.check(text, vocabulary(cname), speakers(cname))
            if not 1 <= len(found) <= 6:
                continue
            kept += 1
            items.append({"id": f"{m.id}-{kept}", "model": m.id, "corpus": cname, "temperature": 1.0,
                          "tokens": tokens,
                          "errors": [{"token": f.token, "check": f.check, "why": f.why} for f in found]})
    return {"generated_by": "python -m coursekit.samples", "seed": SEED, "samples": items}


# ---------------------------------------------------------------- main

def render_all(corpora: Path = CORPORA) -> dict[Path, str]:
    """Every generated file and its content."""
    loaded = {p.name: StepModel(p) for p in models()}
    files = {GENERATED / f"experiment-{k}.md": experiment_page(k, loaded, corpora) for k in EXPERIMENTS}
    files[GENERATED / "timelapse.md"] = timelapse_page(loaded)
    files[GENERATED / "neurons.md"] = neurons_page(loaded)
    files[SPOT_DATA] = json.dumps(spot_the_bug(loaded), ensure_ascii=False, indent=1) + "\n"
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m coursekit.samples", description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only compare with the committed files")
    args = ap.parse_args(argv)
    files = render_all()
    stale = [p for p, text in files.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)}")
        return 1 if stale else 0
    for p, text in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}{' (changed)' if p in stale else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
