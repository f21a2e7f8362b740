"""Synthetic ABC tunes, and a small ABC checker for them and for what a model writes.

The tunes are made by a grammar, not collected: a header (X: number, T: title, R: rhythm,
M: metre, L: unit note length, K: key) and two repeated eight-bar parts of notes from the key's
scale. They are ours (generated), so the site can serve them; real ABC collections are much
richer. `check_tune` accepts exactly the ABC subset the generator writes, with each bar's length
checked against the metre: a model's tune that passes is well formed, not necessarily good music.
"""
from __future__ import annotations

import random
import re

# rhythm: (metre, bar length in eighths, note-length patterns that fill a beat group)
STYLES = {
    "reel": ("4/4", 8, [[1, 1], [2], [1, 1], [1, 1]]),
    "jig": ("6/8", 6, [[1, 1, 1], [2, 1], [3]]),
    "waltz": ("3/4", 6, [[2], [1, 1], [2], [4]]),
}
# keys and their scales, as ABC note names from G below middle C up to b
KEYS = {
    "G": "G,A,B,CDEFGABcdefgab",
    "D": "A,B,CDEFGABcdefgab",
    "A": "A,B,CDEFGABcdefgab",
    "C": "G,A,B,CDEFGABcdefgab",
    "Em": "G,A,B,CDEFGABcdefgab",
    "Am": "G,A,B,CDEFGABcdefgab",
}
WORDS = ["Morning", "Harbour", "Lark", "Mill", "River", "Hill", "Road", "Piper", "Fiddler", "Lantern",
         "Stone", "Meadow", "Willow", "Tide", "Kitchen", "Orchard", "Bell", "Bridge", "Heather", "Ferry"]
NOTE = r"(?:\^|_|=)?[A-Ga-g][,']*(?:\d+)?(?:/\d*)?"


def scale_notes(key: str) -> list[str]:
    """The key's notes as ABC tokens (the key signature supplies the sharps)."""
    return re.findall(r"[A-Ga-g],?", KEYS[key])


def make_tune(number: int, style: str, rng: random.Random) -> str:
    """One tune: header and two repeated parts of 8 bars, 4 bars to a line."""
    metre, bar_len, groups = STYLES[style]
    key = rng.choice(sorted(KEYS))
    notes = scale_notes(key)
    pos = rng.randrange(len(notes) // 3, 2 * len(notes) // 3)
    lines = []
    for part in range(2):
        bars = []
        for b in range(8):
            filled, tokens = 0, []
            while filled < bar_len:
                for d in rng.choice(groups):
                    d = min(d, bar_len - filled)
                    if d <= 0:
                        break
                    pull = 1 if pos < len(notes) // 3 else -1 if pos > 2 * len(notes) // 3 else 0  # back to the middle
                    pos = max(0, min(len(notes) - 1, pos + pull + rng.choice([-2, -1, -1, 0, 1, 1, 2])))
                    tokens.append(notes[pos] + (str(d) if d > 1 else ""))
                    filled += d
            bars.append("".join(tokens))
        lines.append("|:" + "|".join(bars[:4]) + "|")
        lines.append("|".join(bars[4:]) + ":|")
    title = f"The {rng.choice(WORDS)} {rng.choice(WORDS)}"
    head = [f"X:{number}", f"T:{title}", f"R:{style}", f"M:{metre}", "L:1/8", f"K:{key}"]
    return "\n".join(head + lines) + "\n"


def make_tunes(n: int, styles: list[str], seed: int) -> str:
    """`n` tunes drawn from `styles`, separated by blank lines (ABC's tune separator)."""
    rng = random.Random(seed)
    return "\n".join(make_tune(i + 1, rng.choice(styles), rng) for i in range(n))


def note_length(token: str) -> float:
    """A note's length in unit lengths: C2 is 2, C/2 and C/ are 0.5, C3/2 is 1.5."""
    m = re.fullmatch(r"(?:\^|_|=)?[A-Ga-g][,']*(\d+)?(?:/(\d*))?", token)
    num = int(m.group(1)) if m.group(1) else 1
    den = (int(m.group(2)) if m.group(2) else 2) if "/" in token else 1
    return num / den


def check_tune(tune: str) -> str:
    """Why `tune` is not well-formed ABC of our subset, or "" if it is: a header X:, T:, (R:),
    M:, L:, K: in that order, then bars of notes whose lengths each fill the metre."""
    lines = [l for l in tune.strip("\n").split("\n")]
    fields = []
    while lines and re.fullmatch(r"[A-Z]:.*", lines[0]):
        fields.append(lines.pop(0))
    names = [f[0] for f in fields]
    if names not in (list("XTRMLK"), list("XTMLK")):
        return f"header fields {''.join(names) or 'none'}, expected XTRMLK or XTMLK"
    head = {f[0]: f[2:].strip() for f in fields}
    if not head["X"].isdigit():
        return "X: is not a number"
    metre = re.fullmatch(r"(\d+)/(\d+)", head["M"])
    unit = re.fullmatch(r"1/(\d+)", head["L"])
    if not metre or not unit or head["K"] not in KEYS:
        return "bad M:, L: or K: field"
    bar_len = int(metre.group(1)) / int(metre.group(2)) * int(unit.group(1))
    if not lines:
        return "no music"
    for line in lines:
        for bar in re.split(r"\|:|:\||\|", line):
            if bar == "":
                continue
            if not re.fullmatch(f"(?:{NOTE})+", bar):
                return f"not notes: {bar!r}"
            total = sum(note_length(t) for t in re.findall(NOTE, bar))
            if abs(total - bar_len) > 1e-9:
                return f"bar {bar!r} lasts {total:g}, the metre asks {bar_len:g}"
    return ""


def split_tunes(text: str) -> list[str]:
    """The tunes of a text: blocks that start with X: and end at a blank line. A block cut off by
    the end of the text is dropped (a sample ends where its length runs out, not where a tune does)."""
    blocks = text.split("\n\n")
    return [b for i, b in enumerate(blocks) if b.strip().startswith("X:") and i < len(blocks) - 1]
