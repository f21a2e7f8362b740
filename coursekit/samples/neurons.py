"""`neurons.md`: character heatmaps of the cells neurons.json found, as static HTML."""
from __future__ import annotations

import html
from pathlib import Path

import numpy as np

from coursekit.samples.common import GENERATED, GENERATED_NOTE, Loaded, corpus, pct, saved

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


def neurons_page(loaded: Loaded) -> str:
    out = [GENERATED_NOTE]
    for m, nj in saved(loaded, "neurons.json"):
        cname = m.meta["corpus"]["name"]
        test0 = m.meta["corpus"]["split"]["test"][0]
        out.append(f"### Model `{m.id}`\n")
        out.append(f"Scored on {nj['chars']:,} characters of the `{cname}` test split.\n")
        picks = pick_cells(nj)
        for f, e in picks:
            ex = e["example"]
            # The activations the analysis recorded while the model read the test split from its start
            # (build_models/neurons.py); tests/test_module5_generated.py reruns one model with
            # onnxruntime to check them. Rerunning every model here took minutes of every test run.
            assert corpus(cname)[test0 + ex["start"]:test0 + ex["start"] + len(ex["text"])] == ex["text"]
            acts = np.round(np.asarray(ex["activation"], dtype=np.float64), 2)
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


def render(loaded: Loaded) -> dict[Path, str]:
    return {GENERATED / "neurons.md": neurons_page(loaded)}
