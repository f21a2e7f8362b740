"""`experiment-<key>.md`: our samples at two temperatures for each experiment of Karpathy's post."""
from __future__ import annotations

from pathlib import Path

from build_models.corpora import read_manifest
from coursekit import textchecks as tc
from coursekit.samples.common import (CORPORA, EXPERIMENTS, GENERATED, GENERATED_NOTE, LIST_CORPORA, SEED,
                                      TEMPERATURES, Loaded, arch_line, corpus, pct, rng_for, sample, vocabulary)

SAMPLE_CHARS = 500
NAMES = 200          # names drawn per temperature (the novelty share is measured on all of them)
NAMES_SHOWN = 16


def experiment_page(key: str, loaded: Loaded, corpora: Path) -> str:
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
                drawn = [sample(m, 40, t, rng, stop="\n") for _ in range(NAMES)]
                known = set(corpus(cname).split("\n"))
                novel = sum(d not in known for d in drawn)
                out.append("    " + ", ".join(d.capitalize() for d in drawn[:NAMES_SHOWN]) + "\n")
                out.append(f"    {novel} of the {NAMES} names drawn at this temperature ({pct(novel / NAMES)}) "
                           "are not in the training list; the first 16 are shown.\n")
            else:
                text = sample(m, SAMPLE_CHARS, t, rng)
                text = text[: text.rfind("\n")] if "\n" in text else text  # end on a whole line
                out.append("    ```text\n" + "".join(f"    {l}\n" for l in text.split("\n")) + "    ```\n")
                mm = tc.measure(text, vocabulary(cname))
                out.append(f"    {pct(mm.real_word_share)} of its {mm.words} words occur in the corpus; "
                           f"mean word length {mm.mean_word_length:.1f} letters.\n")
        out.append(f"<small>Seed {SEED}, prompt: one newline. Regenerate with `python -m coursekit.samples`.</small>\n")
    return "\n".join(out)


def render(loaded: Loaded, corpora: Path = CORPORA) -> dict[Path, str]:
    return {GENERATED / f"experiment-{k}.md": experiment_page(k, loaded, corpora) for k in EXPERIMENTS}
