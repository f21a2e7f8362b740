"""Grade a learner's lab code against the lab's checks, in CPython and in Pyodide.

One file, standard library and NumPy only: the browser loads it unchanged into
Pyodide as the module ``grader``; in CPython it is ``coursekit.grader`` and
registers itself as ``grader`` too, so a lab's ``checks.py`` always says
``from grader import ...``.

Entry point
-----------
``grade(learner_source, checks_source, *, include_hidden, entry=None) -> dict``

The learner's code runs as its own module, compiled with the filename
``"<your code>"`` so that line numbers are the learner's own. ``entry`` names
the function the lab asks for (``lab.json``'s ``entry``); when it is None the
checks module's ``ENTRY`` is used, and failing that the checks receive the
learner's whole module. The result is JSON-serialisable::

    {"status": "passed" | "failed" | "error",   # error: the code could not load
     "error": None | {"type", "message", "line", "traceback"},
     "checks": [{"name", "public", "status": "pass" | "fail" | "error",
                 "message", "input", "expected", "got", "feedback",
                 "error": None | {"type", "message", "line", "traceback"}}],
     "feedback": [str],        # mistake-specific messages, most specific first
     "passed": int, "total": int}

Only the checks that ran are listed: public ones, plus hidden ones when
``include_hidden``. ``KeyboardInterrupt`` (how the browser stops runaway code)
always propagates, with a note naming the check that was running; pass it to
``error_info(exc, learner_source)`` to learn the learner's line it stopped at.
A broken ``checks.py`` raises ``ChecksError``: that is the lab author's bug.

Writing checks.py
-----------------
::

    import numpy as np
    from grader import check, diagnose, expect_close, expect_shape

    @check("returns one probability per logit")
    def right_shape(softmax):              # gets the learner's entry function
        expect_shape(softmax(np.array([1.0, 2.0, 3.0])), (3,))

    @check("large logits do not overflow", public=False)
    def large_logits(softmax):
        y = np.array([1000.0, 999.0])
        e = np.exp(y - y.max())
        expect_close(softmax(y), e / e.sum())

    @diagnose
    def forgot_to_normalise(softmax):      # most specific diagnoses first
        y = np.array([1.0, 2.0])
        if np.allclose(softmax(y), np.exp(y)):
            return "You return the exponentials themselves: divide by their sum."
        return None

- A check passes when it returns, fails when a helper raises ``Fail``
  (``expect_close``, ``expect_shape``, ``expect_true``, ``fail``) and is an
  error on any other exception; each check runs on its own.
- The function a check receives copies its arguments before each call (a
  learner's in-place ``y -= y.max()`` cannot spoil the check's data) and
  remembers the last call: its arguments become the check's ``input`` unless
  the helper was given ``inputs={...}``.
- A learner's function that changes one of its array, list or dict arguments
  in place (or an array inside a list, tuple or dict) fails the check, with a
  message naming the argument ("Your softmax changed its input `y` in place;
  work on a copy (y = y.copy()) or build a new array. ..."), which is also
  ``feedback``; every lab gets this without a line in its checks.py.
  Diagnoses get the same copies but do not judge changes.
- ``expect_shape`` returns the result as an array, so a check can go on with it.
- Diagnoses run only when some check did not pass, in the order they are
  written. A message they return goes into ``feedback`` and becomes the
  ``feedback`` of every check that did not pass (the first message wins). A
  diagnosis that raises simply does not apply.
"""
from __future__ import annotations

import copy
import inspect
import math
import sys
import traceback
import types
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, NoReturn

import numpy as np

__all__ = [
    "grade", "check", "diagnose", "expect_close", "expect_shape", "expect_true",
    "fail", "Fail", "ChecksError", "error_info", "show", "report",
    "LEARNER_FILENAME", "NONE_MESSAGE",
]

LEARNER_FILENAME = "<your code>"
CHECKS_FILENAME = "<checks>"
NONE_MESSAGE = "your function returned None — did you forget `return`?"

# Arrays are shown compactly: four decimals, long ones elided in the middle.
_ARRAY_STYLE = dict(precision=4, separator=", ", threshold=24, edgeitems=3, max_line_width=72)
_MAX_SHOWN = 800  # characters of any one rendered value
_NUMERIC_KINDS = "biuf"

