"""
Visual questions about the scenes of data.py (Module 6 § 6.4), asked and answered by a grammar.

`candidates(scene)` lists every question the grammar asks of a scene, each with its true answer;
`widgets/scene-vqa/questions.ts` is the same grammar in TypeScript (a test compares the two).
Types and templates (REF: the shortest description naming one object of the scene alone):
  colour    what colour is the REF          REF = shape | size shape                -> a colour
  shape     what shape is the REF           REF = colour object | size colour object -> a shape
  size      what size is the REF            REF = shape | colour shape               -> small, large
  count     how many SHAPEs | COLOUR objects | objects are there                     -> 0 1 2 3
  exist     is there a COLOUR SHAPE | a SIZE SHAPE                                   -> yes, no
  relation  what shape is left of | right of | above | below the REF                 -> a shape, nothing
A question whose answer is undefined for the scene (the colour of a triangle in a scene without
one, or of "the circle" when there are two) is NOT ASKED: the grammar only writes questions it
can answer. Count and existence questions are always defined (0, no). Relations read the layout
the caption grammar reads: scenes laid out left to right (three shapes, or a pair whose horizontal
gap is the larger) are asked "left of" / "right of" (the nearest object on that side, "nothing"
when there is none); a vertical pair is asked "above" / "below"; a lone shape any of the four.

`question(split, i)` draws question i of a split: its type cycles through TYPES, its target answer
is drawn uniformly from the type's answers, and scenes of the split (from an index the question's
seed picks) are read until one offers a question with that answer. So answers are balanced within
each type and guessing the commonest answer is weak; any question is reproducible alone.
"""
from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass

from . import data

TYPES = ("colour", "shape", "size", "count", "exist", "relation")
COUNTS = ["0", "1", "2", "3"]
ANSWERS_BY_TYPE = {
    "colour": list(data.COLOURS), "shape": list(data.SHAPES), "size": list(data.SIZES), "count": COUNTS,
    "exist": ["yes", "no"], "relation": [*data.SHAPES, "nothing"],
}
ANSWERS = list(dict.fromkeys(a for t in TYPES for a in ANSWERS_BY_TYPE[t]))   # the classifier's classes (18)
PLURAL = {s: s + "s" for s in data.SHAPES}
DIRECTIONS = ("left of", "right of", "above", "below")
PAD = "<pad>"
QWORDS = sorted({"what", "colour", "is", "the", "shape", "size", "how", "many", "are", "there", "a", "objects",
                 "object", "left", "right", "of", "above", "below", *data.SHAPES, *PLURAL.values(), *data.COLOURS,
                 *data.SIZES})
QVOCAB = [PAD, *QWORDS]
QINDEX = {w: i for i, w in enumerate(QVOCAB)}
MAX_WORDS = 12      # the longest question of the grammar has 8 words; a typed one may have 12
SCAN = 400          # scenes read at most for a question's target answer (then any answer of the type)


@dataclass(frozen=True)
class Question:
    type: str
    words: tuple
    answer: str

    @property
    def text(self) -> str:
        return " ".join(self.words) + " ?"


def _refs(scene, kinds):
    """{object index: the first of `kinds` that names it alone} for the objects some kind names."""
    out = {}
    for kind in kinds:
        names = [tuple(getattr(s, k) if k != "object" else "object" for k in kind) for s in scene.shapes]
        for i, n in enumerate(names):
            if i not in out and names.count(n) == 1:
                out[i] = list(n)
    return out


def _layout(scene):
    """'row' (left to right), 'column' (a vertical pair) or 'one'."""
    ss = scene.shapes
    if len(ss) == 1:
        return "one"
    if len(ss) == 2:
        return "row" if data.relation(*ss)[1] == "left of" else "column"
    return "row"


def _neighbour(scene, i, direction):
    """The shape word of the nearest object in `direction` of object i, or 'nothing'."""
    me, others = scene.shapes[i], [s for j, s in enumerate(scene.shapes) if j != i]
    if direction in ("left of", "right of"):
        sign = -1 if direction == "left of" else 1
        side = [s for s in others if sign * (s.x - me.x) > 0]
        key = lambda s: abs(s.x - me.x)  # noqa: E731
    else:
        sign = -1 if direction == "above" else 1
        side = [s for s in others if sign * (s.y - me.y) > 0]
        key = lambda s: abs(s.y - me.y)  # noqa: E731
    return min(side, key=key).shape if side else "nothing"


