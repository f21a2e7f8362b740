"""
The synthetic scenes of Module 6 § 6.1: 1-3 flat shapes on a 64x64 background, and the caption
the grammar gives them. A scene is a plain structure (a list of Shape, a background, a noise seed)
so that the page can build, describe and draw the same scene: `to_json`/`from_json` are the
format the widget uses, and `widgets/image-captioning/scene.ts` rasterises it with the same
integer rules (every pixel of a scene is the same in Python and in the browser; a test checks it).

Rasterising works in half-pixel units so that everything stays an integer: pixel (px, py) has its
centre at (2px+1, 2py+1), a shape of radius r centred on the integer (cx, cy) spans 2r either side.

Caption grammar (one sentence per scene; the grammar knows the true caption of any scene):
  1 shape   a small red circle
  2 shapes  a small red circle left of a large blue square      (subject: the left one when the
            a small red circle above a large blue square         horizontal gap is the larger,
                                                                 else the upper one)
  3 shapes  a small red circle , a large blue square and a small green triangle   (left to right)
Reusable: another task (visual questions) can ask its own questions of the same Scene objects.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import random
from dataclasses import dataclass

import numpy as np

SIZE = 64
SHAPES = ["circle", "square", "triangle"]
COLOURS = {"red": (220, 50, 47), "green": (46, 160, 67), "blue": (38, 99, 214),
           "yellow": (230, 190, 30), "purple": (142, 68, 173), "cyan": (23, 190, 207)}
SIZES = {"small": 6, "large": 10}                 # radius in pixels
BACKGROUND = (236, 236, 230)
NOISE = 24                                          # noisy backgrounds: each pixel's grey shifts by -24..24
RELATIONS = ["left of", "above"]
SPLITS = ("train", "val", "test", "novel")
# held-out combinations: never in train/val/test, only in the "novel" split (compositional generalisation)
HELD_OUT = {("purple", "triangle"), ("cyan", "square")}
MAX_SHAPES = 3

PAD, BOS, EOS = "<pad>", "<s>", "</s>"
WORDS = ["a", *SIZES, *COLOURS, *SHAPES, "left", "of", "above", ",", "and"]
VOCAB = [PAD, BOS, EOS, *WORDS]
INDEX = {w: i for i, w in enumerate(VOCAB)}


@dataclass
class Shape:
    shape: str      # circle, square, triangle
    colour: str     # a key of COLOURS
    size: str       # small, large
    x: int          # centre, pixels from the left
    y: int          # centre, pixels from the top

    @property
    def r(self) -> int:
        return SIZES[self.size]


@dataclass
class Scene:
    shapes: list
    background: str = "plain"   # plain or noise
    noise_seed: int = 0

    def to_json(self) -> dict:
        return {"shapes": [dataclasses.asdict(s) for s in self.shapes], "background": self.background,
                "noise_seed": self.noise_seed}

    @staticmethod
    def from_json(d: dict) -> "Scene":
        return Scene([Shape(**s) for s in d["shapes"]], d.get("background", "plain"), int(d.get("noise_seed", 0)))


# --- rasterising -----------------------------------------------------------------------------------

def mulberry32_block(seed: int, n: int) -> np.ndarray:
    """The first n draws of widgets/lib/random.ts's mulberry32(seed), as floats in [0, 1): the
    generator's state after draw i is seed + (i+1)*0x6D2B79F5, so the draws vectorise."""
    with np.errstate(over="ignore"):
        a = (np.uint64(seed & 0xFFFFFFFF) + np.arange(1, n + 1, dtype=np.uint64) * np.uint64(0x6D2B79F5)) & np.uint64(0xFFFFFFFF)
        t = a.astype(np.uint32)
        t = (t ^ (t >> np.uint32(15))) * (t | np.uint32(1))
        t = t ^ (t + (t ^ (t >> np.uint32(7))) * (t | np.uint32(61)))
        t = t ^ (t >> np.uint32(14))
    return t.astype(np.float64) / 4294967296.0


