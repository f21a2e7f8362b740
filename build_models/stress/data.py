"""
The two long-range tasks of Module 8's stress test, as word sequences from small generators.

Agreement. A subject noun, then `depth` modifiers whose nouns stand between it and its verb
("the cat that the dogs near the house chase sleeps": depth 2, attractors "dogs" and "house").
A modifier is a prepositional phrase ("near the houses"), an object relative clause ("that the
dogs chase", whose verb agrees with its own noun) or a subject relative clause ("that sees the
dogs", whose verb agrees with the noun it modifies); a modifier's noun can carry modifiers of its
own, so clauses nest. The test point is the main verb: the model should give its singular form
("sleeps") more probability than its plural ("sleep") after a singular subject, whatever the
attractors' number. In the `hard` sets every attractor has the other number from the subject.

Brackets. `\\begin{proof}`, filler tokens (and, sometimes, whole inner environments such as
`\\begin{equation} ... \\end{equation}`), then `\\end{proof}`: which `\\end{...}` closes the
environment, `distance` tokens after it was opened? Chance is 1 in len(ENVIRONMENTS).

One language model per architecture learns both (they share a vocabulary and never share a
sequence). Training sequences come from seeded generators and never include a held-out one: a
sequence is held out when the md5 of its text falls in the test or validation share, as the
translator splits by sentence.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

PAD, BOS, EOS = "<pad>", "<s>", "</s>"

# (singular, plural)
ANIMATE = [("cat", "cats"), ("dog", "dogs"), ("man", "men"), ("woman", "women"), ("child", "children"),
           ("teacher", "teachers"), ("farmer", "farmers"), ("bird", "birds"), ("girl", "girls"), ("boy", "boys")]
PLACES = [("house", "houses"), ("tree", "trees"), ("car", "cars"), ("garden", "gardens"), ("table", "tables"),
          ("river", "rivers")]
# (3rd person singular, plural)
INTRANSITIVE = [("sleeps", "sleep"), ("runs", "run"), ("sings", "sing"), ("waits", "wait"), ("smiles", "smile"),
                ("laughs", "laugh")]
TRANSITIVE = [("sees", "see"), ("chases", "chase"), ("likes", "like"), ("knows", "know"), ("follows", "follow"),
              ("helps", "help")]
PREPOSITIONS = ["near", "behind", "beside", "under"]

ENVIRONMENTS = ["proof", "lemma", "theorem", "equation", "itemize", "figure", "align", "table"]
FILLER = ["let", "x", "y", "n", "be", "=", "+", "-", "$", "we", "have", "then", "for", "all", "\\leq", "so",
          "is", "by", "(", ")", "\\item", "f", "0", "1"]
BEGIN = [f"\\begin{{{e}}}" for e in ENVIRONMENTS]
END = [f"\\end{{{e}}}" for e in ENVIRONMENTS]

WORDS = sorted({w for pair in ANIMATE + PLACES + INTRANSITIVE + TRANSITIVE for w in pair}
               | set(PREPOSITIONS) | {"the", "that", "."})
VOCAB = [PAD, BOS, EOS] + WORDS + BEGIN + END + [w for w in FILLER if w not in WORDS]
INDEX = {w: i for i, w in enumerate(VOCAB)}

SINGULAR_VERB = {s: p for s, p in INTRANSITIVE}
PLURAL_VERB = {p: s for s, p in INTRANSITIVE}


def encode(words: list[str]) -> list[int]:
    """Token ids, <s> first; a word outside VOCAB is an error (the page refuses such words too)."""
    unknown = [w for w in words if w not in INDEX]
    if unknown:
        raise KeyError(f"not in the stress-test vocabulary: {unknown}")
    return [INDEX[BOS]] + [INDEX[w] for w in words]


def share(text: str) -> float:
    """Where a sequence falls in [0, 1): its split is decided by its text alone."""
    return int(hashlib.md5(text.encode()).hexdigest()[:8], 16) / 2 ** 32


def split_of(text: str, val_frac: float, test_frac: float) -> str:
    u = share(text)
    return "test" if u < test_frac else "val" if u < test_frac + val_frac else "train"


# ---------------------------------------------------------------- agreement

@dataclass
class Agreement:
    words: list[str]
    verb_at: int            # index in `words` of the main verb
    singular: bool          # the subject's number
    depth: int              # modifiers between subject and verb (= attractor nouns)
    attractors: list[bool]  # each attractor noun's number (True: singular)

    @property
    def text(self):
        return " ".join(self.words)

    def forms(self) -> tuple[str, str]:
        """(correct, wrong) form of the main verb."""
        v = self.words[self.verb_at]
        other = SINGULAR_VERB.get(v) or PLURAL_VERB[v]
        return v, other


def _noun(rng, table, singular):
    pair = table[rng.integers(len(table))]
    return pair[0] if singular else pair[1]


def _verb(rng, table, singular):
    pair = table[rng.integers(len(table))]
    return pair[0] if singular else pair[1]


def _np(rng, depth, singular, animate, numbers, hard_number):
    """Words of a noun phrase with `depth` modifiers in all (nested ones included). `numbers`
    collects each attractor's number; `hard_number` (None: random) forces the attractors'."""
    words = ["the", _noun(rng, ANIMATE if animate else PLACES, singular)]
    left = depth
    while left > 0:
        inner = int(rng.integers(left))            # depth of the modifier's own noun phrase
        left -= inner + 1
        n = bool(rng.integers(2)) if hard_number is None else hard_number
        kinds = ["pp", "orc", "src"] if animate else ["pp", "orc"]
        kind = kinds[rng.integers(len(kinds))]
        if kind == "pp":
            numbers.append(n)
            words += [PREPOSITIONS[rng.integers(len(PREPOSITIONS))]] + _np(rng, inner, n, False, numbers, hard_number)
        elif kind == "orc":       # that the dogs (...) chase: the verb agrees with its own noun
            numbers.append(n)
            words += ["that"] + _np(rng, inner, n, True, numbers, hard_number) + [_verb(rng, TRANSITIVE, n)]
        else:                     # that sees the dogs (...): the verb agrees with the modified noun
            verb = _verb(rng, TRANSITIVE, singular)
            numbers.append(n)
            words += ["that", verb] + _np(rng, inner, n, True, numbers, hard_number)
    return words


def agreement(rng: np.random.Generator, depth: int, hard: bool = False) -> Agreement:
    singular = bool(rng.integers(2))
    numbers: list[bool] = []
    words = _np(rng, depth, singular, True, numbers, (not singular) if hard else None)
    verb_at = len(words)
    words += [_verb(rng, INTRANSITIVE, singular), "."]
    return Agreement(words, verb_at, singular, depth, numbers)


# ---------------------------------------------------------------- brackets

@dataclass
class Brackets:
    words: list[str]
    env: int                # the environment opened first and closed last
    distance: int           # tokens strictly between its \begin and its \end

    @property
    def end_at(self):
        return len(self.words) - 1

    @property
    def text(self):
        return " ".join(self.words)


def brackets(rng: np.random.Generator, distance: int, inner_p: float = 0.3) -> Brackets:
    """\\begin{X}, `distance` tokens, \\end{X}. With probability inner_p (and room for it) a whole
    inner environment of another name sits somewhere in the filler: the model must close X, not
    the environment it saw last."""
    env = int(rng.integers(len(ENVIRONMENTS)))
    body = [FILLER[i] for i in rng.integers(len(FILLER), size=distance)]
    if distance >= 4 and rng.random() < inner_p:
        other = int(rng.choice([e for e in range(len(ENVIRONMENTS)) if e != env]))
        span = int(rng.integers(2, min(distance, 12) + 1))     # the inner environment's length, tags included
        at = int(rng.integers(distance - span + 1))
        inner = [BEGIN[other]] + [FILLER[i] for i in rng.integers(len(FILLER), size=span - 2)] + [END[other]]
        body[at:at + span] = inner
    return Brackets([BEGIN[env]] + body + [END[env]], env, distance)


# ---------------------------------------------------------------- sets

def held_out(kind: str, sizes: list[int], per_size: int, seed: int, split: str, val_frac: float,
             test_frac: float, hard: bool = False) -> dict[int, list]:
    """Up to `per_size` distinct sequences of each size (depth or distance) whose text falls in `split`."""
    rng = np.random.default_rng(seed)
    out = {}
    for size in sizes:
        got, seen, idle = [], set(), 0
        # small sizes have few distinct sequences (depth 0: 120 sentences, about 6 of them held out):
        # stop when 5,000 draws in a row found nothing new
        while len(got) < per_size and idle < 5000:
            idle += 1
            ex = agreement(rng, size, hard) if kind == "agreement" else brackets(rng, size)
            if ex.text in seen or split_of(ex.text, val_frac, test_frac) != split:
                continue
            seen.add(ex.text)
            got.append(ex)
            idle = 0
        if not got:
            raise RuntimeError(f"no {split} sequence of {kind} size {size} ")
        out[size] = got
    return out


def training_batch(rng: np.random.Generator, cfg, batch_size: int) -> list[list[int]]:
    """Token id sequences (<s> ... </s>) for one batch: half agreement (depth 0..train_depth),
    half brackets (distance 1..train_distance); any held-out sequence is redrawn."""
    seqs = []
    while len(seqs) < batch_size:
        if len(seqs) % 2 == 0:
            ex = agreement(rng, int(rng.integers(cfg.train_depth + 1)))
        else:
            ex = brackets(rng, int(rng.integers(1, cfg.train_distance + 1)))
        if split_of(ex.text, cfg.val_frac, cfg.test_frac) != "train":
            continue
        seqs.append(encode(ex.words) + [INDEX[EOS]])
    return seqs


def pad(seqs: list[list[int]]) -> np.ndarray:
    """[B, T] int64, right-padded with PAD (id 0)."""
    T = max(len(s) for s in seqs)
    out = np.zeros((len(seqs), T), dtype=np.int64)
    for i, s in enumerate(seqs):
        out[i, :len(s)] = s
    return out
