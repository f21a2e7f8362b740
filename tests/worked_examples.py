"""Checking the numbers of worked examples: the helpers every test_worked_examples*.py file shares.

A worked example in the lessons is wrapped in

    <!-- example: <id> -->
    ...
    <!-- /example -->

and a test file's `EXAMPLES[<id>]` returns the numbers that block shows, in the
order they appear. The numbers are read out of the Markdown (LaTeX subscripts
such as `h_{t-1}` and colour codes such as `#1d4ed8` are labels, not numbers,
and are skipped) and each must equal the computed value formatted the way the
page formats it: with as many decimals as the page prints, and with a thousands
separator where the page uses one. A number the page shows that is not
computed, or a computed number the page leaves out, fails the test.

A test file registers its examples and checks each of them:

    EXAMPLES = {}
    example = registers_in(EXAMPLES)

    @example
    def module9_time():          # the block <!-- example: module9-time -->
        return time_numbers([5, 20, 25, 15, 90, 10])

    @pytest.mark.parametrize("example_id", sorted(EXAMPLES))
    def test_worked_example_numbers(example_id):
        assert_example_numbers(example_id, EXAMPLES, pages)

tests/test_worked_examples.py checks that every block of the site is computed
by some test file (each keeps its computations in a module-level `EXAMPLES`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

BLOCK = re.compile(r"<!--\s*example:\s*([\w-]+)\s*-->(.*?)<!--\s*/example\s*-->", re.S)
# Labels that contain digits but are not values.
LABELS = [
    re.compile(r"<!--.*?-->", re.S),        # HTML comments
    re.compile(r"#[0-9a-fA-F]{6}\b"),        # colour codes in \color{#...}
    re.compile(r"_\{[^{}]*\}"),              # LaTeX subscripts: h_{t-1}, W_{xh}
    re.compile(r"_[A-Za-z0-9]"),             # one-character subscripts: h_1, x_t
    re.compile(r"<sub>.*?</sub>"),           # HTML subscripts
]
NUMBER = re.compile(r"(?<![\w.])[-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
PYTHON_BLOCK = re.compile(r"^( *)```python[^\n]*\n(.*?)^\1```", re.S | re.M)

Examples = dict[str, Callable[[], list]]


def registers_in(examples: Examples, prefix: str = "") -> Callable:
    """A decorator that files a function under its example id: `prefix` + its name with '-' for '_'."""
    def example(fn):
        examples[prefix + fn.__name__.replace("_", "-")] = fn
        return fn
    return example


def time_numbers(minutes: list[int]) -> list[int]:
    """A module's time table: each part's minutes, the total, and the total as hours and minutes."""
    total = sum(minutes)
    return [*minutes, total, total // 60, total % 60]


def blocks(pages: Iterable[Path] | None = None) -> list[tuple[str, Path, str]]:
    """(id, page, body) of every example block of `pages` (default: every page under docs/)."""
    found = []
    for page in sorted(DOCS.rglob("*.md")) if pages is None else pages:
        for m in BLOCK.finditer(page.read_text(encoding="utf-8")):
            found.append((m.group(1), page, m.group(2)))
    return found


def assert_blocks_computed(ids: list[str], computed: set[str], where: str) -> None:
    """Every example block (`ids`, one per block) has a computation in `computed`, and no id names two blocks."""
    unknown = sorted(set(ids) - computed)
    assert not unknown, f"example blocks with no computation {where}: {unknown}"
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not repeated, f"example ids used by more than one block: {repeated}"


def assert_computations_shown(examples: Examples, ids: list[str]) -> None:
    """Every computed example is one of the blocks `ids`."""
    missing = sorted(set(examples) - set(ids))
    assert not missing, f"computed examples that no page shows: {missing}"


def shown_numbers(text: str) -> list[str]:
    for label in LABELS:
        text = label.sub(" ", text)
    return [s.replace("\u2212", "-") for s in NUMBER.findall(text)]


def formatted(value: float, shown: str) -> str:
    """`value` written the way `shown` is: same decimals, same thousands separator."""
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    text = f"{value:,.{decimals}f}" if "," in shown else f"{value:.{decimals}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


def assert_example_numbers(example_id: str, examples: Examples, pages: Iterable[Path] | None = None) -> None:
    """The block `example_id` (looked for in `pages`, default all) shows exactly the numbers
    `examples[example_id]()` computes, in order, each at the precision the page prints."""
    found = [(page, text) for i, page, text in blocks(pages) if i == example_id]
    assert found, f"example {example_id!r} is on no page" + ("" if pages is None else " of those this file covers")
    page, text = found[0]
    shown = shown_numbers(text)
    expected = examples[example_id]()
    where = f"example {example_id!r} in {page.relative_to(ROOT)}"
    for k, (s, v) in enumerate(zip(shown, expected)):
        assert s == formatted(v, s), (
            f"{where}: number {k + 1} is shown as {s}, but the computed value is {v!r} "
            f"({formatted(v, s)} at that precision). Numbers shown: {shown}")
    assert len(shown) == len(expected), (
        f"{where} shows {len(shown)} numbers but {len(expected)} are computed.\n"
        f"shown:    {shown}\ncomputed: {[round(float(v), 6) for v in expected]}")


def python_blocks(pages: Iterable[Path]) -> list[tuple[str, int, str]]:
    """The ```python blocks of `pages`, dedented: (page name, line of the fence, code)."""
    out = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for m in PYTHON_BLOCK.finditer(text):
            code = "\n".join(line[len(m.group(1)):] for line in m.group(2).splitlines())
            out.append((page.name, text[: m.start()].count("\n") + 1, code))
    return out
