"""Module 5 and the cheat sheets: every number of a worked example is recomputed.

Same contract as tests/test_worked_examples.py (checked by the helpers of
tests/worked_examples.py): a block `<!-- example: id -->…<!-- /example -->` shows exactly the
numbers `EXAMPLES[id]()` returns, in order, at the precision the page prints.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from conftest import CORPORA, missing_shared
from worked_examples import assert_example_numbers, registers_in, time_numbers

ROOT = Path(__file__).resolve().parent.parent
PRETRAINED = ROOT / "pretrained"

EXAMPLES = {}
example = registers_in(EXAMPLES)


@example
def module5_time():
    """The module's time table, and the largest download a live page asks for (MB, rounded up)."""
    largest = max(p.stat().st_size for p in PRETRAINED.glob("*/model.onnx")) / 1e6
    return time_numbers([5, 20, 10, 15, 25, 10, 10, 10]) + [math.ceil(largest)]


@example
def m5_position_cell():
    """The Tiny Shakespeare model's two memory cells that best follow the line position (neurons.json):
    one counts up, the other down; the question asks about the second."""
    nj = json.loads((PRETRAINED / "tinyshakespeare" / "neurons.json").read_text())
    best = {}
    for e in nj["top"]["position_in_line"]:
        if e["kind"] == "c":
            best.setdefault((e["layer"], e["cell"]), e["score"])
    (first_cell, first), (second_cell, second) = list(best.items())[:2]
    assert first > 0 > second, "the page says one counts up and the other down"
    # the live page's "things to try": both are in layer 1, first and second when its cells are ranked by |r|
    assert first_cell[0] == second_cell[0] == 1
    return [first, second, second * second]


def corpus_text(model_id: str) -> str:
    """The full corpus a shipped model was trained on (build_models reads it from ../shared/corpora)."""
    name = json.loads((PRETRAINED / model_id / "meta.json").read_text())["corpus"]["name"]
    path = CORPORA / f"{name}.txt"
    if not path.is_file():
        missing_shared(f"the {name} corpus is not on this machine")
    return path.read_text(encoding="utf-8")


HEADING = {"full stop": re.compile(r"^[A-Z][A-Z ]+\.$", re.M), "colon": re.compile(r"^[A-Z][A-Za-z ]+:$", re.M)}


@example
def m5_tiny_shakespeare_size():
    """Experiment 1: our two Shakespeare corpora, in MB (10^6 bytes), and their speaker headings
    (a full stop in the complete works, a colon in Tiny Shakespeare), which each model's samples copy."""
    texts = {m: corpus_text(m) for m in ("shakespeare", "tinyshakespeare")}
    full, tiny = (len(texts[m].encode("utf-8")) / 1e6 for m in texts)
    assert full > 4 * tiny, "the page calls Tiny Shakespeare a selection, a fraction of the works"
    page = (ROOT / "docs/includes/generated/experiment-shakespeare.md").read_text()
    sections = {m: page.split(f"**Our model `{m}`**")[1].split("**Our model")[0] for m in texts}
    for m, own, other in (("shakespeare", "full stop", "colon"), ("tinyshakespeare", "colon", "full stop")):
        corpus = {k: len(h.findall(texts[m])) for k, h in HEADING.items()}
        assert corpus[own] > 10 * corpus[other], (m, corpus)
        lines = "\n".join(l.strip() for l in sections[m].splitlines())
        assert HEADING[own].search(lines) and not HEADING[other].search(lines), f"{m}'s samples copy its headings"
    return [full, tiny]


@example
def m5_our_models():
    """Experiment page, how to read our samples: the main models' shapes, and where and how fast they trained."""
    from coursekit.samples.common import models
    metas = {f.name: shipped(f.name) for f in models()}
    shape = {m: (meta["architecture"]["layers"], meta["architecture"]["hidden"]) for m, meta in metas.items()}
    big = [m for m, s in shape.items() if s == KARPATHY_SHAKESPEARE]
    assert len(big) > len(metas) / 2, "most of our models"
    gpu = [m for m in metas if m != "names"]
    assert all(on_gpu(metas[m]) and metas[m]["training"]["wall_seconds"] < 5 * 60 for m in gpu), \
        "every model but names trained on one GPU in under five minutes"
    assert not on_gpu(metas["names"])
    assert shape["tinyshakespeare"][0] == shape["names"][0] == 2, "two layers each"
    return [KARPATHY_SHAKESPEARE[1], shape["tinyshakespeare"][1], shape["names"][1]]


