"""Module 5's generated content and its checkers, and the glossary fence.

The samples, time-lapse table, heatmaps and Spot-the-Bug key are written by
`python -m coursekit.samples` from pretrained/ and the corpora; here we prove
the committed files are what that command writes today, that the checkers
behind the answer key find what they should, and that the heatmaps show the
same activations the neuron analysis measured.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coursekit import glossary, samples
from coursekit import textchecks as tc
from coursekit.samples import common, neurons

ROOT = Path(__file__).resolve().parent.parent
# The corpora fixture (conftest.py) skips without ../shared/corpora, or fails under make test.
needs_corpora = pytest.mark.usefixtures("corpora")


# ---------------------------------------------------------------- checkers

def test_tokens_join_back_into_the_text():
    text = 'KING RICHARD III:\n\\begin{proof} x = (a + "b"]; don\'t\n'
    assert "".join(tc.tokenize(text)) == text


def test_unmatched_closer_and_unclosed_opener_are_flagged():
    toks = tc.tokenize("f(a[1)) {")
    # ")" closes "(" and leaves "[" unclosed; the second ")" has no opener; "{" is never closed
    assert [(toks[f.token], f.token) for f in tc.unbalanced_brackets(toks)] == [("[", 3), (")", 6), ("{", 8)]


def test_balanced_brackets_give_no_finding():
    assert tc.unbalanced_brackets(tc.tokenize("a(b[c]{d})e")) == []


def test_odd_quote_count_flags_the_last_quote():
    toks = tc.tokenize('He said "hi" and "bye')
    (f,) = tc.unbalanced_quotes(toks)
    assert toks[f.token] == '"' and f.token == max(i for i, t in enumerate(toks) if t == '"')
    assert tc.unbalanced_quotes(tc.tokenize('"a" "b"')) == []


def test_mismatched_end_environment_is_flagged():
    toks = tc.tokenize("\\begin{proof}\nx\n\\end{lemma}\n\\begin{align}")
    found = tc.begin_end(toks)
    assert [(toks[f.token], f.check) for f in found] == [("\\end", "environment"), ("\\begin", "environment")]
    assert "lemma" in found[0].why and "proof" in found[0].why
    assert tc.begin_end(tc.tokenize("\\begin{a}\\begin{b}x\\end{b}\\end{a}")) == []


def test_words_outside_the_corpus_vocabulary_are_flagged():
    vocab = tc.corpus_words("The king is dead. Long live the king!")
    toks = tc.tokenize("The kong is dead")
    assert [toks[f.token] for f in tc.unknown_words(toks, vocab)] == ["kong"]


def test_invented_speaker_is_flagged_and_real_one_is_not():
    speakers = tc.corpus_speakers("ROMEO:\nHi.\n\nJULIET:\nHo.\n")
    toks = tc.tokenize("ROMEO:\nyes\nKING ZOG:\nno")
    found = tc.unknown_speakers(toks, speakers)
    assert [f.check for f in found] == ["speaker"] and "KING ZOG" in found[0].why


def test_measures_of_a_small_sample():
    m = tc.measure("ROMEO:\nthe thall\nJULIET:\nthe", {"the", "romeo", "juliet"}, {"ROMEO"})
    assert m.words == 5 and m.real_word_share == pytest.approx(4 / 5)
    assert m.mean_word_length == pytest.approx((5 + 3 + 5 + 6 + 3) / 5)
    assert (m.headings, m.known_heading_share) == (2, 0.5)


def test_timelapse_reads_double_quotes_as_closed_or_still_open():
    from coursekit.samples.timelapse import learned, quotes_cell
    closed = tc.measure('"Yes," he said. "No."', {"yes", "he", "said", "no"})
    still_open = tc.measure('"Yes," he said. "No', {"yes", "he", "said", "no"})
    assert (closed.double_quotes, quotes_cell(closed)) == (4, "4, balanced")
    assert quotes_cell(still_open) == "3, one still open at the end"
    assert "each one closed" in learned(None, closed, False) and "still open" in learned(None, still_open, False)
    assert quotes_cell(tc.measure("no quotes here", set())) == "none"


# ---------------------------------------------------------------- generated files

NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
HEX = re.compile(r"#[0-9a-f]{6}\b")


def same_up_to_rounding(a: str, b: str) -> bool:
    """Equal text, where a number may differ by one unit of its last printed digit (and colours
    derived from such numbers may differ): another CPU's floats can round the other way."""
    skeleton = lambda t: NUMBER.sub("#", HEX.sub("C", t))  # noqa: E731
    if skeleton(a) != skeleton(b):
        return False
    na, nb = NUMBER.findall(HEX.sub("C", a)), NUMBER.findall(HEX.sub("C", b))
    unit = lambda n: 10.0 ** -len(n.split(".")[1]) if "." in n else 1.0  # noqa: E731
    return all(abs(float(x) - float(y)) <= 1.01 * unit(x) for x, y in zip(na, nb))