# checks.py imports `grader`; in CPython this file is `coursekit.grader`.
if __name__ != "grader":
    sys.modules.setdefault("grader", sys.modules[__name__])


# --------------------------------------------------------------------------
# The API that checks.py uses
# --------------------------------------------------------------------------

class ChecksError(Exception):
    """The checks themselves are broken (syntax error, no checks, duplicate names)."""


class _Text(str):
    """A description shown as it is, not rendered as a value (e.g. 'an array of shape (3,)')."""


_UNSET: Any = object()


class Fail(Exception):
    """A check's verdict that the learner's result is wrong (raised by the expect_* helpers)."""

    def __init__(self, message: str, *, inputs: Any = None, expected: Any = _UNSET,
                 got: Any = _UNSET, feedback: str | None = None, returned_none: bool = False):
        super().__init__(message)
        self.message = message
        self.inputs = inputs
        self.expected = expected
        self.got = got
        self.feedback = feedback
        self.returned_none = returned_none


@dataclass(frozen=True)
class _CheckSpec:
    name: str
    public: bool
    run: Callable[[Any], Any]


def check(name: str, public: bool = True) -> Callable:
    """Mark a function of checks.py as a check; ``public=False`` runs it only on Check."""
    if not isinstance(name, str) or not name.strip():
        raise ChecksError("@check needs a non-empty name")

    def mark(fn: Callable) -> Callable:
        fn._grader_check = _CheckSpec(name.strip(), bool(public), fn)
        return fn
    return mark


def diagnose(fn: Callable) -> Callable:
    """Mark a function of checks.py as a diagnosis: learner's function -> message or None."""
    fn._grader_diagnosis = True
    return fn


def fail(message: str, *, inputs: Any = None, expected: Any = _UNSET, got: Any = _UNSET,
         feedback: str | None = None) -> NoReturn:
    """Fail the running check with a message and, optionally, what to show."""
    raise Fail(message, inputs=inputs, expected=expected, got=got, feedback=feedback)


def expect_true(condition: Any, message: str, **details: Any) -> None:
    """Fail with ``message`` unless ``condition`` holds; details as for ``fail``."""
    if not condition:
        fail(message, **details)


def expect_shape(got: Any, shape: tuple[int, ...], *, inputs: Any = None) -> np.ndarray:
    """Fail unless ``got`` is a numeric array of ``shape``; return it as an ndarray."""
    shape = tuple(shape)
    want = _Text(f"an array of shape {shape}")
    arr = _numeric_array(got, want, inputs)
    if arr.shape != shape:
        fail(f"wrong shape: expected {shape}, got {arr.shape}", inputs=inputs, expected=want, got=arr)
    return arr


def expect_close(got: Any, expected: Any, *, inputs: Any = None, rtol: float = 1e-6,
                 atol: float = 1e-9, check_dtype: bool = False, feedback: str | None = None) -> None:
    """Fail unless ``got`` matches ``expected`` within tolerance.

    Arrays are compared by shape, then dtype (when ``check_dtype``), then values;
    a value mismatch names the first mismatching index. Numbers (Python or
    NumPy scalars) must get back a single number.
    """
    if np.ndim(expected) == 0 and not isinstance(expected, np.ndarray):
        _expect_number(got, expected, inputs=inputs, rtol=rtol, atol=atol, feedback=feedback)
        return
    exp = np.asarray(expected)
    arr = expect_shape(got, exp.shape, inputs=inputs)
    if check_dtype and arr.dtype != exp.dtype:
        fail(f"wrong dtype: expected {exp.dtype}, got {arr.dtype}",
             inputs=inputs, expected=exp, got=arr, feedback=feedback)
    close = _isclose(arr, exp, rtol, atol)
    if not close.all():
        fail(_mismatch_message(arr, exp, close), inputs=inputs, expected=exp, got=arr, feedback=feedback)


