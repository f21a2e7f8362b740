"""Module 2's small widgets in Chromium: hand-calc, what-if, speed-round, unroll.

Every expected number is recomputed here with NumPy from the numbers the page
shows, so a widget that draws one thing and checks another fails. The speed
round's clock is Playwright's fake clock: no test waits for real time.
"""
from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest

from sitepages import axe_violations_by_scheme, hold_python, mounted_widget, open_widget, page_with

ROOT = Path(__file__).resolve().parent.parent
MODULE2 = "/modules/02-rnn-architecture/"
T0 = datetime.datetime(2026, 1, 5, 9, 0, 0)


@pytest.fixture(autouse=True)
def no_python(page):
    """These widgets compute in JavaScript; the practice page's labs would boot Pyodide (seconds of
    CPU) behind every test for nothing. The labs are tested in test_lab_browser.py."""
    hold_python(page)


# ---------------------------------------------------------------- helpers

def num(text: str) -> float:
    """A number as the widgets print it (true minus sign U+2212)."""
    return float(text.strip().replace("\u2212", "-"))


def read_matrix(root, key: str) -> np.ndarray:
    rows = root.locator(f'[data-matrix="{key}"] tr')
    return np.array([[num(c) for c in rows.nth(r).locator("td").all_inner_texts()] for r in range(rows.count())])


def hand_calc_problem(root) -> dict[str, np.ndarray]:
    """The hand-calc numbers shown on the page and the step NumPy computes from them."""
    m = {k: read_matrix(root, k) for k in ("Wxh", "x", "Whh", "hprev", "b")}
    wx, wh = m["Wxh"] @ m["x"], m["Whh"] @ m["hprev"]
    pre = wx + wh + m["b"]
    return {"wx": wx[:, 0], "wh": wh[:, 0], "pre": pre[:, 0], "h": np.tanh(pre)[:, 0]}


def fill_hand_calc(root, answers: dict[str, np.ndarray]) -> None:
    for q, values in answers.items():
        for i, v in enumerate(values):
            root.locator(f'input[data-field="{q}-{i}"]').fill(f"{v:.4f}")


def rnn_states(Whh, Wxh, b, xs) -> np.ndarray:
    """h_1 … h_T of h_t = tanh(W_hh h_{t-1} + W_xh x_t + b) from h_0 = 0, one row per step."""
    h = np.zeros(Whh.shape[0])
    out = []
    for x in xs:
        h = np.tanh(Whh @ h + Wxh @ np.atleast_1d(x) + b)
        out.append(h)
    return np.array(out)


def speed_round_answers(root) -> list[float]:
    p = {k: float(root.locator(f'[data-param="{k}"]').get_attribute("data-value")) for k in ("whh", "wxh", "b")}
    xs = [float(root.locator(f'[data-x="{t}"]').get_attribute("data-value")) for t in range(1, 6)]
    hs = rnn_states(np.array([[p["whh"]]]), np.array([[p["wxh"]]]), np.array([p["b"]]), xs)
    return list(hs[:, 0])


def start_speed_round(page, site_server):
    """Open the speed round under a fake clock, paused, and press Start."""
    page.clock.install(time=T0)
    root = open_widget(page, site_server, "speed-round")
    page.clock.pause_at(T0 + datetime.timedelta(minutes=5))
    root.get_by_role("button", name="Start").click()
    assert root.get_attribute("data-phase") == "running"
    return root


def win_speed_round(page, root, after_ms: int) -> None:
    """Type all five right answers `after_ms` into the round."""
    page.clock.run_for(after_ms)
    for t, h in enumerate(speed_round_answers(root), 1):
        root.locator(f'[data-step="{t}"] input').fill(f"{h:.4f}")
    assert root.get_attribute("data-phase") == "won"


# ---------------------------------------------------------------- all four

@pytest.mark.parametrize("widget", ["hand-calc", "what-if", "speed-round", "unroll"])
def test_widget_reaches_ready(page, site_server, widget):
    root = open_widget(page, site_server, widget)
    assert root.locator("button, input, select").count() > 0  # real controls replaced the fallback
    assert root.locator(".rnn-widget__fallback").count() == 0