@example
def m5_names_count():
    """Experiment 5: how many names, one per line, the names model's list holds."""
    return [len(corpus_text("names").splitlines())]


@example
def m5_gallery_names_count():
    return m5_names_count()


def shipped(model_id: str, name: str = "meta.json") -> dict:
    return json.loads((PRETRAINED / model_id / name).read_text())


KARPATHY_SHAKESPEARE = (3, 512)  # the post's Shakespeare model: 3 layers of 512 (Karpathy, 2015)


def on_gpu(meta: dict) -> bool:
    return "CPU" not in meta["training"]["machine"]["device"]


def timelapse_models() -> list[str]:
    """The main models (those the generated pages quote) that saved samples while training."""
    from coursekit.samples.common import models
    return [f.name for f in models() if (f / "timelapse.json").is_file()]


@example
def m5_timelapse_sample():
    """Section 5.2: which main models saved a time-lapse (War and Peace and names, the page says),
    and the length of the sample saved at each checkpoint (the same for both)."""
    assert sorted(timelapse_models()) == ["names", "warandpeace"], timelapse_models()
    lengths = {shipped(m, "timelapse.json")["sample_len"] for m in timelapse_models()}
    assert len(lengths) == 1, lengths
    return [lengths.pop()]


@example
def m5_warandpeace_words():
    """Section 5.2: our War and Peace time-lapse, measured as the generated table measures it."""
    from coursekit import textchecks as tc
    tl = shipped("warandpeace", "timelapse.json")
    points = {p["iter"]: p["sample"] for p in tl["points"]}
    vocab = tc.corpus_words(corpus_text("warandpeace"))
    share = {it: round(100 * tc.measure(s, vocab).real_word_share) for it, s in points.items()}
    iters = sorted(share)
    last = iters[-1]
    assert all(share[b] >= share[a] for a, b in zip(iters, iters[1:])), f"the page says the share never falls: {share}"
    assert share[1200] == share[2000], f"the page says it stands still from 1,200 to 2,000: {share}"
    assert share[1200] - share[100] > 4 * (share[last] - share[1200]), "most of the climb comes by 1,200"

    def first(word: str) -> int:
        return min(it for it, s in points.items() if word in s)
    assert first("Bolkonski") == first("Bezukhov"), "the page has both families arrive in the same sample"
    assert not any("Rostov" in s for s in points.values()), "the page says the Rostovs never appear"
    post = shipped("warandpeace")["training"]["config"]["timelapse_iters"]
    assert max(post) == 2000 and last > 2000, "the post's time-lapse ends at 2,000; ours runs on"
    return [100, share[100], share[100], share[1200], 1200, share[1200], 2000, share[last], last,
            tl["sample_len"], first('"'), first("Bolkonski")]


@example
def m5_names_timelapse():
    """Section 5.2, the names table: real names and validation loss at the first and last saved step,
    and the shape both time-lapses share (the last, longest interval buys the least loss per step)."""
    from coursekit import textchecks as tc
    tl = shipped("names", "timelapse.json")
    first, last = tl["points"][0], tl["points"][-1]
    names = tc.corpus_words(corpus_text("names"))
    share = [round(100 * tc.measure(p["sample"], names).real_word_share) for p in tl["points"]]
    assert share == sorted(share), f"the page says the share grows: {share}"
    for model_id in ("names", "warandpeace"):
        pts = shipped(model_id, "timelapse.json")["points"]
        steps = [(b["iter"] - a["iter"], (a["val_loss"] - b["val_loss"]) / (b["iter"] - a["iter"]))
                 for a, b in zip(pts, pts[1:])]
        assert max(steps)[0] == steps[-1][0] and min(r for _, r in steps) == steps[-1][1], (model_id, steps)
    return [share[0], first["iter"], share[-1], last["iter"], first["val_loss"], last["val_loss"]]