def _expect_number(got: Any, expected: Any, *, inputs: Any, rtol: float, atol: float,
                   feedback: str | None) -> None:
    if got is None:
        raise Fail(NONE_MESSAGE, inputs=inputs, expected=expected, got=None, returned_none=True)
    is_number = isinstance(got, (int, float, np.integer, np.floating, np.bool_))
    if isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind in _NUMERIC_KINDS:
        is_number = True
    if not is_number:
        fail(f"expected a single number, got {_describe(got)}", inputs=inputs,
             expected=expected, got=got, feedback=feedback)
    if not _isclose(np.asarray(got, dtype=float), np.asarray(expected, dtype=float), rtol, atol):
        e, g = _format_pair(expected, got)
        fail(f"expected {e}, got {g}", inputs=inputs, expected=expected, got=got, feedback=feedback)


def _numeric_array(got: Any, want: _Text, inputs: Any) -> np.ndarray:
    """The learner's result as a numeric ndarray, or a Fail that says what it was."""
    if got is None:
        raise Fail(NONE_MESSAGE, inputs=inputs, expected=want, got=None, returned_none=True)
    try:
        arr = np.asarray(got)
    except Exception:  # ragged lists and odd objects: say what we got instead
        arr = None
    if arr is None or arr.dtype.kind not in _NUMERIC_KINDS:
        fail(f"expected {want}, got {_describe(got)}", inputs=inputs, expected=want, got=got)
    return arr


def _isclose(got: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> np.ndarray:
    # Booleans cannot be subtracted, so compare everything as float; a NaN is
    # only "close" to an expected NaN.
    return np.isclose(got.astype(float), expected.astype(float), rtol=rtol, atol=atol, equal_nan=True)


def _mismatch_message(got: np.ndarray, expected: np.ndarray, close: np.ndarray) -> str:
    bad = np.argwhere(~close)
    index = tuple(int(i) for i in bad[0])
    e, g = _format_pair(expected[index], got[index])
    where = "" if not index else f" at index {index[0] if len(index) == 1 else index}"
    count = "" if len(bad) == 1 else f" ({len(bad)} of {close.size} values differ)"
    return f"first mismatch{where}: expected {e}, got {g}{count}"


def _describe(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of dtype {value.dtype} and shape {value.shape}"
    return f"a {type(value).__name__}"


# --------------------------------------------------------------------------
# Progress of a long run (a training loop): the page plots it
# --------------------------------------------------------------------------

# Where report() sends its points when something is watching: the Pyodide worker
# sets it to its rnn_progress.report_progress(step, total=None, text=None, **values),
# which hands each point to the page as a typed message (the lab plots it). None
# in CPython, where report() prints a readable line instead. A hook rather than an
# import keeps this file to the standard library and NumPy.
progress_sink: Callable[..., None] | None = None


def report(iteration: int, loss: float, sample: str | None = None) -> None:
    """Report how a long run is going: one point of the loss curve and, maybe, a sample.

    Checks hand it to the learner's code (e.g. a training loop's ``report``
    argument). In the browser it goes to ``progress_sink``, and the lab widget
    draws a live loss plot and the latest sample; in CPython it prints a
    readable line.
    """
    iteration, loss = int(iteration), float(loss)
    sample = None if sample is None else str(sample)
    if progress_sink is not None:
        progress_sink(iteration, text=sample, loss=loss)
    else:
        text = "" if sample is None else f"  sample: {sample[:60]!r}"
        print(f"iteration {iteration}: loss {loss:.4f}{text}", flush=True)


# --------------------------------------------------------------------------
# Showing values: compact, fixed precision, truncated
# --------------------------------------------------------------------------

def _format_number(value: Any, digits: int = 4) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return repr(value)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value))
    if not math.isfinite(v):
        return str(v)
    if v == 0 or 1e-3 <= abs(v) < 1e5:
        return f"{v:.{digits}f}"
    return f"{v:.{digits}e}"


def _format_pair(expected: Any, got: Any) -> tuple[str, str]:
    """Both numbers with just enough digits to tell them apart (4 at least)."""
    for digits in range(4, 13):
        e, g = _format_number(expected, digits), _format_number(got, digits)
        if e != g:
            break
    return e, g