def test_rounding_tolerance_is_one_unit_of_the_last_digit():
    assert same_up_to_rounding('<span style="background:#aabbcc" title="+0.35">', '<span style="background:#aabbcd" title="+0.36">')
    assert not same_up_to_rounding('title="+0.35"', 'title="+0.38"')
    assert not same_up_to_rounding("real words 88%", "real words 90%")
    assert not same_up_to_rounding("Janay, Anavita", "Janay, Anavite")


@pytest.fixture(scope="module")
def loaded():
    return common.load_models()


@needs_corpora
@pytest.mark.parametrize("page", list(samples.PAGES))
def test_generated_files_are_up_to_date(loaded, page):
    """Byte for byte on the machine that made them; within rounding of the last digit elsewhere.
    One test per page family, so a failure names it (the heatmaps, which read ~20,000 characters of
    each model's test split through the model, take most of the time)."""
    stale = [str(p.relative_to(ROOT)) for p, text in samples.PAGES[page](loaded).items()
             if not p.is_file() or not same_up_to_rounding(p.read_text(encoding="utf-8"), text)]
    assert not stale, f"run `python -m coursekit.samples` and commit: {stale}"


def test_every_model_appears_in_its_experiment():
    for folder in common.models():
        meta = json.loads((folder / "meta.json").read_text())
        key = next((k for k, v in common.EXPERIMENTS.items() if meta["corpus"]["name"] in v), None)
        if key is None:
            continue
        page = (common.GENERATED / f"experiment-{key}.md").read_text()
        assert f"`{meta['id']}`" in page, f"{meta['id']} has no samples in experiment-{key}.md"


def test_every_experiment_snippet_is_included_by_the_page():
    page = (ROOT / "docs/modules/05-experiments/experiments.md").read_text()
    for key in common.EXPERIMENTS:
        assert f'--8<-- "generated/experiment-{key}.md"' in page


@needs_corpora
def test_spot_the_bug_key_is_what_the_checkers_find():
    data = json.loads(common.SPOT_DATA.read_text())
    assert data["samples"], "no Spot-the-Bug samples"
    for s in data["samples"]:
        _, found = tc.check("".join(s["tokens"]), common.vocabulary(s["corpus"]), common.speakers(s["corpus"]))
        assert [(e["token"], e["check"]) for e in s["errors"]] == [(f.token, f.check) for f in found], s["id"]
        assert 1 <= len(s["errors"]) <= 6
        assert all(tc.clickable(s["tokens"][e["token"]]) for e in s["errors"])


@needs_corpora
def test_the_recorded_activations_are_what_onnxruntime_computes():
    """The heatmaps show the activations the analysis recorded in neurons.json (rerunning every model
    for the page took minutes of every test run); the smallest model, rerun here with onnxruntime
    from the start of its test split as the analysis read it, gives the same values."""
    from coursekit import stepper
    folder = min((f for f in common.models() if (f / "neurons.json").is_file()),
                 key=lambda f: (f / "model.onnx").stat().st_size)
    m = stepper.load(folder)
    nj = json.loads((folder / "neurons.json").read_text())
    test0 = m.meta["corpus"]["split"]["test"][0]
    picks = neurons.pick_cells(nj)
    end = max(e["example"]["start"] + len(e["example"]["text"]) for _, e in picks)
    states = m.run(common.corpus(m.meta["corpus"]["name"])[test0:test0 + end], outputs=("h", "c"))
    for _, e in picks:
        ex = e["example"]
        got = states[e["kind"]][ex["start"]:ex["start"] + len(ex["text"]), e["layer"], e["cell"]]
        assert max(abs(a - b) for a, b in zip(got, ex["activation"])) < 0.01, (m.id, e["kind"], e["layer"], e["cell"])


