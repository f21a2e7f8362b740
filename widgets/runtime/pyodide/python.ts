/**
 * The Python half of the worker: two small modules written into Pyodide's
 * file system next to the grader. `rnn_progress` is how any Python job
 * reports its progress; `_rnn_runtime` runs the jobs. Both hand JavaScript
 * only strings (JSON), so no Python object crosses into JavaScript and
 * nothing needs to be proxied or destroyed.
 *
 * Learner code is compiled under the grader's own file name ("<your code>")
 * and its errors are described by `grader.error_info`, so a plain run and a
 * graded run show the same traceback: the learner's frames and line numbers,
 * never this module's or Pyodide's.
 */
export const RUNTIME_MODULE = "_rnn_runtime";
/** The JavaScript module the worker registers for rnn_progress (worker.ts). */
export const WORKER_MODULE = "_rnn_worker";
export const PROGRESS_MODULE = "rnn_progress";

export const PROGRESS_PY = String.raw`
"""Progress of a long job, for the page that runs it.

report_progress(step, total=None, text=None, **values) sends one typed
progress message to the job's onProgress (widgets/runtime/pyodide/client.ts):
a lab's live loss curve (grader.report calls it), the Gradient Flow
Simulator's status line. The Pyodide worker writes this module; CPython has
none, so code that runs in both imports it inside try/except ImportError.
"""
import json
import math
import sys

from ${WORKER_MODULE} import post_progress


def report_progress(step, total=None, text=None, **values):
    """One report of the running job: how far it is, named numbers (loss=2.31), a line of text."""
    numbers = {}
    for name, value in values.items():
        number = float(value)
        if math.isfinite(number):  # JSON has no NaN: a diverged loss is left out
            numbers[str(name)] = number
    record = {"step": float(step), "total": None if total is None else float(total),
              "text": None if text is None else str(text), "values": numbers}
    # What was printed before this report reaches the page before it.
    sys.stdout.flush()
    post_progress(json.dumps(record, allow_nan=False))
`;

export const RUNTIME_PY = String.raw`
import builtins
import json
import sys
import types

import grader
import ${PROGRESS_MODULE}

# grader.report (a lab's training loop) reports through the page's typed progress messages.
grader.progress_sink = ${PROGRESS_MODULE}.report_progress


def _flush():
    # Output is line-buffered; print(..., end="") still waits in the buffer.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def _input(prompt=""):
    raise RuntimeError("input() cannot ask you anything here: give your code its values directly.")


# For plain and graded runs alike (stdin itself only answers "I/O error").
builtins.input = _input


def run(source):
    """Run source as a fresh __main__ module; JSON {"error": ...} or {"interrupted": true}."""
    try:
        code = compile(source, grader.LEARNER_FILENAME, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return json.dumps({"error": grader.error_info(exc, source)})
    module = types.ModuleType("__main__")
    try:
        exec(code, module.__dict__)
    except KeyboardInterrupt:
        return json.dumps({"interrupted": True})
    except SystemExit as exc:
        # exit() / sys.exit(0) ends a script normally; any other code is an error.
        if exc.code not in (None, 0):
            return json.dumps({"error": grader.error_info(exc, source)})
    except BaseException as exc:
        return json.dumps({"error": grader.error_info(exc, source)}, default=str)
    finally:
        _flush()
    return json.dumps({"error": None})


def grade(source, checks, include_hidden, entry):
    """grader.grade as JSON {"report": ...}, {"interrupted": true} or {"failed": message}."""
    try:
        report = grader.grade(source, checks, include_hidden=bool(include_hidden), entry=entry)
    except KeyboardInterrupt:
        return json.dumps({"interrupted": True})
    except grader.ChecksError as exc:
        return json.dumps({"failed": f"This lab's checks are broken, which is not your fault: {exc}"})
    finally:
        _flush()
    return json.dumps({"report": report}, default=str)
`;