@example
def m5_warandpeace_steps():
    """The War and Peace run: its size (the post's Shakespeare model's, 3×512), steps and training minutes."""
    meta = shipped("warandpeace")
    a, t = meta["architecture"], meta["training"]
    assert "H200" in t["machine"]["device"], "the page says one GPU"
    return [a["layers"], a["hidden"], t["iterations"], t["seconds"] / 60]


@example
def m5_context_cells():
    """Section 5.3: the line-position, speaker-heading, quote, bracket and comment cells of our main
    models (neurons.json), with every claim the bullets make in words."""
    def best(model_id: str, feature: str) -> dict:
        return shipped(model_id, "neurons.json")["top"][feature][0]

    def r(model_id: str, feature: str) -> float:
        return best(model_id, feature)["score"]
    from coursekit.samples.common import models
    from coursekit.samples.neurons import STRONG
    with_counter = ("tinyshakespeare", "shakespeare", "names", "latex", "linux")
    assert sorted([*with_counter, "warandpeace"]) == sorted(f.name for f in models()), "the bullets cover every main model"
    position = {m: max(abs(e["score"]) for e in shipped(m, "neurons.json")["top"]["position_in_line"] if e["kind"] == "c")
                for m in with_counter}
    assert min(position.values()) >= STRONG, f"the page says these models have a line-position memory cell: {position}"
    wp_position = abs(r("warandpeace", "position_in_line"))
    assert wp_position < STRONG
    for m in ("tinyshakespeare", "shakespeare"):   # "a memory cell that sits low through an all-capitals line"
        cell = best(m, "caps_line")
        assert cell["kind"] == "c" and cell["score"] <= -STRONG, (m, cell)
    quoted = [("warandpeace", "in_double_quotes"), ("latex", "in_parens"), ("latex", "in_braces"),
              ("linux", "in_braces"), ("linux", "in_c_comment")]
    assert all(best(m, f)["kind"] == "c" for m, f in quoted), "the page calls each of them a memory cell"
    assert r("warandpeace", "in_double_quotes") > 0, "the page says it sits high inside quotes"
    linux = shipped("linux", "neurons.json")["top"]
    assert max(linux, key=lambda f: abs(linux[f][0]["score"]) if linux[f] else 0) == "in_braces", \
        "the page calls the braces cell the C model's strongest"
    return [STRONG, wp_position, *(r(m, f) for m, f in quoted)]


def read_share(model_id: str) -> tuple[float, float]:
    """Characters the model read in training (millions) and the size of its corpus file (MB)."""
    meta = shipped(model_id)
    return meta["training"]["characters_seen"] / 1e6, len(corpus_text(model_id).encode("utf-8")) / 1e6


def passes(model_id: str) -> float:
    """How many times the run read its training split (characters seen / characters in the split)."""
    meta = shipped(model_id)
    start, end = meta["corpus"]["split"]["train"]
    return meta["training"]["characters_seen"] / (end - start)


@example
def m5_gallery_latex_chars():
    """The gallery: what our LaTeX model read of the Stacks Project ("six times over")."""
    seen, size = read_share("latex")
    assert round(passes("latex")) == 6
    return [size, seen]


@example
def m5_gallery_linux_chars():
    """The gallery: what our C model read ("about five times over")."""
    seen, size = read_share("linux")
    assert round(passes("linux")) == 5
    return [size, seen]