def candidates(scene: data.Scene) -> list:
    """Every question the grammar asks of the scene, with its answer, in a fixed order."""
    ss, qs = scene.shapes, []
    if not ss:
        return qs
    for i, ref in _refs(scene, [("shape",), ("size", "shape")]).items():
        qs.append(Question("colour", ("what", "colour", "is", "the", *ref), ss[i].colour))
    for i, ref in _refs(scene, [("colour", "object"), ("size", "colour", "object")]).items():
        qs.append(Question("shape", ("what", "shape", "is", "the", *ref), ss[i].shape))
    for i, ref in _refs(scene, [("shape",), ("colour", "shape")]).items():
        qs.append(Question("size", ("what", "size", "is", "the", *ref), ss[i].size))
    for shape in data.SHAPES:
        qs.append(Question("count", ("how", "many", PLURAL[shape], "are", "there"), str(sum(s.shape == shape for s in ss))))
    for colour in data.COLOURS:
        qs.append(Question("count", ("how", "many", colour, "objects", "are", "there"), str(sum(s.colour == colour for s in ss))))
    qs.append(Question("count", ("how", "many", "objects", "are", "there"), str(len(ss))))
    for colour in data.COLOURS:
        for shape in data.SHAPES:
            yes = any(s.colour == colour and s.shape == shape for s in ss)
            qs.append(Question("exist", ("is", "there", "a", colour, shape), "yes" if yes else "no"))
    for size in data.SIZES:
        for shape in data.SHAPES:
            yes = any(s.size == size and s.shape == shape for s in ss)
            qs.append(Question("exist", ("is", "there", "a", size, shape), "yes" if yes else "no"))
    layout = _layout(scene)
    dirs = {"one": DIRECTIONS, "row": DIRECTIONS[:2], "column": DIRECTIONS[2:]}[layout]
    for i, ref in _refs(scene, [("shape",), ("colour", "shape")]).items():
        for d in dirs:
            qs.append(Question("relation", ("what", "shape", "is", *d.split(), "the", *ref), _neighbour(scene, i, d)))
    return qs


def question_seed(split: str, i: int) -> int:
    return int.from_bytes(hashlib.md5(f"vqa/{split}/{i}".encode()).digest()[:4], "little")


def question(split: str, i: int) -> tuple:
    """Question i of a split: (scene index in data.make_scene's split, Question)."""
    rng = random.Random(question_seed(split, i))
    qtype = TYPES[i % len(TYPES)]
    target = rng.choice(ANSWERS_BY_TYPE[qtype])
    start = rng.randrange(1 << 20)
    fallback = None
    for k in range(SCAN):
        scene = data.make_scene(split, start + k)
        fit = [q for q in candidates(scene) if q.type == qtype]
        hits = [q for q in fit if q.answer == target]
        if hits:
            return start + k, rng.choice(hits)
        if fit and fallback is None:
            fallback = (start + k, rng.choice(fit))
    return fallback


# The grammar writes British spellings; a reader who types the American one means the same word.
SPELLINGS = {"color": "colour"}


def tokenise(text: str) -> tuple:
    """(words, unknown words) of a typed question: lower case, punctuation dropped ('?' and ','),
    American spellings read as the grammar's British ones (SPELLINGS)."""
    words = [SPELLINGS.get(w, w) for w in re.findall(r"[a-z0-9]+", text.lower())]
    return words, [w for w in words if w not in QINDEX]


def encode(words) -> list:
    """Word ids padded to MAX_WORDS (the model reads the state after the last real word)."""
    ids = [QINDEX[w] for w in words][:MAX_WORDS]
    return ids + [QINDEX[PAD]] * (MAX_WORDS - len(ids))


def truth(scene: data.Scene, words) -> Question | None:
    """The grammar's question with these words for this scene (and so its true answer), or None."""
    words = tuple(words)
    return next((q for q in candidates(scene) if q.words == words), None)
