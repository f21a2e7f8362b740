"""Cheap, honest checks of generated text that the project templates print beside the loss.

They are copied into the templates from this file (see coursekit.capstone_templates), so the
notebook runs exactly the check the course's tests run.
"""
from __future__ import annotations

PAIRS = {")": "(", "]": "[", "}": "{"}


def closed_blocks(code: str) -> tuple[int, int]:
    """Brackets in generated C, as a stand-in for "parseable": returns (closed, broken), where a
    top-level { ... } block is closed when every (, [ and { inside it closes in order, and broken
    when a closer inside it does not match (the scan then starts afresh, and closers with nothing
    open are skipped: the sample may begin inside a block). Strings, character literals and
    comments are skipped. A block still open when the sample ends counts as neither. This is a
    proxy, not a C parser: a closed block can still be nonsense to a compiler."""
    stack, closed, broken, i, n = [], 0, 0, 0, len(code)
    while i < n:
        ch = code[i]
        if code.startswith("/*", i):
            end = code.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if code.startswith("//", i):
            end = code.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if ch in "\"'":
            j = i + 1
            while j < n and code[j] != ch and code[j] != "\n":
                j += 2 if code[j] == "\\" else 1
            i = j + 1
            continue
        if ch in "([{":
            stack.append(ch)
        elif ch in PAIRS:
            if not stack:
                pass  # closes what was open before the sample began (or before a broken block's restart)
            elif stack[-1] != PAIRS[ch]:
                broken += "{" in stack  # a block broken inside; a stray ) outside any block is not counted
                stack = []
            else:
                stack.pop()
                if ch == "}" and not stack:
                    closed += 1
        i += 1
    return closed, broken


def unigram_perplexity(train: str, val: str) -> float:
    """The perplexity of `val` under `train`'s character frequencies (add-one smoothed): what a
    model that ignores context scores, the baseline any trained model must beat."""
    import math
    from collections import Counter
    counts = Counter(train)
    vocab = set(train) | set(val)
    total = len(train) + len(vocab)
    nats = -sum(math.log((counts[c] + 1) / total) for c in val) / max(len(val), 1)
    return math.exp(nats)
