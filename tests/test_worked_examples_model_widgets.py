"""Worked examples of the model-widget pages (Module 4 playground, Module 6 model size), recomputed with NumPy.

Same contract as tests/test_worked_examples.py (checked by tests/worked_examples.py's helpers): a
block `<!-- example: id -->…<!-- /example -->` shows exactly the numbers `EXAMPLES[id]()` returns, in
order, at the precision the page prints.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from worked_examples import assert_example_numbers

ROOT = Path(__file__).resolve().parent.parent
SCORES = np.array([2.0, 1.0, 0.5])


def temperature_softmax() -> list[float]:
    """The playground page's table: three scores turned into probabilities at τ = 0.5, 1 and 2."""
    out = list(SCORES)
    for tau in (0.5, 1.0, 2.0):
        z = np.exp((SCORES - SCORES.max()) / tau)
        out += [tau, *(z / z.sum())]
    return out


def model_size_uniform_bits() -> list[float]:
    """Module 6, model size: the bits per character of a uniform guess over Tiny Shakespeare's characters."""
    v = json.loads((ROOT / "pretrained" / "tinyshakespeare" / "meta.json").read_text())["architecture"]["vocab_size"]
    return [v, v, float(np.log2(v))]


def model_size_family() -> list[float]:
    """Module 6, model size: the three Tiny Shakespeare sizes, what each step up costs and buys."""
    metas = [json.loads((ROOT / "pretrained" / m / "meta.json").read_text())
             for m in ("tinyshakespeare-2x128", "tinyshakespeare-2x256", "tinyshakespeare-2x480")]
    assert len({m["training"]["iterations"] for m in metas}) == 1, "the same steps for every size"
    assert {m["families"]["size"] for m in metas} == {"tinyshakespeare"}
    params = [m["architecture"]["parameters"] for m in metas]
    bits = [m["validation"]["bits_per_char"] for m in metas]
    test = [m["test"]["bits_per_char"] for m in metas]
    mb = [m["files"]["model.onnx"]["bytes"] / 1e6 for m in metas]
    assert bits[0] - bits[1] > bits[1] - bits[2] > 0, "each step up buys less"
    assert test[2] > test[1], "the page says the large model is worse on test"
    flagship = json.loads((ROOT / "pretrained" / "tinyshakespeare" / "meta.json").read_text())
    assert flagship["architecture"]["hidden"] == metas[2]["architecture"]["hidden"]
    assert flagship["architecture"]["dropout"] == 0.5 and metas[2]["architecture"]["dropout"] == 0.3
    assert flagship["validation"]["bits_per_char"] < min(bits), "the page: the main model is the best of the four on val"
    assert test[1] < flagship["test"]["bits_per_char"] < test[2], "on test: below the large model, the medium one ahead"
    curve = json.loads((ROOT / "pretrained" / "tinyshakespeare-2x480" / "curves.json").read_text())["eval"]
    low = min(curve, key=lambda p: p["val_loss"])
    assert 2800 <= low["iter"] <= 3000 and curve[-1]["val_loss"] > low["val_loss"], "bottoming out at about step 2,900"
    return [*(m["architecture"]["hidden"] for m in metas), params[1] / params[0], bits[0] - bits[1],
            params[2] / params[1], bits[1] - bits[2], test[2] - test[1], *mb]


EXAMPLES = {"temperature-softmax": temperature_softmax, "model-size-uniform-bits": model_size_uniform_bits,
            "model-size-family": model_size_family}


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_model_widget_page_numbers_are_computed(example_id):
    assert_example_numbers(example_id, EXAMPLES)


def test_lower_temperature_sharpens_and_higher_flattens():
    p = temperature_softmax()
    cold, normal, hot = p[4:7], p[8:11], p[12:15]
    assert cold[0] > normal[0] > hot[0] and cold[2] < normal[2] < hot[2]