def _truncate(text: str, limit: int = _MAX_SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show(value: Any) -> str:
    """Render a value the way check results show it (arrays via np.array2string)."""
    if isinstance(value, _Text):
        return str(value)
    if value is None or isinstance(value, (bool, np.bool_, str)):
        return repr(value) if isinstance(value, str) else str(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return _format_number(value)
    if isinstance(value, np.ndarray):
        text = np.array2string(value, **_ARRAY_STYLE)
        if value.size > _ARRAY_STYLE["threshold"]:
            text += f"  (shape {value.shape})"
        return _truncate(text)
    return _truncate(repr(value))


def _show_inputs(inputs: Any) -> str | None:
    if inputs is None:
        return None
    if not isinstance(inputs, dict):
        return show(inputs)
    lines = []
    for name, value in inputs.items():
        pad = " " * (len(str(name)) + 3)
        lines.append(f"{name} = " + show(value).replace("\n", "\n" + pad))
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Tracebacks in the learner's own terms
# --------------------------------------------------------------------------

def error_info(exc: BaseException, learner_source: str) -> dict:
    """Describe an exception with only the learner's frames and line numbers.

    Returns ``{"type", "message", "line", "traceback"}``; ``line`` is the
    learner's line closest to the error (None when no frame was theirs).
    """
    if isinstance(exc, SyntaxError) and exc.filename == LEARNER_FILENAME:
        text = "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")
        return {"type": type(exc).__name__, "message": str(exc.msg),
                "line": exc.lineno, "traceback": text}
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == LEARNER_FILENAME]
    last = "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")
    body = _format_frames(frames, learner_source.splitlines())
    return {"type": type(exc).__name__, "message": str(exc),
            "line": frames[-1].lineno if frames else None,
            "traceback": "\n".join(body + [last])}


def _format_frames(frames: list, lines: list[str]) -> list[str]:
    if not frames:
        return []
    out = ["Traceback (most recent call last):"]
    for frame, repeats in _collapse_repeats(frames):
        out.append(f'  File "{LEARNER_FILENAME}", line {frame.lineno}, in {frame.name}')
        out.extend(_source_with_carets(frame, lines))
        if repeats:
            out.append(f"  [Previous line repeated {repeats} more times]")
    return out


def _collapse_repeats(frames: list) -> list[tuple[Any, int]]:
    """Like CPython: a frame repeated more than 3 times in a row (recursion) is shown 3 times."""
    runs: list[list] = []
    for frame in frames:
        if runs and (runs[-1][0].lineno, runs[-1][0].name) == (frame.lineno, frame.name):
            runs[-1][1] += 1
        else:
            runs.append([frame, 1])
    out = []
    for frame, count in runs:
        out.extend([(frame, 0)] * min(count, 3))
        if count > 3:
            out[-1] = (frame, count - 3)
    return out


def _source_with_carets(frame: Any, lines: list[str]) -> list[str]:
    if not frame.lineno or frame.lineno > len(lines):
        return []
    raw = lines[frame.lineno - 1]
    text = raw.strip()
    if not text:
        return []
    out = [f"    {text}"]
    # Python 3.11+ knows the columns of the failing expression; underline it
    # when it is only part of the line, as CPython does.
    colno, end = getattr(frame, "colno", None), getattr(frame, "end_colno", None)
    if colno is None or end is None or getattr(frame, "end_lineno", frame.lineno) != frame.lineno:
        return out
    encoded = raw.encode("utf-8")  # columns are byte offsets into UTF-8
    start = len(encoded[:colno].decode("utf-8", "replace"))
    stop = len(encoded[:end].decode("utf-8", "replace"))
    indent = len(raw) - len(raw.lstrip())
    if stop > start and (start > indent or stop < indent + len(text)):
        out.append("    " + " " * (start - indent) + "^" * (stop - start))
    return out


def _exception_feedback(exc: BaseException) -> str | None:
    """A hint for a learner exception whose fix does not depend on the lab."""
    if isinstance(exc, NameError) and getattr(exc, "name", None) in ("np", "numpy"):
        return "`np` is not defined: keep `import numpy as np` at the top of your code."
    return None


# --------------------------------------------------------------------------
# Loading the two modules
# --------------------------------------------------------------------------

