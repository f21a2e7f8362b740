"""Module 6 § 6.1 and Module 7's image-attention page: their figures are the generator's
(coursekit.captioning_pages, from the shipped captioners), the pages include them, and what the
prose says of the measurements holds for the measured numbers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_models.scenes import data
from coursekit import captioning_pages as cp

ROOT = Path(__file__).resolve().parent.parent
CAPTIONING = ROOT / "docs" / "modules" / "06-beyond-text" / "captioning.md"
ATTENTION = ROOT / "docs" / "modules" / "07-attention" / "image-attention.md"


@pytest.fixture(scope="module")
def rendered():
    return cp.render_all()


def test_generated_figures_are_up_to_date(rendered):
    stale = [str(p.relative_to(ROOT)) for p, text in rendered.items() if not p.is_file() or p.read_text() != text]
    assert not stale, f"run python -m coursekit.captioning_pages: {stale}"


def test_the_pages_include_the_generated_figures():
    page = CAPTIONING.read_text()
    assert '--8<-- "docs/includes/generated/captioning-metrics.md"' in page
    assert '--8<-- "docs/includes/generated/captioning-example.md"' in page
    assert '--8<-- "docs/includes/generated/captioning-attention.md"' in ATTENTION.read_text()


def test_the_world_the_page_describes_is_the_generators():
    page = CAPTIONING.read_text()
    assert f"{data.SIZE}×{data.SIZE} colour image" in page and "8×8" in page
    assert f"{['one', 'two', 'three'][data.MAX_SHAPES - 1]} shapes" in page
    assert f"{dict(enumerate(['zero', 'one', 'two', 'three', 'four', 'five', 'six']))[len(data.COLOURS)]} colours" in page
    assert len(data.HELD_OUT) == 2 and "two colour-shape pairs" in page
    assert len(data.SIZES) == 2 and "six colours and two sizes" in page


def test_the_network_the_pages_describe_is_the_shipped_one():
    from build_models.scenes.model import GRID, Encoder
    kernels = {c.kernel_size[0] for c in Encoder().conv}
    assert kernels == {5, 3} and "(here 5×5 or 3×3" in CAPTIONING.read_text()
    assert GRID == 8 and GRID * GRID == 64
    for page in (CAPTIONING, ATTENTION):
        assert "8×8" in page.read_text() and "64 cells" in page.read_text()


def test_held_out_pairs_keep_colours_but_lose_shapes_as_the_page_says():
    soft = cp.loaded()["soft"].meta["evaluation"]
    assert soft["novel"]["colour"] > soft["novel"]["shape"] + 0.1
    assert soft["test"]["exact"] > soft["novel"]["exact"] + 0.2
    assert soft["test"]["exact"] > 0.95   # "almost always exactly right"


def measured() -> dict:
    return json.loads((ROOT / "docs" / "assets" / "data" / "captioning.json").read_text())


def test_held_out_objects_keep_their_colour_and_become_circles_as_the_page_says():
    for row in measured()["held_out"]:
        assert row["objects"] >= 50
        assert row["colour"] >= 0.95 and row["right"] < row["colour"] - 0.2
        assert row["instead"] == f"{row['pair'].split()[0]} circle"


def test_soft_hard_and_sampled_compare_as_the_page_says():
    stats = {s["label"]: s for s in measured()["attention"]}
    assert stats["soft"]["entropy"] > stats["hard"]["entropy"]            # soft weights are spread
    assert stats["soft"]["top_share"] < 0.5 and stats["hard"]["top_share"] == 1.0
    assert stats["sample"]["exact"] < stats["soft"]["exact"]              # one sampled cell loses accuracy
    assert stats["sample"]["exact"] < 0.5 * stats["soft"]["exact"]       # "most of its accuracy"
    assert stats["hard"]["exact"] < stats["soft"]["exact"]                # "a little less accurate"
    assert stats["hard"]["exact"] > 0.8 * stats["soft"]["exact"]
    assert stats["hard"]["on_object"] > stats["soft"]["on_object"]        # "lands on the object more often"
