"""Module 5 and the cheat sheets: every number of a worked example is recomputed.

Same contract as tests/test_worked_examples.py (checked by the helpers of
tests/worked_examples.py): a block `<!-- example: id -->…<!-- /example -->` shows exactly the
numbers `EXAMPLES[id]()` returns, in order, at the precision the page prints.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from worked_examples import assert_example_numbers, registers_in, time_numbers

ROOT = Path(__file__).resolve().parent.parent
PRETRAINED = ROOT / "pretrained"

EXAMPLES = {}
example = registers_in(EXAMPLES)


@example
def module5_time():
    return time_numbers([5, 20, 10, 15, 25, 10, 10, 10])


@example
def m5_position_cell():
    """The strongest position-in-line cell of the Shakespeare model, read from neurons.json."""
    nj = json.loads((PRETRAINED / "tinyshakespeare" / "neurons.json").read_text())
    r = nj["top"]["position_in_line"][0]["score"]
    return [r, r * r]


CORPORA = ROOT.parent / "shared" / "corpora"


def corpus_text(model_id: str) -> str:
    """The full corpus a shipped model was trained on (build_models reads it from ../shared/corpora)."""
    name = json.loads((PRETRAINED / model_id / "meta.json").read_text())["corpus"]["name"]
    path = CORPORA / f"{name}.txt"
    if not path.is_file():
        pytest.skip(f"the {name} corpus is not on this machine ({path})")
    return path.read_text(encoding="utf-8")


@example
def m5_tiny_shakespeare_size():
    """Experiment 1: our corpus's size in MB (10^6 bytes)."""
    return [len(corpus_text("tinyshakespeare").encode("utf-8")) / 1e6]


@example
def m5_names_count():
    """Experiment 5: how many names, one per line, the names model's list holds."""
    return [len(corpus_text("names").splitlines())]


@example
def m5_gallery_names_count():
    return m5_names_count()


def shipped(model_id: str, name: str = "meta.json") -> dict:
    return json.loads((PRETRAINED / model_id / name).read_text())


@example
def m5_timelapse_sample():
    """Section 5.2: the length of the sample saved at each checkpoint."""
    return [shipped("tinyshakespeare", "timelapse.json")["sample_len"]]


@example
def m5_warandpeace_words():
    """Section 5.2: our War and Peace time-lapse, measured as the generated table measures it."""
    from coursekit import textchecks as tc
    tl = shipped("warandpeace", "timelapse.json")
    points = {p["iter"]: p["sample"] for p in tl["points"]}
    vocab = tc.corpus_words(corpus_text("warandpeace"))
    share = {it: round(100 * tc.measure(s, vocab).real_word_share) for it, s in points.items()}
    iters = sorted(share)
    dips = [b for a, b in zip(iters, iters[1:]) if share[b] < share[a]]
    assert len(dips) == 1, f"the page names one dip in the climb: {share}"
    last = iters[-1]

    def first(word: str) -> int:
        return min(it for it, s in points.items() if word in s)
    return [100, share[100], share[100], share[last], last, dips[0], share[dips[0]], tl["sample_len"],
            first('"'), first("Rostov")]


@example
def m5_warandpeace_steps():
    return [shipped("warandpeace")["training"]["iterations"]]


@example
def m5_context_cells():
    """Section 5.3: the strongest context cells of our War and Peace, LaTeX and C models (neurons.json)."""
    def r(model_id: str, feature: str) -> float:
        return shipped(model_id, "neurons.json")["top"][feature][0]["score"]
    linux = shipped("linux", "neurons.json")["top"]
    assert max(linux, key=lambda f: abs(linux[f][0]["score"]) if linux[f] else 0) == "in_c_comment", \
        "the page calls the comment cell the C model's strongest"
    position = {m: abs(r(m, "position_in_line")) for m in ("tinyshakespeare", "names", "latex", "linux")}
    assert min(position.values()) >= 0.5, f"the page says these models have a line-position cell: {position}"
    return [r("warandpeace", "in_double_quotes"), r("latex", "in_parens"), r("latex", "in_braces"),
            r("linux", "in_c_comment")]


def read_share(model_id: str) -> tuple[float, float]:
    """Characters the model read in training (millions) and the size of its corpus file (MB)."""
    meta = shipped(model_id)
    return meta["training"]["characters_seen"] / 1e6, len(corpus_text(model_id).encode("utf-8")) / 1e6


@example
def m5_gallery_latex_chars():
    """The gallery: what share of the Stacks Project our LaTeX model read ("a little over half")."""
    seen, size = read_share("latex")
    assert 0.5 < seen / size < 0.65
    return [seen, size]


@example
def m5_gallery_linux_chars():
    seen, _ = read_share("linux")
    return [seen]