class _LearnerError(Exception):
    def __init__(self, info: dict, feedback: str | None = None):
        super().__init__(info["message"])
        self.info = info
        self.feedback = feedback


def _load_checks(checks_source: str) -> tuple[dict, list[_CheckSpec], list[Callable]]:
    module = types.ModuleType("checks")
    try:
        code = compile(checks_source, CHECKS_FILENAME, "exec", dont_inherit=True)
        exec(code, module.__dict__)
    except Exception as exc:
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        raise ChecksError(f"checks.py could not be loaded:\n{detail}") from exc
    specs, diagnoses, seen, visited = [], [], set(), set()
    for value in list(module.__dict__.values()):
        if id(value) in visited:  # the same function under a second name
            continue
        visited.add(id(value))
        spec = getattr(value, "_grader_check", None)
        if isinstance(spec, _CheckSpec) and spec.run is value:
            if spec.name in seen:
                raise ChecksError(f"two checks are named {spec.name!r}")
            seen.add(spec.name)
            specs.append(spec)
        elif callable(value) and getattr(value, "_grader_diagnosis", False) is True:
            diagnoses.append(value)
    if not specs:
        raise ChecksError("checks.py defines no @check functions")
    return module.__dict__, specs, diagnoses


def _load_learner(source: str, entry: str | None) -> Any:
    """Run the learner's code as a fresh module; return its entry function (or the module)."""
    try:
        code = compile(source, LEARNER_FILENAME, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL byte, on Python 3.11
        raise _LearnerError(error_info(exc, source)) from None
    # Not "__main__": the learner's own `if __name__ == "__main__":` tries stay quiet.
    module = types.ModuleType("learner")
    module.__file__ = LEARNER_FILENAME
    try:
        exec(code, module.__dict__)
    except (Exception, SystemExit) as exc:
        raise _LearnerError(error_info(exc, source), _exception_feedback(exc)) from None
    if entry is None:
        return module
    return _entry_function(module, entry)


def _entry_function(module: types.ModuleType, entry: str) -> Callable:
    fn = getattr(module, entry, None)
    if fn is None:
        message = f"your code does not define `{entry}`; the lab asks for a function with that name"
        raise _LearnerError({"type": "NameError", "message": message, "line": None,
                             "traceback": f"NameError: {message}"})
    if not callable(fn):
        message = f"`{entry}` should be a function, but it is a {type(fn).__name__}"
        raise _LearnerError({"type": "TypeError", "message": message, "line": None,
                             "traceback": f"TypeError: {message}"})
    return fn


class _Recorder:
    """The learner's function as checks see it: inputs copied, last call remembered.

    With ``strict`` (checks, not diagnoses) a call that changed one of its
    array, list or dict arguments in place fails the check, naming the argument.
    """

    def __init__(self, fn: Callable, strict: bool = True):
        self._fn = fn
        self._strict = strict
        self.__name__ = getattr(fn, "__name__", "function")
        self.__doc__ = getattr(fn, "__doc__", None)
        self._last: tuple[tuple, dict] | None = None
        self.in_place: Fail | None = None  # the verdict on the first call that changed an input

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # One copy to show later (and to compare with), another for the learner
        # to use: the check's own data stay as they were whatever the learner does.
        self._last = (_copied(args), _copied(kwargs))
        given_args, given_kwargs = _copied(args), _copied(kwargs)
        result = self._fn(*given_args, **given_kwargs)
        if self._strict:
            changed = self._changed_argument(given_args, given_kwargs)
            if changed is not None:
                message = _in_place_message(self.__name__, *changed)
                verdict = Fail(message, inputs=self.last_inputs(), feedback=message)
                self.in_place = self.in_place or verdict
                raise verdict
        return result

    def _named(self, args: tuple, kwargs: dict) -> dict:
        try:
            bound = inspect.signature(self._fn).bind(*args, **kwargs)
            return dict(bound.arguments)
        except (TypeError, ValueError):  # the learner's signature does not fit the call
            return {**{f"argument {i + 1}": a for i, a in enumerate(args)}, **kwargs}

    def last_inputs(self) -> dict | None:
        if self._last is None:
            return None
        return self._named(*self._last)

    def _changed_argument(self, args: tuple, kwargs: dict) -> tuple[str, Any] | None:
        """(name, original value) of the first argument the learner changed, or None."""
        before = self._named(*self._last)
        after = self._named(args, kwargs)
        for name, value in before.items():
            if name in after and not _unchanged(value, after[name]):
                return name, value
        return None


def _copied(value: Any) -> Any:
    try:
        return copy.deepcopy(value)
    except Exception:  # an object that cannot be copied is passed as it is
        return value


def _unchanged(before: Any, after: Any) -> bool:
    """Whether an argument still equals its copy from before the call.

    Arrays, lists and dicts (and tuples of them) are compared, with the numbers
    and strings in them, NaN equal to NaN; anything else (a random generator
    that the learner is meant to advance, a callback) counts as unchanged.
    """
    if isinstance(before, np.ndarray):
        if not isinstance(after, np.ndarray) or before.shape != after.shape or before.dtype != after.dtype:
            return False
        try:
            return bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
        except Exception:  # e.g. object arrays whose elements do not compare
            return True
    if isinstance(before, (list, tuple)):
        return (type(after) is type(before) and len(after) == len(before)
                and all(_unchanged(b, a) for b, a in zip(before, after)))
    if isinstance(before, dict):
        return (isinstance(after, dict) and list(after) == list(before)
                and all(_unchanged(before[k], after[k]) for k in before))
    if isinstance(before, (int, float, complex, str, bytes, np.generic)) or before is None:
        # Only ever changed inside a list or dict (a sort, a new value for a key).
        if type(after) is not type(before):
            return False
        try:
            return bool(before == after or (before != before and after != after))  # NaN stays NaN
        except Exception:  # e.g. a NumPy record that does not compare
            return True
    return True


def _in_place_message(function: str, name: str, value: Any) -> str:
    if isinstance(value, np.ndarray):
        fix = f"work on a copy ({name} = {name}.copy()) or build a new array"
    elif isinstance(value, list):
        fix = f"work on a copy ({name} = list({name})) or build a new list"
    elif isinstance(value, dict):
        fix = (f"work on a copy ({name} = dict({name}), and copy the arrays in it that you change) "
               "or build a new dict")
    else:
        fix = "work on copies of what is inside it, or build new arrays"
    return (f"Your {function} changed its input `{name}` in place; {fix}. "
            "The caller still needs the values it passed in.")


# --------------------------------------------------------------------------
# Running checks and diagnoses
# --------------------------------------------------------------------------

@dataclass
class _Outcome:
    result: dict
    summary_feedback: list[str] = field(default_factory=list)  # for the top-level list only


class _Quiet:
    """Collect warnings instead of printing them, and keep NumPy's error state as default.

    The warnings (say, "overflow encountered in exp") are reported with the check.
    """

    def __enter__(self) -> list:
        self._warnings = warnings.catch_warnings(record=True)
        caught = self._warnings.__enter__()
        warnings.simplefilter("always")
        self._errstate = np.errstate(divide="warn", over="warn", invalid="warn", under="ignore")
        self._errstate.__enter__()
        return caught

    def __exit__(self, *exc: Any) -> None:
        self._errstate.__exit__(*exc)
        self._warnings.__exit__(*exc)


def _recorder_for(target: Any, strict: bool = True) -> _Recorder | None:
    """A recorder around the learner's entry function; None when checks get the whole module."""
    return None if isinstance(target, types.ModuleType) else _Recorder(target, strict)


def _run_check(spec: _CheckSpec, target: Any, source: str) -> _Outcome:
    recorder = _recorder_for(target)
    result = {"name": spec.name, "public": spec.public, "status": "pass", "message": "",
              "input": None, "expected": None, "got": None, "feedback": None, "error": None}
    verdict: Fail | None = None
    error: BaseException | None = None
    caught: list = []
    try:
        with _Quiet() as caught:
            try:
                spec.run(recorder or target)
            except KeyboardInterrupt as exc:
                exc.add_note(f"(stopped while running the check {spec.name!r})")
                raise
    except Fail as exc:
        verdict = exc
    except (Exception, SystemExit) as exc:
        error = exc
    # An input changed in place fails the check even where the check went on
    # past it (a check that catches every exception of the learner's call).
    if recorder is not None and recorder.in_place is not None:
        verdict = recorder.in_place
    if verdict is not None:
        return _failed(result, verdict, recorder, caught)
    if error is not None:
        return _errored(result, error, recorder, source)
    return _Outcome(result)


def _failed(result: dict, verdict: Fail, recorder: _Recorder | None, caught: list) -> _Outcome:
    inputs = verdict.inputs if verdict.inputs is not None else (recorder and recorder.last_inputs())
    result.update(status="fail", message=verdict.message + _warning_note(caught),
                  input=_show_inputs(inputs),
                  expected=None if verdict.expected is _UNSET else show(verdict.expected),
                  got=None if verdict.got is _UNSET else show(verdict.got),
                  feedback=verdict.feedback)
    summary = [NONE_MESSAGE] if verdict.returned_none else []
    if recorder is not None and verdict is recorder.in_place:
        summary.append(verdict.message)  # whatever the diagnoses say, the learner must read this
    return _Outcome(result, summary)


def _warning_note(caught: list) -> str:
    texts = list(dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)))
    return f". NumPy warned: {'; '.join(texts[:2])}." if texts else ""