@example
def m5_gallery_model_sizes():
    """The gallery's note: the demos' models (the Shakespeare demo prefers the complete works), their
    sizes and where and how fast they were trained."""
    big = [shipped(m) for m in ("shakespeare", "latex", "linux")]
    assert {(m["architecture"]["layers"], m["architecture"]["hidden"]) for m in big} == {KARPATHY_SHAKESPEARE}
    assert all(on_gpu(m) and m["training"]["wall_seconds"] < 5 * 60 for m in big), "under five minutes on a GPU"
    names = shipped("names")
    assert not on_gpu(names) and names["training"]["wall_seconds"] < 10 * 60, "under ten minutes on a CPU"
    demo = (ROOT / "widgets/demo-gallery/logic.ts").read_text()
    assert 'corpora: ["shakespeare", "tinyshakespeare"]' in demo, "the Shakespeare demo prefers the complete works"
    assert 'SPEAKER_END: Record<string, string> = { tinyshakespeare: ":", shakespeare: "." }' in demo, \
        "the page says the demo writes the heading in its model's edition's style (the browser test runs it)"
    return [KARPATHY_SHAKESPEARE[1], names["architecture"]["layers"], names["architecture"]["hidden"]]


@example
def m5_longer_training():
    """Section 5.2's note: a hypothetical 10,000 steps against the War and Peace run's last evaluations
    (curves.json): the learning rate's floor, the flat end of the validation curve, the widening gap."""
    meta = shipped("warandpeace")
    cfg, steps = meta["training"]["config"], meta["training"]["iterations"]
    ev = {e["iter"]: e for e in shipped("warandpeace", "curves.json")["eval"]}
    span = 1200
    gap = {it: ev[it]["val_loss"] - ev[it]["train_loss"] for it in (2000, steps)}
    assert gap[steps] > 2 * gap[2000] > 0, "the training loss pulled ahead"
    # build_models/train.py get_lr: cosine from learning_rate down to min_lr, reached at max_iters
    assert cfg["max_iters"] == steps, "the schedule ends at the last step"
    return [10_000, steps, cfg["learning_rate"] / cfg["min_lr"], span, ev[steps - span]["val_loss"], ev[steps]["val_loss"],
            gap[2000], 2000, gap[steps], passes("warandpeace")]


@example
def m5_live_model_sizes():
    """The live page: the main models' shapes and where they were trained (every one on a GPU but names)."""
    from coursekit.samples.common import models
    metas = {f.name: shipped(f.name) for f in models()}
    shape = {m: (meta["architecture"]["layers"], meta["architecture"]["hidden"]) for m, meta in metas.items()}
    big = sorted(m for m, s in shape.items() if s == KARPATHY_SHAKESPEARE)
    assert big == ["latex", "linux", "shakespeare", "warandpeace"], shape
    assert all(on_gpu(metas[m]) and metas[m]["training"]["wall_seconds"] < 10 * 60 for m in [*big, "tinyshakespeare"]), \
        "trained on a GPU, for minutes"
    assert not on_gpu(metas["names"])
    assert set(shape) == {*big, "tinyshakespeare", "names"}, "the page lists every main model"
    return [*KARPATHY_SHAKESPEARE, *shape["tinyshakespeare"], *shape["names"]]


