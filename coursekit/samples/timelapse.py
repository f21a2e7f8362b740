"""`timelapse.md`: the samples saved during training, measured against the corpus."""
from __future__ import annotations

import html
from pathlib import Path

from coursekit import textchecks as tc
from coursekit.samples.common import (EXPERIMENTS, GENERATED, GENERATED_NOTE, LIST_CORPORA, Loaded, pct, saved,
                                      speakers, vocabulary)


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


def timelapse_page(loaded: Loaded) -> str:
    out = [GENERATED_NOTE]
    if not any(m.meta["corpus"]["name"] in EXPERIMENTS["warandpeace"]
               and (m.folder / "timelapse.json").is_file() for m in loaded.values()):
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


def render(loaded: Loaded) -> dict[Path, str]:
    return {GENERATED / "timelapse.md": timelapse_page(loaded)}