def _errored(result: dict, exc: BaseException, recorder: _Recorder | None, source: str) -> _Outcome:
    info = error_info(exc, source)
    where = f" (line {info['line']})" if info["line"] else ""
    result.update(status="error", message=f"{info['type']}: {info['message']}{where}",
                  input=_show_inputs(recorder and recorder.last_inputs()),
                  feedback=_exception_feedback(exc), error=info)
    return _Outcome(result)


def _run_diagnoses(diagnoses: list[Callable], target: Any) -> list[str]:
    messages = []
    for diagnosis in diagnoses:
        try:
            with _Quiet():
                # Diagnoses look for other mistakes too: inputs copied, changes not judged.
                message = diagnosis(_recorder_for(target, strict=False) or target)
        except (Exception, SystemExit):  # a probe that crashes means "not this mistake"
            continue
        if isinstance(message, str) and message.strip():
            messages.append(message.strip())
    return messages


def _dedupe(messages: list[str | None]) -> list[str]:
    return list(dict.fromkeys(m for m in messages if m))


def _seed_global_generators() -> None:
    """Seed Python's and NumPy's global generators before a grading: code that draws from them
    (usually a learner's mistake: np.random.choice instead of the rng argument) then grades the
    same on every run, in CPython and in Pyodide, instead of passing a chance check now and then."""
    import random
    random.seed(0)
    try:
        import numpy as np
    except ImportError:
        return
    np.random.seed(0)