# ---------------------------------------------------------------- hand-calc

def test_hand_calc_accepts_the_correct_values(page, site_server):
    root = open_widget(page, site_server, "hand-calc")
    fill_hand_calc(root, hand_calc_problem(root))
    root.get_by_role("button", name="Check").click()
    assert root.locator('[data-box][data-status="right"]').count() == 8
    assert "All 8 right" in root.locator("[data-summary]").inner_text()


def test_hand_calc_rejects_a_sum_without_bias_and_names_the_slip(page, site_server):
    root = open_widget(page, site_server, "hand-calc")
    answers = hand_calc_problem(root)
    answers["pre"] = answers["wx"] + answers["wh"]  # the bias forgotten
    fill_hand_calc(root, answers)
    root.get_by_role("button", name="Check").click()
    for i in (0, 1):
        assert root.locator(f'[data-box="pre-{i}"]').get_attribute("data-status") == "wrong"
        assert root.locator(f'input[data-field="pre-{i}"]').get_attribute("aria-invalid") == "true"
        assert "forgot the bias" in root.locator(f'[data-feedback="pre-{i}"]').inner_text()
    assert root.locator('[data-box="wx-0"]').get_attribute("data-status") == "right"


def test_hand_calc_names_a_skipped_tanh_when_leaving_the_box(page, site_server):
    root = open_widget(page, site_server, "hand-calc")
    pre = hand_calc_problem(root)["pre"]
    box = root.locator('input[data-field="h-0"]')
    box.fill(f"{pre[0]:.2f}")
    box.press("Tab")  # leaving the box checks it
    assert "forgot tanh" in root.locator('[data-feedback="h-0"]').inner_text()


def test_hand_calc_offers_the_worked_solution_after_two_checks(page, site_server):
    root = open_widget(page, site_server, "hand-calc")
    show = root.get_by_role("button", name="Show solution")
    h = hand_calc_problem(root)["h"]
    check = root.get_by_role("button", name="Check")
    check.click()
    assert show.is_disabled()
    check.click()
    assert show.is_enabled()
    show.click()
    lines = root.locator("[data-solution] li").all_inner_texts()
    assert len(lines) == 8
    assert num(lines[-1].split("=")[-1]) == pytest.approx(h[1], abs=5e-5)


def test_hand_calc_new_numbers_draws_the_next_seeded_problem(page, site_server):
    root = open_widget(page, site_server, "hand-calc")
    first = {k: read_matrix(root, k) for k in ("Wxh", "Whh", "x")}
    root.get_by_role("button", name="New numbers").click()
    assert root.locator("[data-problem-number]").inner_text() == "Problem 2"
    second = {k: read_matrix(root, k) for k in ("Wxh", "Whh", "x")}
    assert any(not np.array_equal(first[k], second[k]) for k in first)
    page.reload()  # the generator is seeded: problem 1 is the same on every visit
    root = open_widget(page, site_server, "hand-calc")
    assert all(np.array_equal(first[k], read_matrix(root, k)) for k in first)


# ---------------------------------------------------------------- what-if

ROTATION = np.array([[0.6, -0.8], [0.8, 0.6]])
# Radio name (W_hh's subscript reads as "Whh") and the matrix each preset promises.
PRESETS = {
    "identity": ("Whh = I (identity)", np.eye(2)),
    "zero": ("Whh = 0", np.zeros((2, 2))),
    "large": ("Whh = 3·I (large)", 3 * np.eye(2)),
    "custom": ("Custom", np.round(1.7 * ROTATION, 2)),  # the slider moved from 1.0 to 1.7
}


def choose_preset(root, preset: str) -> None:
    root.get_by_role("radio", name=PRESETS[preset][0]).check()
    if preset == "custom":
        slider = root.get_by_role("slider")
        slider.focus()
        for _ in range(7):
            slider.press("ArrowRight")  # the keyboard moves it in steps of 0.1
        assert slider.input_value() == "1.7"


