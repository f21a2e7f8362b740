"""The Attention Weight Calculator (Module 7) in Chromium: mounted on its page, edited by keyboard
and by typing, its weights checked against NumPy after every change; bad input kept out of the
results. The page's load, policy and axe checks with the widget mounted are the every-page walk's
(tests/test_site_browser.py).
"""
from __future__ import annotations

import numpy as np
import pytest

from sitepages import open_widget

PAGE = "/modules/07-attention/calculator/"
WIDGET = "attention-calculator"


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def numpy_weights(q, K, scaled=False, sharpness=1.0):
    """Dot-product and additive (W_q = W_k = I, v = ones) weights, and the dot-product context vector."""
    q, K = np.array(q, float), np.array(K, float)
    z = K @ q * (1 / np.sqrt(len(q)) if scaled else 1.0) * sharpness
    w = softmax(z)
    wa = softmax(np.tanh(q + K).sum(axis=1) * sharpness)
    return w, wa, w @ K


def shown(root, kind: str) -> np.ndarray:
    cells = root.locator(f'[data-weight="{kind}"]')
    return np.array([float(cells.nth(i).get_attribute("data-value")) for i in range(cells.count())])


def context(root) -> np.ndarray:
    cells = root.locator('[data-context="dot"]')
    return np.array([float(cells.nth(i).get_attribute("data-value")) for i in range(cells.count())])


def edit(page, root, field: str, text: str) -> None:
    """Type `text` into a field and wait until the widget has taken it in."""
    before = root.get_attribute("data-updates")
    root.locator(f'input[data-field="{field}"]').fill(text)
    page.wait_for_function("([el, n]) => el.dataset.updates !== n", arg=[root.element_handle(), before])


Q = [0.5, 0.3]
K = [[0.4, 0.2], [0.1, 0.8], [0.6, 0.1]]


def test_it_starts_from_the_plans_numbers_and_matches_numpy(page, site_server):
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    w, wa, c = numpy_weights(Q, K)
    assert shown(root, "dot") == pytest.approx(w, abs=1e-12)
    assert shown(root, "additive") == pytest.approx(wa, abs=1e-12)
    assert context(root) == pytest.approx(c, abs=1e-12)
    assert root.locator("[data-summary]").get_attribute("aria-live") == "polite"
    assert root.locator("[data-summary]").inner_text().startswith("Key 3 gets 35% of the attention")
    why = root.locator("[data-why]").inner_text()
    assert "Key 3 wins" in why and "The additive score disagrees: it prefers key 2" in why
    assert root.locator("svg[role='img'] title").count() == 1  # the 2-D arrow picture


def test_editing_a_key_updates_the_weights_to_numpys(page, site_server):
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    edit(page, root, "k1.1", "0.9")
    keys = [[0.9, 0.2], *K[1:]]
    w, wa, c = numpy_weights(Q, keys)
    assert shown(root, "dot") == pytest.approx(w, abs=1e-12)
    assert shown(root, "additive") == pytest.approx(wa, abs=1e-12)
    assert context(root) == pytest.approx(c, abs=1e-12)
    assert root.locator("[data-summary]").inner_text().startswith(f"Key 1 gets {round(w[0] * 100)}% of the attention")
    # The query too, typed with a true minus sign and a decimal comma.
    edit(page, root, "q2", "\u22120,4")
    w, _, _ = numpy_weights([0.5, -0.4], keys)
    assert shown(root, "dot") == pytest.approx(w, abs=1e-12)


def test_scaling_and_sharpness_match_numpy(page, site_server):
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    root.get_by_label("scale the dot products by 1/√d").check()
    w, _, _ = numpy_weights(Q, K, scaled=True)
    assert shown(root, "dot") == pytest.approx(w, abs=1e-12)
    slider = root.get_by_role("slider", name="Sharpness (multiplies every score before the softmax)")
    slider.focus()
    page.keyboard.press("Home")                      # sharpness 0: uniform
    assert shown(root, "dot") == pytest.approx([1 / 3] * 3, abs=1e-12)
    assert root.locator("[data-why]").inner_text().startswith("No key wins: a sharpness of 0")
    page.keyboard.press("End")                       # sharpness 1000: one-hot
    w, wa, _ = numpy_weights(Q, K, scaled=True, sharpness=1000)
    assert shown(root, "dot") == pytest.approx(w, abs=1e-12) and w[2] > 0.99
    assert shown(root, "additive") == pytest.approx(wa, abs=1e-12)
    assert slider.get_attribute("aria-valuetext") == "sharpness 1000"


def test_bad_input_is_named_and_the_last_valid_result_stays(page, site_server):
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    before = shown(root, "dot")
    edit(page, root, "k2.2", "abc")
    field = root.locator('input[data-field="k2.2"]')
    assert field.get_attribute("aria-invalid") == "true"
    assert root.locator("[data-errors]").inner_text() == 'Key 2, entry 2 "abc" is not a number.'
    assert root.get_attribute("data-valid") == "false"
    assert "still those of the last valid numbers" in root.locator("[data-summary]").inner_text()
    assert shown(root, "dot") == pytest.approx(before, abs=0)
    edit(page, root, "k2.2", "")
    assert "is empty" in root.locator("[data-errors]").inner_text()
    # Huge numbers: no NaN anywhere, one-hot weights.
    edit(page, root, "k2.2", "1000000")
    assert root.get_attribute("data-valid") == "true" and field.get_attribute("aria-invalid") == "false"
    assert "NaN" not in root.inner_text()
    w, _, _ = numpy_weights(Q, [K[0], [0.1, 1e6], K[2]])
    assert shown(root, "dot") == pytest.approx(w, abs=1e-12)


def test_keys_and_dimensions_change_by_keyboard(page, site_server):
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    root.get_by_role("button", name="Add a key").press("Enter")
    assert root.locator('[data-weight="dot"]').count() == 4
    assert page.evaluate("document.activeElement.dataset.field") == "k4.1"   # focus moves to the new key
    edit(page, root, "k4.1", "2")
    w, _, _ = numpy_weights(Q, [*K, [2, 0]])
    assert shown(root, "dot") == pytest.approx(w, abs=1e-12)
    root.get_by_role("button", name="Remove key 1").press("Enter")
    w, _, _ = numpy_weights(Q, [*K[1:], [2, 0]])
    assert shown(root, "dot") == pytest.approx(w, abs=1e-12)
    root.get_by_role("button", name="Remove key 1").press("Enter")
    assert root.get_by_role("button", name="Remove key 1").is_disabled()   # two keys at least
    root.get_by_label("Dimension d").select_option("3")
    assert root.locator('input[data-field^="q"]').count() == 3
    assert root.locator("svg[role='img']").count() == 0   # the arrow picture is for d = 2
    edit(page, root, "q3", "1")
    edit(page, root, "k1.3", "1")
    w, _, _ = numpy_weights([0.5, 0.3, 1], [[0.6, 0.1, 1], [2, 0, 0]])
    assert shown(root, "dot") == pytest.approx(w, abs=1e-12)


def test_own_values_change_only_the_context_vector(page, site_server):
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    w, _, _ = numpy_weights(Q, K)
    root.get_by_label("my own values").check()
    assert context(root) == pytest.approx(w @ np.array(K), abs=1e-12)   # own values start as the keys
    for i, row in enumerate([[1, 0], [0, 1], [0, 0]]):
        for j, v in enumerate(row):
            edit(page, root, f"val{i + 1}.{j + 1}", str(v))
    assert shown(root, "dot") == pytest.approx(w, abs=1e-12)
    assert context(root) == pytest.approx(w[:2], abs=1e-12)