@example
def m5_anchors():
    """"How good are our models?": our held-out losses beside published ones, and our best n-grams."""
    # Published figures, quoted, not computed:
    NANOGPT_LOSS = 1.4697     # nanoGPT README (karpathy/nanoGPT), shakespeare_char: best validation loss
    NANOGPT_PARAMS_M = 10.7   # the same model's size in millions of parameters (the README's baby GPT)
    PAPER_YEAR = 2015         # Karpathy, Johnson & Fei-Fei (2015), Visualizing and Understanding Recurrent Networks
    PAPER_WP = 1.077          # that paper's table: best LSTM, War and Peace test loss (nats per character)
    PAPER_LINUX = 0.84        # the same table: best LSTM, Linux kernel test loss
    NANOGPT_WINDOW = 256      # nanoGPT config/train_shakespeare_char.py: block_size, the windows its loss is estimated on
    POST_LINUX_MB = 474       # Karpathy (2015), the post: the size of its Linux kernel corpus
    ts, wp, lx = shipped("tinyshakespeare"), shipped("warandpeace"), shipped("linux")

    tail = ts["tail_eval"]
    n = ts["corpus"]["split"]["test"][1]
    assert tail["start"] == int(0.9 * n) and tail["chars"] == n - tail["start"] and tail["frac"] == 0.1, \
        "the page says: the file's last 10%, cut at int(0.9 * len), the split nanoGPT uses"
    overlap = ts["corpus"]["split"]["train"][1] - tail["start"]
    assert 0 <= overlap <= 2 and corpus_text("tinyshakespeare")[tail["start"]:][:overlap].endswith("\n")
    a = ts["architecture"]
    assert 0.3 < a["parameters"] / (NANOGPT_PARAMS_M * 1e6) < 0.37, "about a third of nanoGPT's parameters"
    assert tail["loss_nats"] < NANOGPT_LOSS

    def ngram_nats(meta: dict) -> float:
        return meta["ngram_baseline"]["test_bits_per_char"] * math.log(2)
    from coursekit.samples.common import models
    for f in models():   # "every model beats its n-gram", on its own test split
        meta = shipped(f.name)
        assert meta["test"]["loss_nats"] < ngram_nats(meta), f.name
    for meta in (wp, lx):
        assert (meta["architecture"]["layers"], meta["architecture"]["hidden"]) == KARPATHY_SHAKESPEARE
    assert wp["test"]["loss_nats"] > PAPER_WP and lx["test"]["loss_nats"] > PAPER_LINUX, "behind the paper"

    manifest = CORPORA / "MANIFEST.md"
    if manifest.is_file():   # "from four folders of the kernel"
        line = next(l for l in manifest.read_text().splitlines() if l.startswith("| linux |"))
        assert all(f"`{d}`" in line for d in ("kernel/", "mm/", "fs/ext4/", "drivers/char/"))
    linux_chars = lx["corpus"]["split"]["test"][1]

    book = corpus_text("warandpeace")
    val, test = wp["corpus"]["split"]["val"], wp["corpus"]["split"]["test"]
    epilogue = book.index("SECOND EPILOGUE")
    assert val[1] <= epilogue < test[1] and test[1] == len(book), "the test split ends the book; val is before the essay"
    essay = (test[1] - epilogue) / (test[1] - test[0])
    assert essay > 0.5, "mostly the Second Epilogue"
    wp_val = wp["validation"]["loss_nats"]
    assert PAPER_WP < wp_val < wp["test"]["loss_nats"]
    pct = 100 * tail["frac"]
    return [pct, NANOGPT_PARAMS_M, NANOGPT_LOSS, a["layers"], a["hidden"], a["parameters"], tail["loss_nats"],
            PAPER_YEAR, PAPER_WP, *KARPATHY_SHAKESPEARE, wp["test"]["loss_nats"], ngram_nats(wp),
            PAPER_YEAR, PAPER_LINUX, *KARPATHY_SHAKESPEARE, lx["test"]["loss_nats"], ngram_nats(lx),
            NANOGPT_LOSS, pct, 0.9, tail["chars"], overlap, NANOGPT_LOSS - tail["loss_nats"], NANOGPT_WINDOW,
            PAPER_YEAR, PAPER_WP, PAPER_LINUX, wp["test"]["loss_nats"] - PAPER_WP, lx["test"]["loss_nats"] - PAPER_LINUX,
            linux_chars / 1e6, POST_LINUX_MB, 100 * wp["corpus"]["split"]["test_frac"], 100 * essay, wp_val, 2]


@example
def m5_neurons_size():
    """Section 5.3's opening: how many numbers (parameters) our War and Peace model holds."""
    return [shipped("warandpeace")["architecture"]["parameters"]]


@example
def m5_neuron_window():
    """Section 5.3: the length of the stretch each pictured cell is shown on (neurons.json's examples),
    and the |r| from which context cells are pictured first."""
    lengths = {len(e["example"]["text"]) for p in PRETRAINED.glob("*/neurons.json")
               for top in json.loads(p.read_text())["top"].values() for e in top}
    assert len(lengths) == 1, lengths
    from coursekit.samples.neurons import STRONG
    return [lengths.pop(), STRONG]


@example
def m5_sample_temperatures():
    """Section 5.1: the two temperatures the generated samples are drawn at."""
    from coursekit.samples.common import TEMPERATURES
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
