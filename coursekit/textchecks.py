"""Automatic checkers for generated text: the answer key of "Spot the Bug" and the
measures of the training time-lapse (Module 5).

Everything here is plain string work, no model: a checker reads a sample (and a
corpus vocabulary) and returns what it finds. `tokenize` cuts a sample into the
tokens the reader clicks on; each finding points at one token.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A token is a LaTeX command, a word, one non-space character, a run of spaces or a newline.
TOKEN = re.compile(r"\\[A-Za-z]+|[A-Za-z]+|\n|[ \t]+|\S")
WORD = re.compile(r"[A-Za-z]+")
# A speaker heading of a play: a line of capitalised words ending in a colon ("KING RICHARD III:").
HEADING = re.compile(r"^([A-Z][A-Za-z']*(?: [A-Z][A-Za-z']*)*):$")
OPENERS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {v: k for k, v in OPENERS.items()}


@dataclass(frozen=True)
class Finding:
    """One error: the token it points at, the checker that found it and why."""
    token: int
    check: str
    why: str


def tokenize(text: str) -> list[str]:
    """Cut `text` into tokens; joining them gives the text back."""
    toks = TOKEN.findall(text)
    assert "".join(toks) == text, "tokenizer lost characters"
    return toks


def clickable(tok: str) -> bool:
    """Spaces and newlines are layout, not something a reader can mark."""
    return not tok.isspace()


def corpus_words(text: str) -> set[str]:
    """The vocabulary of a corpus: every run of letters, lower-cased."""
    return {w.lower() for w in WORD.findall(text)}


def corpus_speakers(text: str) -> set[str]:
    """Every speaker heading of a play-formatted corpus."""
    return {m.group(1) for line in text.split("\n") if (m := HEADING.match(line))}


def unknown_words(tokens: list[str], vocab: set[str]) -> list[Finding]:
    """Words that never occur in the corpus: the model invented them."""
    return [Finding(i, "word", f"“{t}” never occurs in the corpus: the model made it up (it may still be an English word)")
            for i, t in enumerate(tokens) if WORD.fullmatch(t) and t.lower() not in vocab]


def unbalanced_brackets(tokens: list[str]) -> list[Finding]:
    """Closers without an opener and openers never closed, as a stack finds them.

    A closer whose opener is deeper in the stack closes it, and the openers above
    it are reported as never closed (one error each, not a cascade)."""
    stack: list[int] = []
    out = []
    for i, t in enumerate(tokens):
        if t in OPENERS:
            stack.append(i)
        elif t in CLOSERS:
            depth = next((k for k in range(len(stack) - 1, -1, -1) if tokens[stack[k]] == CLOSERS[t]), None)
            if depth is None:
                out.append(Finding(i, "bracket", f"“{t}” closes a bracket that was never opened"))
                continue
            out += [Finding(j, "bracket", f"“{tokens[j]}” is opened and never closed") for j in stack[depth + 1:]]
            del stack[depth:]
    out += [Finding(i, "bracket", f"“{tokens[i]}” is opened and never closed") for i in stack]
    return sorted(out, key=lambda f: f.token)


def unbalanced_quotes(tokens: list[str]) -> list[Finding]:
    """An odd number of double quotes: the last one has no partner."""
    quotes = [i for i, t in enumerate(tokens) if t == '"']
    if len(quotes) % 2 == 0:
        return []
    return [Finding(quotes[-1], "quote", "this double quote is never closed (an odd number of quotes)")]


def begin_end(tokens: list[str]) -> list[Finding]:
    r"""`\begin{x}` … `\end{y}` pairs that do not match, and environments never closed."""
    envs: list[tuple[int, str]] = []
    out = []
    for i, t in enumerate(tokens):
        if t not in ("\\begin", "\\end") or tokens[i + 1:i + 2] != ["{"]:
            continue
        j = i + 2
        name = ""
        while j < len(tokens) and tokens[j] != "}":
            name += tokens[j]
            j += 1
        if t == "\\begin":
            envs.append((i, name))
        elif envs and envs[-1][1] == name:
            envs.pop()
        else:
            opened = f"\\begin{{{envs[-1][1]}}} is the one open" if envs else "no environment is open"
            out.append(Finding(i, "environment", f"\\end{{{name}}} does not match: {opened}"))
            if envs:
                envs.pop()
    out += [Finding(i, "environment", f"\\begin{{{name}}} is never closed") for i, name in envs]
    return sorted(out, key=lambda f: f.token)


def unknown_speakers(tokens: list[str], speakers: set[str]) -> list[Finding]:
    """Speaker headings whose name no scene of the corpus has: the model made up a character."""
    out = []
    line_start = 0
    for i, t in enumerate(tokens + ["\n"]):
        if t != "\n":
            continue
        line = "".join(tokens[line_start:i])
        m = HEADING.match(line)
        if m and m.group(1) not in speakers:
            out.append(Finding(line_start, "speaker", f"no scene of the corpus has a speaker called {m.group(1)}"))
        line_start = i + 1
    return out


def check(text: str, vocab: set[str], speakers: set[str] | None = None) -> tuple[list[str], list[Finding]]:
    """Tokens of `text` and every finding, one per token at most (the first checker to flag it wins)."""
    tokens = tokenize(text)
    findings = unbalanced_brackets(tokens) + unbalanced_quotes(tokens) + begin_end(tokens)
    if speakers:
        findings += unknown_speakers(tokens, speakers)
    findings += unknown_words(tokens, vocab)
    seen: dict[int, Finding] = {}
    for f in findings:
        seen.setdefault(f.token, f)
    return tokens, sorted(seen.values(), key=lambda f: f.token)


@dataclass(frozen=True)
class Measures:
    """What a sample shows about its model, measured against the corpus."""
    words: int
    real_word_share: float
    mean_word_length: float
    headings: int
    known_heading_share: float | None
    capital_line_share: float
    unmatched_brackets: int
    double_quotes: int = 0  # an even count means every quote the sample opens, it closes


def measure(text: str, vocab: set[str], speakers: set[str] | None = None) -> Measures:
    """Measures of one sample (see `Measures`)."""
    words = WORD.findall(text)
    lines = [l for l in text.split("\n") if l.strip()]
    heads = [m.group(1) for l in lines if (m := HEADING.match(l))]
    known = [h for h in heads if speakers and h in speakers]
    return Measures(
        words=len(words),
        real_word_share=sum(w.lower() in vocab for w in words) / max(len(words), 1),
        mean_word_length=sum(map(len, words)) / max(len(words), 1),
        headings=len(heads),
        known_heading_share=len(known) / len(heads) if heads and speakers is not None else None,
        capital_line_share=sum(l.lstrip()[:1].isupper() for l in lines) / max(len(lines), 1),
        unmatched_brackets=len(unbalanced_brackets(tokenize(text))),
        double_quotes=text.count('"'),
    )