def plotted_values(root, unit: int) -> np.ndarray:
    """Values of a unit's line read back from the SVG through the y axis' own grid lines."""
    grid = root.locator(".rnn-wi__plot line.rnn-wi__grid")
    y_top = float(grid.nth(4).get_attribute("y1"))  # grid lines run -1, -0.5, 0, 0.5, 1
    y_bottom = float(grid.nth(0).get_attribute("y1"))
    pts = root.locator(f'.rnn-wi__plot g[data-unit="{unit}"] polyline').get_attribute("points").split()
    ys = np.array([float(p.split(",")[1]) for p in pts])
    return 1 - 2 * (ys - y_top) / (y_bottom - y_top)


def table_values(root) -> tuple[np.ndarray, np.ndarray]:
    """The data table's x_t, unit 1, unit 2 columns: full precision (data-value) and as printed."""
    rows = root.locator("[data-values] tbody tr").evaluate_all(
        "trs => trs.map(tr => [...tr.querySelectorAll('td')].map(td => [td.dataset.value, td.textContent]))"
    )
    return (np.array([[float(v) for v, _ in row] for row in rows]), np.array([[num(t) for _, t in row] for row in rows]))


@pytest.mark.parametrize("preset", list(PRESETS))
def test_what_if_plot_and_table_match_numpy(page, site_server, preset):
    root = open_widget(page, site_server, "what-if")
    root.locator("details summary").click()
    choose_preset(root, preset)
    for sequence in ("Pulse", "Constant"):
        root.get_by_role("radio", name=sequence).check()
        Whh, Wxh, b = (read_matrix(root, k) for k in ("Whh", "Wxh", "b"))
        np.testing.assert_allclose(Whh, PRESETS[preset][1], atol=1e-12)
        cells, text = table_values(root)
        assert cells.shape == (30, 3)
        xs = cells[:, 0]
        assert (xs[0], xs[1]) == ((1.0, 0.0) if sequence == "Pulse" else (0.5, 0.5))
        expected = rnn_states(Whh, Wxh, b[:, 0], xs)
        np.testing.assert_allclose(cells[:, 1:], expected, atol=1e-12)
        np.testing.assert_allclose(text[:, 1:], expected, atol=5e-4 + 1e-9)
        for u in (1, 2):
            np.testing.assert_allclose(plotted_values(root, u), expected[:, u - 1], atol=2e-3)


def test_what_if_notes_are_read_off_the_run(page, site_server):
    root = open_widget(page, site_server, "what-if")
    notes = root.locator("[data-notes]")
    choose_preset(root, "zero")
    assert "After step 1 the state is exactly 0 at every later step" in notes.inner_text()
    choose_preset(root, "large")
    hs = rnn_states(3 * np.eye(2), read_matrix(root, "Wxh"), np.zeros(2), [1] + [0] * 29)
    first = next(k for k in range(30) if (hs[k:, 0] > 0.99).all()) + 1
    assert f"Unit 1 sits above 0.99 from step {first} on" in notes.inner_text()
    assert root.locator("[data-explain]").get_attribute("aria-live") == "polite"


# ---------------------------------------------------------------- speed-round

def test_speed_round_awards_the_badge_when_all_five_are_right_in_time(page, site_server):
    root = start_speed_round(page, site_server)
    win_speed_round(page, root, 47_000)
    assert "RNN Ninja" in root.locator("[data-summary]").inner_text()
    assert "best time 0:47" in root.locator("[data-badge]").inner_text()
    assert root.get_attribute("data-state") == "ready"


def test_speed_round_gives_no_badge_when_time_runs_out(page, site_server):
    root = start_speed_round(page, site_server)
    answers = speed_round_answers(root)
    for t in (1, 2):
        root.locator(f'[data-step="{t}"] input').fill(f"{answers[t - 1]:.4f}")
    page.clock.run_for(120_000)
    assert root.get_attribute("data-phase") == "timeout"
    assert "Time's up: 2 of 5 right" in root.locator("[data-summary]").inner_text()
    assert "No badge yet" in root.locator("[data-badge]").inner_text()
    assert not root.locator('[data-step="3"] input').is_editable()  # too late to type
    assert page.evaluate("localStorage.getItem('rnn-course:speed-round:badge')") is None