def shape_mask(s: Shape) -> np.ndarray:
    """[SIZE, SIZE] bool: the pixels whose centre lies inside the shape (integer half-pixel tests)."""
    c = 2 * np.arange(SIZE) + 1
    dx = c[None, :] - 2 * s.x          # [1,W] half-pixel offsets
    dy = c[:, None] - 2 * s.y          # [H,1]
    r2 = 2 * s.r
    if s.shape == "circle":
        return dx * dx + dy * dy <= r2 * r2
    if s.shape == "square":
        return (np.abs(dx) <= r2) & (np.abs(dy) <= r2)
    # triangle, apex up: height 2r, base 2r wide at the bottom
    down = dy + r2                      # 0 at the apex, 2*r2 at the base
    return (down >= 0) & (down <= 2 * r2) & (2 * np.abs(dx) <= down)


def render(scene: Scene) -> np.ndarray:
    """uint8 [SIZE, SIZE, 3]: background (plain, or grey noise from mulberry32(noise_seed) in raster
    order), then the shapes in list order (a later one covers an earlier one)."""
    img = np.empty((SIZE, SIZE, 3), dtype=np.int32)
    img[:] = BACKGROUND
    if scene.background == "noise":
        shift = np.floor(mulberry32_block(scene.noise_seed, SIZE * SIZE) * (2 * NOISE + 1)).astype(np.int32) - NOISE
        img += shift.reshape(SIZE, SIZE, 1)
    for s in scene.shapes:
        img[shape_mask(s)] = COLOURS[s.colour]
    return np.clip(img, 0, 255).astype(np.uint8)


def to_input(img: np.ndarray) -> np.ndarray:
    """float32 [3, SIZE, SIZE] in [0, 1]: what the encoder reads (the page divides by 255 the same way)."""
    return (img.astype(np.float32) / np.float32(255.0)).transpose(2, 0, 1)


# --- the grammar -----------------------------------------------------------------------------------

def phrase(s: Shape) -> list:
    return ["a", s.size, s.colour, s.shape]


def relation(a: Shape, b: Shape):
    """(subject, relation, object) for two shapes: horizontal when the horizontal gap is at least
    the vertical one (subject: the left shape), else vertical (subject: the upper shape)."""
    dx, dy = b.x - a.x, b.y - a.y
    if abs(dx) >= abs(dy):
        return (a, "left of", b) if dx > 0 or (dx == 0 and a.y <= b.y) else (b, "left of", a)
    return (a, "above", b) if dy > 0 else (b, "above", a)


def left_to_right(shapes: list) -> list:
    return sorted(shapes, key=lambda s: (s.x, s.y))


def caption(scene: Scene) -> list:
    """The true caption of a scene as words (no <s>, </s>); [] for an empty scene."""
    ss = scene.shapes
    if not ss:
        return []
    if len(ss) == 1:
        return phrase(ss[0])
    if len(ss) == 2:
        a, rel, b = relation(*ss)
        return phrase(a) + rel.split() + phrase(b)
    ordered = left_to_right(ss)
    words = []
    for i, s in enumerate(ordered):
        if i:
            words.append("and" if i == len(ordered) - 1 else ",")
        words += phrase(s)
    return words


def parse(words: list) -> dict:
    """What a caption says, read back by the grammar: the objects (size, colour, shape) in order and
    the relation ('left of', 'above' or 'list'); None where the words are not a sentence of it."""
    objs, rel, i = [], None, 0
    while i < len(words):
        if words[i] != "a" or i + 4 > len(words):
            return None
        size, colour, shape = words[i + 1:i + 4]
        if size not in SIZES or colour not in COLOURS or shape not in SHAPES:
            return None
        objs.append((size, colour, shape))
        i += 4
        if i == len(words):
            break
        if words[i:i + 2] == ["left", "of"] and rel is None and len(objs) == 1:
            rel, i = "left of", i + 2
        elif words[i] == "above" and rel is None and len(objs) == 1:
            rel, i = "above", i + 1
        elif words[i] in (",", "and") and rel in (None, "list"):
            rel, i = "list", i + 1
        else:
            return None
    if not objs or (len(objs) > 1) != (rel is not None):
        return None
    return {"objects": objs, "relation": rel}


def encode(words: list) -> list:
    return [INDEX[w] for w in words]


def decode(ids) -> list:
    return [VOCAB[int(i)] for i in ids]


