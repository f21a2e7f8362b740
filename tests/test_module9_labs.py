"""Module 9's training lab in CPython: the reference solution really trains to the stated loss,
and reports its progress through grader.report (what the page plots)."""
from __future__ import annotations

import time
import types
from pathlib import Path

import numpy as np

from coursekit import grader

LAB = Path(__file__).resolve().parent.parent / "docs" / "labs" / "train_char_rnn"


def load(name: str) -> types.ModuleType:
    module = types.ModuleType(name.removesuffix(".py"))
    exec(compile((LAB / name).read_text(encoding="utf-8"), str(LAB / name), "exec"), module.__dict__)
    return module


def test_reference_solution_reaches_the_target_loss_in_cpython(capsys):
    checks, solution = load("checks.py"), load("solution.py")
    started = time.monotonic()
    result = solution.train_char_rnn(checks.TEXT, num_iterations=checks.ITERATIONS, report=grader.report)
    seconds = time.monotonic() - started
    final = float(np.mean(result["losses"][-checks.TARGET_WINDOW:]))
    assert final < checks.TARGET_LOSS, f"mean loss of the last {checks.TARGET_WINDOW} iterations: {final:.4f}"
    assert result["losses"][0] > np.log(len(set(checks.TEXT))) - 0.05  # it started from a blind guess
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == checks.ITERATIONS // 200 and printed[-1].startswith(f"iteration {checks.ITERATIONS}: loss ")
    with capsys.disabled():
        print(f"\ntrain_char_rnn reference: {final:.3f} nats/char after {checks.ITERATIONS} iterations, {seconds:.1f} s")


def test_report_goes_to_the_progress_sink_when_one_is_set(capsys, monkeypatch):
    """In Pyodide the worker sets grader.progress_sink (rnn_progress.report_progress): the page gets
    each point as a typed message, and nothing is printed."""
    calls = []
    monkeypatch.setattr(grader, "progress_sink", lambda step, **kw: calls.append((step, kw)))
    grader.report(200.0, np.float64(2.5), "to be")
    assert calls == [(200, {"text": "to be", "loss": 2.5})]
    assert type(calls[0][0]) is int and type(calls[0][1]["loss"]) is float
    assert capsys.readouterr().out == ""