@example
def m5_gallery_model_sizes():
    """The gallery's note: the demos' models, their hidden sizes, and a sixth of a 3×512 model."""
    sizes = {m: shipped(m)["architecture"] for m in ("tinyshakespeare", "latex", "linux", "names")}
    assert {sizes[m]["hidden"] for m in ("tinyshakespeare", "latex", "linux")} == {256}
    assert all(a["layers"] == 2 for a in sizes.values())
    assert all(shipped(m)["training"]["seconds"] < 1800 for m in sizes), "under half an hour each"
    big = lstm_params(65, 512, 512, 3)[3]  # Karpathy's 3×512 on Tiny Shakespeare's 65 characters
    assert round(big / sizes["tinyshakespeare"]["parameters"]) == 6, "about a sixth of the size"
    return [256, sizes["names"]["hidden"], 512]


@example
def m5_longer_training():
    """Section 5.2's note: a hypothetical 10,000 iterations against the model's real size and run."""
    meta = shipped("tinyshakespeare")
    return [10_000, meta["architecture"]["layers"], meta["architecture"]["hidden"], meta["training"]["iterations"]]


@example
def m5_live_model_sizes():
    """The live page: every shipped model has two layers, trained on a CPU in under half an hour; its hidden sizes."""
    metas = [shipped(p.parent.name) for p in sorted(PRETRAINED.glob("*/meta.json"))]
    assert all(m["architecture"]["layers"] == 2 for m in metas)
    assert all(m["training"]["seconds"] < 1800 and "CPU" in m["training"]["machine"]["device"] for m in metas)
    return sorted({m["architecture"]["hidden"] for m in metas})


@example
def m5_neuron_window():
    """Section 5.3: the length of the stretch each pictured cell is shown on (neurons.json's examples),
    and the |r| from which context cells are pictured first."""
    lengths = {len(e["example"]["text"]) for p in PRETRAINED.glob("*/neurons.json")
               for top in json.loads(p.read_text())["top"].values() for e in top}
    assert len(lengths) == 1, lengths
    from coursekit.samples import STRONG
    return [lengths.pop(), STRONG]


@example
def m5_sample_temperatures():
    """Section 5.1: the two temperatures the generated samples are drawn at."""
    from coursekit.samples import TEMPERATURES
    return list(TEMPERATURES)


@example
def m5_spot_temperature():
    """Spot the Bug: the temperature of every sample in the generated answer key."""
    key = json.loads((ROOT / "docs" / "assets" / "data" / "spot-the-bug.json").read_text())
    temps = {s["temperature"] for s in key["samples"]}
    assert len(temps) == 1, temps
    return [temps.pop()]


def lstm_params(vocab: int, emb: int, hidden: int, layers: int) -> tuple[int, int, int, int]:
    """Embedding table, one LSTM layer (PyTorch: two biases per gate), output layer, total."""
    table = vocab * emb
    first = 4 * hidden * (emb + hidden) + 8 * hidden
    rest = 4 * hidden * (hidden + hidden) + 8 * hidden
    head = hidden * vocab + vocab
    return table, first, head, table + first + (layers - 1) * rest + head


@example
def cheat_lstm_params():
    meta = json.loads((PRETRAINED / "tinyshakespeare" / "meta.json").read_text())
    a = meta["architecture"]
    table, layer, head, total = lstm_params(a["vocab_size"], a["embedding"], a["hidden"], a["layers"])
    assert total == a["parameters"], "the formula must give the parameter count the model card states"
    return [a["vocab_size"], a["embedding"], a["hidden"], a["layers"], table, layer, head, total]


@example
def cheat_temperature():
    y = np.array([2.0, 1.0, 0.0])
    out = list(y)
    for t in (0.5, 1.0, 2.0):
        z = np.exp(y / t)
        out += [t, *(z / z.sum())]
    return out


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_module5_worked_example_numbers(example_id):
    assert_example_numbers(example_id, EXAMPLES)


def test_interview_vanishing_gradient_claim_holds():
    """Appendix E, Q2: 'at a factor of F per step, after N steps less than a millionth of it is left'."""
    text = (ROOT / "docs/appendices/e-interview.md").read_text()
    m = re.search(r"factor of ([\d.]+) per step,\s+after (\d+) steps less than a millionth", text)
    assert m, "the worked claim is no longer on the page"
    f, n = float(m.group(1)), int(m.group(2))
    assert f ** n < 1e-6, f"{f}^{n} = {f ** n:.2e} is not below a millionth"


def test_module5_quiz_r_squared_claim_holds():
    """The quiz explains r = X as 'a straight line ... explains Y% of the cell's variance'."""
    quiz = json.loads((ROOT / "docs/quizzes/module-5-check.json").read_text())
    text = " ".join(q["explanation"] for q in quiz["questions"])
    m = re.search(r"r = ([\d.]+) means a straight line through the feature explains (\d+)%", text)
    assert m, "the r-squared explanation is no longer in the quiz"
    assert round(100 * float(m.group(1)) ** 2) == int(m.group(2))