# --- generating scenes -----------------------------------------------------------------------------

def _overlap(a: Shape, b: Shape, gap: int = 2) -> bool:
    return abs(a.x - b.x) < a.r + b.r + gap and abs(a.y - b.y) < a.r + b.r + gap


def _clear(shapes: list) -> bool:
    """Positions the caption can be read from without doubt: pairs with one gap clearly the larger,
    three shapes clearly apart from left to right."""
    if len(shapes) == 2:
        dx, dy = abs(shapes[0].x - shapes[1].x), abs(shapes[0].y - shapes[1].y)
        return max(dx, dy) >= 2 * min(dx, dy) + 4
    if len(shapes) == 3:
        xs = sorted(s.x for s in shapes)
        return xs[1] - xs[0] >= 6 and xs[2] - xs[1] >= 6
    return True


def held_out(s: Shape) -> bool:
    return (s.colour, s.shape) in HELD_OUT


def scene_seed(split: str, i: int) -> int:
    """Scene i of a split comes from its own seed (md5 of split and index): any scene is reproducible alone."""
    return int.from_bytes(hashlib.md5(f"scenes/{split}/{i}".encode()).digest()[:4], "little")


def make_scene(split: str, i: int, noise_share: float = 0.5) -> Scene:
    """Scene i of a split. The novel split holds a held-out colour-shape pair in every scene; the
    others never hold one."""
    rng = random.Random(scene_seed(split, i))
    while True:
        n = rng.randint(1, MAX_SHAPES)
        shapes = []
        for _ in range(200):
            if len(shapes) == n:
                break
            size = rng.choice(list(SIZES))
            r = SIZES[size]
            s = Shape(rng.choice(SHAPES), rng.choice(list(COLOURS)), size,
                      rng.randint(r + 1, SIZE - 2 - r), rng.randint(r + 1, SIZE - 2 - r))
            if not any(_overlap(s, o) for o in shapes):
                shapes.append(s)
        if len(shapes) != n or not _clear(shapes):
            continue
        novel = any(held_out(s) for s in shapes)
        if novel != (split == "novel"):
            if split == "novel":   # turn one shape into a held-out pair rather than drawing again
                s = rng.choice(shapes)
                s.colour, s.shape = rng.choice(sorted(HELD_OUT))
            else:
                continue
        bg = "noise" if rng.random() < noise_share else "plain"
        return Scene(shapes, bg, rng.getrandbits(32))


def batch(split: str, start: int, n: int):
    """Scenes start..start+n-1 of a split: (scenes, images uint8 [n,H,W,3], captions as word lists)."""
    scenes = [make_scene(split, i) for i in range(start, start + n)]
    return scenes, np.stack([render(s) for s in scenes]), [caption(s) for s in scenes]


def pad_captions(caps: list) -> np.ndarray:
    """int64 [B, T+2]: <s> words </s> <pad>..."""
    T = max(len(c) for c in caps) + 2
    out = np.full((len(caps), T), INDEX[PAD], dtype=np.int64)
    for i, c in enumerate(caps):
        ids = [INDEX[BOS], *encode(c), INDEX[EOS]]
        out[i, :len(ids)] = ids
    return out


def describe(split: str, n: int) -> str:
    """A line about a split's first n scenes (shape counts, noisy share), for logs and the card."""
    scenes = [make_scene(split, i) for i in range(n)]
    counts = [sum(len(s.shapes) == k for s in scenes) for k in (1, 2, 3)]
    return f"{split}: {n} scenes, 1/2/3 shapes {counts}, noisy {sum(s.background == 'noise' for s in scenes)}"


EXAMPLES = 12   # the widget's examples: the first test scenes


def examples() -> list:
    """The widget's example scenes (widgets/image-captioning/examples.json): test scenes 0..11."""
    return [make_scene("test", i).to_json() for i in range(EXAMPLES)]


if __name__ == "__main__":
    # python -m build_models.scenes.data  writes the widget's examples (a test checks them)
    from ..config import REPO
    out = REPO / "widgets" / "image-captioning" / "examples.json"
    out.write_text(json.dumps(examples(), indent=1) + "\n")
    print(f"wrote {out}")