def test_speed_round_announces_one_minute_thirty_and_ten_seconds_left(page, site_server):
    root = start_speed_round(page, site_server)
    said = root.locator("[data-announce]")
    assert root.locator("[data-clock]").get_attribute("role") == "timer"
    assert said.get_attribute("aria-live") == "polite"
    # Run the clock to just past each threshold, then halfway to the next: nothing new is said between.
    for run_ms, text in ((60_100, "One minute left."), (15_000, "One minute left."), (15_000, "30 seconds left."),
                         (10_000, "30 seconds left."), (10_000, "10 seconds left."), (9_000, "10 seconds left.")):
        page.clock.run_for(run_ms)
        assert said.inner_text() == text


def test_speed_round_badge_survives_a_reload(page, site_server):
    root = start_speed_round(page, site_server)
    win_speed_round(page, root, 83_000)
    page.reload()
    root = open_widget(page, site_server, "speed-round")
    badge = root.locator("[data-badge]").inner_text()
    assert "RNN Ninja badge earned" in badge and "best time 1:23" in badge


def test_speed_round_says_so_when_storage_is_denied(page, site_server):
    page.add_init_script("Storage.prototype.setItem = () => { throw new DOMException('denied', 'SecurityError'); };")
    root = start_speed_round(page, site_server)
    for t, h in enumerate(speed_round_answers(root), 1):
        root.locator(f'[data-step="{t}"] input').fill(f"{h:.4f}")
    assert "did not let this site save it" in root.locator("[data-summary]").inner_text()


def test_speed_round_clock_stops_when_the_reader_leaves_the_page(page, site_server):
    # Track live intervals by the script that set them: the speed-round chunk's clock
    # must be cleared by the widget's cleanup when instant navigation leaves the page.
    page.add_init_script("""
      const live = new Map(), set = window.setInterval.bind(window), clear = window.clearInterval.bind(window);
      window.setInterval = (...args) => { const id = set(...args); live.set(id, new Error().stack); return id; };
      window.clearInterval = (id) => { live.delete(id); clear(id); };
      window.__speedRoundIntervals = () => [...live].filter(([, stack]) => stack.includes("speed-round")).length;
    """)
    root = open_widget(page, site_server, "speed-round")
    assert page.evaluate("__speedRoundIntervals()") == 0
    root.get_by_role("button", name="Start").click()
    assert page.evaluate("__speedRoundIntervals()") == 1
    # A page change as Material's instant navigation makes it: new content, then document$ emits,
    # and the registry runs every cleanup. (Done by hand so the test does not depend on the
    # sitemap that decides which links Material intercepts.)
    page.evaluate("""() => {
      document.querySelector("article").replaceChildren(document.createElement("p"));
      window.document$.next(document);
    }""")
    page.wait_for_function("document.documentElement.dataset.widgetsLive === '0'")
    assert page.evaluate("__speedRoundIntervals()") == 0


# ---------------------------------------------------------------- unroll

def test_unroll_steps_through_its_stages_with_the_keyboard(page, site_server):
    root = open_widget(page, site_server, "unroll")
    caption = root.locator("[data-caption]")
    assert caption.get_attribute("aria-live") == "polite"
    assert root.get_attribute("data-stage-id") == "loop"
    root.get_by_role("button", name="Previous").focus()
    page.keyboard.press("Tab")  # to Next
    seen = []
    for _ in range(2):
        page.keyboard.press("Enter")
        seen.append((root.get_attribute("data-stage-id"), caption.inner_text()))
    assert [s for s, _ in seen] == ["unrolled", "gradient"]
    assert "shared" in seen[0][1] and "right to left" in seen[1][1]
    # Next is now at the end: it says so, keeps focus, and does nothing.
    assert root.get_by_role("button", name="Next").get_attribute("aria-disabled") == "true"
    page.keyboard.press("Enter")
    assert root.get_attribute("data-stage-id") == "gradient"
    assert page.evaluate("document.activeElement.dataset.action") == "next"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert root.get_attribute("data-stage-id") == "loop"


