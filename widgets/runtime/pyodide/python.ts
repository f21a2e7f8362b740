/**
 * The Python half of the worker: a small module written into Pyodide's file
 * system next to the grader. It returns JSON strings, so no Python object
 * crosses into JavaScript and nothing needs to be proxied or destroyed.
 *
 * Learner code is compiled under the grader's own file name ("<your code>")
 * and its errors are described by `grader.error_info`, so a plain run and a
 * graded run show the same traceback: the learner's frames and line numbers,
 * never this module's or Pyodide's.
 */
export const RUNTIME_MODULE = "_rnn_runtime";

export const RUNTIME_PY = String.raw`
import builtins
import json
import sys
import types

import grader


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