def test_heatmaps_show_the_activations_the_analysis_measured():
    """The page shows neurons.json's recorded activations, to two decimals, for every model."""
    page = (common.GENERATED / "neurons.md").read_text()
    checked = 0
    for folder in common.models():
        nj = json.loads((folder / "neurons.json").read_text())
        section = page.split(f"### Model `{nj['model_id']}`", 1)[1].split("### Model", 1)[0]
        figures = section.split('<figure class="rnn-heat">')[1:]
        picks = neurons.pick_cells(nj)
        assert len(figures) == len(picks)
        for (_, entry), fig in zip(picks, figures):
            shown = [float(v) for v in re.findall(r'title="([-+][\d.]+)"', fig.split("</figure>")[0])]
            want = entry["example"]["activation"]
            assert len(shown) == len(want)
            assert max(abs(a - b) for a, b in zip(shown, want)) < 0.02
            checked += 1
    assert checked >= 2


def test_heatmap_colours_keep_dark_text_readable():
    def lum(hexcol):
        rgb = [int(hexcol[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    text = lum(neurons.TEXT)
    for v in (-1.0, -0.5, 0.0, 0.5, 1.0):
        assert (lum(neurons.colour(v, 1.0)) + 0.05) / (text + 0.05) >= 7.0


# ---------------------------------------------------------------- glossary

def test_glossary_merges_plurals_and_sorts_case_insensitively():
    pairs = [("RNN", "a"), ("RNNs", "b"), ("attention", "c"), ("Softmax", "d"), ("softmax", "d")]
    got = [(e.term, e.variants) for e in glossary.entries(pairs)]
    assert got == [("attention", []), ("RNN", ["RNNs"]), ("softmax", ["Softmax"])]


def test_glossary_renders_anchors_and_definitions():
    html = glossary.render([("hidden state", "The memory."), ("BPTT", "Backprop <through> time.")])
    assert '<dt id="term-hidden-state">hidden state</dt><dd>The memory.</dd>' in html
    assert "Backprop &lt;through&gt; time." in html
    assert html.index('id="glossary-b"') < html.index('id="glossary-h"')


def test_glossary_rejects_a_malformed_line():
    with pytest.raises(glossary.GlossaryError):
        glossary.parse("*[ok]: fine\nnot a definition\n")


def test_abbreviations_define_each_term_once():
    assert glossary.duplicates(glossary.parse(glossary.ABBREVIATIONS.read_text())) == []


def test_the_plans_glossary_terms_are_defined():
    terms = {t.lower() for t, _ in glossary.parse(glossary.ABBREVIATIONS.read_text())}
    plan = ["attention mechanism", "BPTT", "cell state", "encoder-decoder", "hidden state",
            "Neural Turing Machine", "one-hot", "perplexity", "seq2seq", "soft attention",
            "hard attention", "temperature", "Transformer", "Turing complete", "vanishing gradient"]
    assert [t for t in plan if t.lower() not in terms] == []


def test_built_glossary_page_lists_every_term(built_site):
    html = (built_site / "appendices/c-glossary/index.html").read_text()
    for e in glossary.entries(glossary.parse(glossary.ABBREVIATIONS.read_text())):
        assert f'<dt id="{e.anchor}">' in html, e.term


@needs_corpora
def test_a_model_added_to_pretrained_appears_on_the_next_run(tmp_path):
    """Models can be added to pretrained/ at any time: nothing in the build step names a model id."""
    src = common.PRETRAINED / "tinyshakespeare"
    fake = tmp_path / "fake-tolstoy"
    fake.mkdir()
    meta = json.loads((src / "meta.json").read_text())
    meta["id"], meta["corpus"]["name"] = "fake-tolstoy", "warandpeace"
    (fake / "meta.json").write_text(json.dumps(meta))
    (fake / "model.onnx").symlink_to(src / "model.onnx")
    # Only the families this test reads (the heatmaps would step every model through its test split again).
    files = samples.render_all(tmp_path, pages=("experiments", "spot_the_bug"))
    assert "Our model `fake-tolstoy`" in files[common.GENERATED / "experiment-warandpeace.md"]
    assert "not yet" in files[common.GENERATED / "experiment-linux.md"]
    spot = json.loads(files[common.SPOT_DATA])
    assert {s["model"] for s in spot["samples"]} == {"fake-tolstoy"}
    assert all(s["corpus"] == "warandpeace" for s in spot["samples"])
