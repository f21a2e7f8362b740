"""The glossary page, rendered from the same file as the hover definitions.

`docs/includes/abbreviations.md` holds one `*[term]: definition` line per term and
is appended to every page (hover definitions). A ```glossary fence (a
pymdownx.superfences custom fence, so Zensical builds it too) renders that file
as a sorted definition list with one anchor per term: the glossary cannot drift
from the hover text. A plural or capitalised variant with its own line
("RNNs", "Softmax") is listed under its base term instead of twice.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from pymdownx.superfences import SuperFencesException

ROOT = Path(__file__).resolve().parent.parent
ABBREVIATIONS = ROOT / "docs" / "includes" / "abbreviations.md"
LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.+?)\s*$")


class GlossaryError(SuperFencesException):
    """A line of abbreviations.md that is neither a definition, a comment nor blank."""


@dataclass
class Entry:
    term: str
    text: str
    variants: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "term-" + (re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-") or "x")


def parse(source: str) -> list[tuple[str, str]]:
    """(term, definition) pairs in file order; raises on a malformed line."""
    pairs = []
    for n, line in enumerate(source.splitlines(), 1):
        s = line.strip()
        if not s or (s.startswith("<!--") and s.endswith("-->")):
            continue
        m = LINE.match(s)
        if not m:
            raise GlossaryError(f"abbreviations.md line {n} is not '*[term]: definition': {line!r}")
        pairs.append((m["term"], m["text"]))
    return pairs


def duplicates(pairs: list[tuple[str, str]]) -> list[str]:
    """Terms defined more than once (a merge of two engineers' blocks can do that)."""
    terms = [t for t, _ in pairs]
    return sorted({t for t in terms if terms.count(t) > 1})


def base_of(term: str, known: set[str]) -> str | None:
    """The term this one is a variant of: same word lower-cased, or its plural ('RNNs' -> 'RNN')."""
    for cand in (term.lower(), term[:-1] if term.endswith("s") else None,
                 term[:-1].lower() if term.endswith("s") else None):
        if cand and cand != term and cand in known:
            return cand
    return None


def entries(pairs: list[tuple[str, str]]) -> list[Entry]:
    """One entry per base term, sorted case-insensitively; variants listed with their base."""
    first: dict[str, str] = {}
    for t, d in pairs:
        first.setdefault(t, d)  # abbr keeps one definition per term; so does the glossary (tests forbid twins)
    known = set(first)
    by_term = {t: Entry(t, d) for t, d in first.items() if base_of(t, known) is None}
    for t in first:
        b = base_of(t, known)
        while b is not None and b not in by_term:  # a variant of a variant: climb to the root
            b = base_of(b, known)
        if b is not None:
            by_term[b].variants.append(t)
    return sorted(by_term.values(), key=lambda e: (e.term.casefold(), e.term))


def render(pairs: list[tuple[str, str]]) -> str:
    """The definition list, with letter headings as a jump index."""
    items = entries(pairs)
    letters: dict[str, list[Entry]] = {}
    for e in items:
        letters.setdefault(e.term[0].upper() if e.term[0].isalpha() else "#", []).append(e)
    index = " · ".join(f'<a href="#glossary-{k.lower()}">{k}</a>' for k in letters)
    out = [f'<nav class="rnn-glossary__index" aria-label="Glossary letters">{index}</nav>',
           f'<p class="rnn-glossary__count">{len(items)} terms.</p>']
    for k, group in letters.items():
        out.append(f'<h2 id="glossary-{k.lower()}">{k}</h2><dl class="rnn-glossary">')
        for e in group:
            shown = [v for v in e.variants if v.lower() != e.term.lower()]  # "Softmax" adds nothing to "softmax"
            also = f' <span class="rnn-glossary__also">(also: {", ".join(map(html.escape, shown))})</span>' \
                if shown else ""
            out.append(f'<dt id="{e.anchor}">{html.escape(e.term)}{also}</dt><dd>{html.escape(e.text)}</dd>')
        out.append("</dl>")
    return "\n".join(out)


def fence_format(source, language, class_name, options, md, **kwargs):
    """pymdownx.superfences formatter for ```glossary fences (the body is ignored)."""
    return render(parse(ABBREVIATIONS.read_text(encoding="utf-8")))