def grade(learner_source: str, checks_source: str, *, include_hidden: bool,
          entry: str | None = None) -> dict:
    """Run the checks on the learner's code; see the module docstring for the result."""
    namespace, specs, diagnoses = _load_checks(checks_source)
    specs = [s for s in specs if s.public or include_hidden]
    entry = entry if entry is not None else namespace.get("ENTRY")
    _seed_global_generators()
    try:
        target = _load_learner(learner_source, entry)
    except _LearnerError as exc:
        return {"status": "error", "error": exc.info, "checks": [],
                "feedback": _dedupe([exc.feedback]), "passed": 0, "total": len(specs)}
    outcomes = [_run_check(spec, target, learner_source) for spec in specs]
    results = [o.result for o in outcomes]
    unfinished = [r for r in results if r["status"] != "pass"]
    diagnosed = _run_diagnoses(diagnoses, target) if unfinished else []
    for result in unfinished:
        result["feedback"] = diagnosed[0] if diagnosed else result["feedback"]
    feedback = _dedupe(diagnosed + [r["feedback"] for r in unfinished]
                       + [m for o in outcomes for m in o.summary_feedback])
    passed = len(results) - len(unfinished)
    return {"status": "failed" if unfinished else "passed", "error": None, "checks": results,
            "feedback": feedback, "passed": passed, "total": len(results)}