def test_unroll_trace_lights_the_path_from_x1_to_y5(page, site_server):
    root = open_widget(page, site_server, "unroll")
    trace = root.get_by_role("button", name="Trace")
    trace.focus()
    page.keyboard.press("Space")
    assert trace.get_attribute("aria-pressed") == "true"
    assert root.get_attribute("data-stage-id") == "unrolled"  # the path only exists unrolled
    lit = root.locator(".rnn-ur__unrolled [data-trace]")
    # x_1, h_1 … h_5, y_5, the arrows x_1→h_1 and h_5→y_5, and the four W_hh arrows between states.
    assert lit.count() == 1 + 5 + 1 + 2 + 4
    assert "h1 → h2 → h3 → h4 → h5" in root.locator("[data-trace-caption]").inner_text()


def test_unroll_stands_still_under_reduced_motion(page, site_server):
    page.emulate_media(reduced_motion="reduce")
    root = open_widget(page, site_server, "unroll")
    durations = root.locator(".rnn-ur__col, .rnn-ur__grad, .rnn-ur__compact").evaluate_all(
        "els => els.map(el => getComputedStyle(el).transitionDuration)")
    assert durations and set(durations) == {"0s"}
    page.emulate_media(reduced_motion="no-preference")
    assert root.locator(".rnn-ur__col").first.evaluate("el => getComputedStyle(el).transitionDuration") != "0s"


def test_unroll_play_reaches_the_gradient_stage_and_stops(page, site_server):
    page.clock.install(time=T0)
    root = open_widget(page, site_server, "unroll")
    page.clock.pause_at(T0 + datetime.timedelta(minutes=5))
    play = root.locator('button[data-action="play"]')  # its name flips between Play and Pause
    play.click()
    assert play.inner_text() == "Pause"
    page.clock.run_for(4_100)
    assert root.get_attribute("data-stage-id") == "unrolled"
    page.clock.run_for(20_000)
    assert root.get_attribute("data-stage-id") == "gradient"
    assert play.inner_text() == "Play"


# ---------------------------------------------------------------- accessibility

def test_widgets_in_use_pass_axe_light_and_dark(page, site_server):
    """Feedback, badges and highlights appear only after use; the page-wide axe test sees none of them.
    Each widget is driven once, then checked in both palettes (the widget only: the rest of its page
    is as the every-page walk checked it)."""
    violations = {}

    def audit(widget, drive):
        # Widgets of the page already open are driven there: one load of the practice page for three.
        if page_with(site_server.root, widget) == urlsplit(page.url).path:
            root = mounted_widget(page, widget)
        else:
            root = open_widget(page, site_server, widget)
        drive(root)
        page.mouse.move(0, 0)  # a link that slid under the pointer would be checked in its hover colour
        for scheme, found in axe_violations_by_scheme(page, within=f'[data-widget="{widget}"]').items():
            violations[f"{widget} ({scheme})"] = found

    def hand_calc(root):
        answers = hand_calc_problem(root)
        answers["pre"] = answers["wx"] + answers["wh"]
        fill_hand_calc(root, answers)
        root.get_by_role("button", name="Check").click()
        root.get_by_role("button", name="Check").click()
        root.get_by_role("button", name="Show solution").click()

    def what_if(root):
        choose_preset(root, "custom")
        root.locator("details summary").click()

    def speed_round(root):
        root.get_by_role("button", name="Start").click()
        h = speed_round_answers(root)
        root.locator('[data-step="1"] input').fill(f"{h[0]:.4f}")
        root.locator('[data-step="2"] input').fill("9")
        root.locator('[data-step="2"] input').press("Enter")

    def unroll(root):
        root.get_by_role("button", name="Next").click()
        root.get_by_role("button", name="Trace").click()

    for widget, drive in (("hand-calc", hand_calc), ("what-if", what_if), ("speed-round", speed_round), ("unroll", unroll)):
        audit(widget, drive)
    assert not violations, violations
