"""Neuron analysis finds a planted "inside quotes" cell; text features and gate saturation are right;
neurons.json writes each float32 as its shortest decimal."""
import json
import re

import numpy as np
import pytest
import torch

from build_models.features import text_features
from build_models.model import CharRNN
from build_models.neurons import analyse_text, dumps

CHARS = sorted(set(' "abcdefghij.\n'))
H, PLANTED = 6, 4


def quote_model():
    """A 1-layer LSTM whose cell PLANTED flips between +1 and -1 at every '"' (others are noise).

    Only the quote's embedding has a 1 in dimension 0. On a quote the forget gate closes,
    the input gate opens and g = tanh(10 * (0.35 - h)): from outside (h <= 0) the cell
    jumps to +1, from inside (h ~ +0.76) it jumps to -1. Elsewhere f = 1, i = 0: it holds.
    """
    torch.manual_seed(0)
    m = CharRNN(len(CHARS), 1, H, "lstm").eval()
    q, k = CHARS.index('"'), PLANTED
    with torch.no_grad():
        m.embed.weight[:, 0] = 0.0
        m.embed.weight[q] = 0.0
        m.embed.weight[q, 0] = 1.0
        w_ih, w_hh, b = m.rnn.weight_ih_l0, m.rnn.weight_hh_l0, m.rnn.bias_ih_l0
        w_ih[:, 0] = 0.0  # dimension 0 (the quote detector) drives only the planted cell,
        w_hh[:, k] = 0.0  # and no other cell reads the planted one, so no other cell knows about quotes
        for gate in range(4):
            w_ih[gate * H + k].zero_(); w_hh[gate * H + k].zero_()
        m.rnn.bias_hh_l0[[g * H + k for g in range(4)]] = 0.0
        w_ih[0 * H + k, 0], b[0 * H + k] = 20.0, -10.0   # i: open only on a quote
        w_ih[1 * H + k, 0], b[1 * H + k] = -20.0, 10.0   # f: forget only on a quote
        w_ih[2 * H + k, 0], w_hh[2 * H + k, k], b[2 * H + k] = 3.5, -10.0, 0.0  # g: the flip
        b[3 * H + k] = 10.0                              # o: always open
    return m


def quoted_text(n_words=400, seed=0):
    rng = np.random.default_rng(seed)
    words = ["".join(rng.choice(list("abcdefghij"), rng.integers(1, 7))) for _ in range(n_words)]
    out, inside = [], False
    for i, w in enumerate(words):
        if rng.random() < 0.15:
            w, inside = ('"' + w) if not inside else (w + '"'), not inside
        out.append(w + ("\n" if i % 12 == 11 else " "))
    return "".join(out)


def test_analysis_finds_the_planted_quote_cell():
    text = quoted_text()
    vocab = {"chars": CHARS}
    ids = np.array([CHARS.index(ch) for ch in text])
    res = analyse_text(quote_model(), vocab, ids)
    best = res["top"]["in_double_quotes"][0]
    assert (best["layer"], best["cell"]) == (0, PLANTED) and best["score"] > 0.95
    assert '"' in best["example"]["text"] and len(best["example"]["activation"]) == len(best["example"]["text"])
    others = [abs(s) for j, s in enumerate(res["scores"]["in_double_quotes"]["c"][0]) if j != PLANTED]
    assert max(others) < 0.5
    # the planted input gate is shut (< 0.1) on every character but the quotes
    sat = res["gate_saturation"][0]["i"]
    assert sat["per_cell_low"][PLANTED] == pytest.approx(1 - text.count('"') / len(text), abs=1e-3)


def test_text_features_track_quotes_brackets_comments_and_tex():
    t = 'a "b (c[d]) e" f /* g */ h\n\\begin{x} $y$ % z\nk'
    f = text_features(t)
    on = lambda name: "".join(ch for ch, v in zip(t, f[name]) if v)
    assert on("in_double_quotes") == '"b (c[d]) e'
    assert on("in_parens") == "(c[d]"
    assert on("in_brackets") == "[d"
    assert on("in_c_comment") == "* g */"
    assert on("in_tex_comment") == "% z"
    assert on("in_dollar_math") == "$y"
    assert on("in_begin_end").startswith("\\begin{x}") and f["position_in_line"][t.index("k")] == 1
    assert f["nesting_depth"][t.index("d")] == 2 and on("start_of_word") == "abcdefghbxyzk"


def test_text_features_mark_speaker_lines_and_sentence_ends():
    t = "KING RICHARD III:\nGo. Now, go!\nAh HA x\n"
    f = text_features(t)
    on = lambda name: "".join(ch for ch, v in zip(t, f[name]) if v)
    assert on("caps_line") == "KING RICHARD III:GA"  # a line's letters so far all capitals
    assert on("after_sentence_end") == ". !\n"


def test_neurons_json_writes_each_float32_as_the_shortest_decimal_that_reads_back_as_it():
    acts = np.round(np.array([-772.583, 0.285, -0.0419, 3.0], dtype=np.float32), 3)  # float32, as analyse rounds them
    record = {"activation": acts.tolist(), "score": [1 / 3, 0.1234], "cell": 7, "text": "ab"}
    written = dumps(record)
    shown = re.search(r'"activation":\s*\[([^\]]*)\]', written).group(1)
    assert [v.strip() for v in shown.split(",")] == ["-772.583", "0.285", "-0.042", "3.0"]
    back = json.loads(written)
    assert np.array_equal(np.array(back["activation"], dtype=np.float32), acts)
    # floats that are not float32 values (rounded or computed in float64) keep every digit
    assert back["score"] == [1 / 3, 0.1234] and back["cell"] == 7 and back["text"] == "ab"
