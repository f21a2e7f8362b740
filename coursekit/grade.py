"""Grade a Python file against a lab from the command line.

    python -m coursekit.grade softmax my_softmax.py
    python -m coursekit.grade docs/labs/rnn_step answer.py --public-only

Prints every check (✓ or ✗, its name, what went wrong, the input, the expected
and the actual value, targeted feedback), then a summary line. Exit status: 0
when every check passes; 1 when a check fails, the code raises, or it runs past
the lab's time limit; 2 when the lab or the file cannot be read.

The file runs in a child process, so that a runaway loop can be stopped: at the
time limit the child interrupts the learner's code with KeyboardInterrupt (as
the browser does) and reports the line it was on; if that does not stop it
(a long NumPy call, or code that swallows the interrupt) the parent kills it
shortly after.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

from coursekit import grader
from coursekit.labs import ROOT, Lab, LabError, load_lab, resolve

# The child needs a moment to start Python and import NumPy before the learner's
# code runs; after the limit it gets a moment to report where it stopped.
STARTUP_GRACE_S = 3.0
OUTPUT_LIMIT = 2000  # characters of the learner's own printing that we show...
OUTPUT_LINES = 30    # ...and lines
WIDTH = 88

EXIT_PASSED, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m coursekit.grade",
        description="Grade a Python file against a lab's checks and print each result.",
        epilog="Exit status: 0 all checks pass, 1 a check fails or the code errors or times out, "
               "2 the lab or the file cannot be read.")
    parser.add_argument("lab", metavar="LAB", help="a lab id (a folder of docs/labs/) or a lab folder")
    parser.add_argument("file", metavar="FILE", type=Path, help="the Python file to grade")
    parser.add_argument("--public-only", action="store_true",
                        help="run only the public checks (the page's Run button); "
                             "by default the hidden ones run too (the Check button)")
    # Internal: the parent starts the child with this, naming the file for its result.
    parser.add_argument("--worker", metavar="RESULT_JSON", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.worker:
        return worker(args.lab, args.file, args.worker, include_hidden=not args.public_only)
    try:
        lab = load_lab(resolve(args.lab))
        args.file.read_text(encoding="utf-8")
    except (LabError, OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        run = run_child(lab.folder, args.file, include_hidden=not args.public_only,
                        time_limit_s=lab.time_limit_s)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return report(lab, args.file, run, include_hidden=not args.public_only)


# --------------------------------------------------------------------------
# The child: grade under a timer, write the result as JSON
# --------------------------------------------------------------------------

def worker(lab_folder: str, file: Path, result_path: Path, *, include_hidden: bool) -> int:
    # NumPy came in with the grader, above: its import does not count against the limit.
    lab = load_lab(lab_folder)
    source = file.read_text(encoding="utf-8")
    expired, finished = threading.Event(), threading.Event()

    def on_alarm(signum, frame):
        if finished.is_set():  # the alarm lost the race against the last check
            return
        expired.set()
        raise KeyboardInterrupt

    has_timer = hasattr(signal, "setitimer")  # not on Windows: the parent's kill still applies
    if has_timer:
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, lab.time_limit_s)
    try:
        outcome = {"result": grader.grade(source, lab.checks, include_hidden=include_hidden, entry=lab.entry)}
        finished.set()
    except KeyboardInterrupt as exc:
        if not expired.is_set():
            raise  # a real Ctrl-C
        outcome = {"timeout": grader.error_info(exc, source)}
    except grader.ChecksError as exc:
        outcome = {"broken_checks": str(exc)}
    finally:
        if has_timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
    result_path.write_text(json.dumps(outcome), encoding="utf-8")
    return 0


# --------------------------------------------------------------------------
# The parent: start the child, cap its output, kill it if it overstays
# --------------------------------------------------------------------------

@dataclass
class ChildRun:
    outcome: dict | None  # what the child wrote, None when it was killed or crashed
    output: str           # the learner's printing (and any crash of the child), capped
    output_dropped: int   # characters beyond OUTPUT_LIMIT
    killed: bool
    returncode: int


def run_child(folder: Path, file: Path, *, include_hidden: bool, time_limit_s: float) -> ChildRun:
    with tempfile.TemporaryDirectory(prefix="coursekit-grade-") as tmp:
        result_path = Path(tmp) / "result.json"
        command = [sys.executable, "-m", "coursekit.grade", str(folder.resolve()),
                   str(file.resolve()), "--worker", str(result_path)]
        if not include_hidden:
            command.append("--public-only")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        reader = _CappedReader(child.stdout)
        killed = False
        try:
            child.wait(timeout=time_limit_s + STARTUP_GRACE_S)
        except subprocess.TimeoutExpired:
            killed = True
        except KeyboardInterrupt:  # Ctrl-C: take the child down with us
            child.kill()
            raise
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        reader.join()
        outcome = json.loads(result_path.read_text(encoding="utf-8")) if result_path.exists() else None
    return ChildRun(outcome, reader.text(), reader.dropped, killed, child.returncode)


class _CappedReader:
    """Drain a pipe in a thread, keeping the first OUTPUT_LIMIT characters.

    Draining matters: a child printing endlessly into a full pipe would block
    instead of reaching the time limit.
    """

    def __init__(self, stream):
        self._stream, self._kept, self.dropped = stream, [], 0
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        room = OUTPUT_LIMIT
        for chunk in iter(lambda: self._stream.read1(8192), b""):
            text = chunk.decode("utf-8", "replace")
            self._kept.append(text[:room])
            self.dropped += max(0, len(text) - room)
            room = max(0, room - len(text))

    def join(self) -> None:
        self._thread.join(timeout=5)

    def text(self) -> str:
        return "".join(self._kept)


# --------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------

def _marks() -> tuple[str, str, str]:
    """✓, ✗ and • where the terminal can print them, ASCII elsewhere."""
    try:
        "✓✗•—".encode(sys.stdout.encoding or "ascii")
        return "✓", "✗", "•"
    except (UnicodeEncodeError, LookupError):
        return "PASS", "FAIL", "-"


def _block(label: str, text: str, indent: int = 6) -> list[str]:
    """`label` then `text`, continuation lines aligned under the text."""
    pad = " " * (indent + len(label))
    lines = text.splitlines() or [""]
    return [" " * indent + label + lines[0]] + [pad + line for line in lines[1:]]


def _wrapped(text: str, indent: int = 6, first: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=" " * indent + first,
                         subsequent_indent=" " * (indent + len(first))) or [" " * indent + first]


def format_check(check: dict, shown_feedback: set[str]) -> list[str]:
    """One check; feedback already printed for an earlier check is only referred to."""
    ok, bad, _ = _marks()
    hidden = "" if check["public"] else "  [hidden]"
    lines = [f"  {ok if check['status'] == 'pass' else bad} {check['name']}{hidden}"]
    if check["status"] == "pass":
        return lines
    if check["error"]:
        lines += _block("", check["error"]["traceback"])
    else:
        lines += _wrapped(check["message"])
    for label, key in (("input:    ", "input"), ("expected: ", "expected"), ("got:      ", "got")):
        if check[key] is not None:
            lines += _block(label, check[key])
    if check["feedback"] in shown_feedback:
        lines += _wrapped("as above", first="feedback: ")
    elif check["feedback"]:
        lines += _wrapped(check["feedback"], first="feedback: ")
        shown_feedback.add(check["feedback"])
    return lines


def format_result(result: dict, include_hidden: bool) -> list[str]:
    _, bad, bullet = _marks()
    scope = "public and hidden" if include_hidden else \
        "public only; leave out --public-only to run the hidden ones too"
    lines: list[str] = []
    if result["status"] == "error":
        lines += [f"  {bad} your code could not run"] + _block("", result["error"]["traceback"])
    shown_feedback: set[str] = set()
    for check in result["checks"]:
        lines += format_check(check, shown_feedback)
    if result["feedback"]:
        lines += ["", "Feedback:"]
        for message in result["feedback"]:
            lines += _wrapped(message, indent=2, first=f"{bullet} ")
    verdict = "all passed" if result["status"] == "passed" else "not yet"
    lines += ["", f"{result['passed']}/{result['total']} checks passed ({scope}): {verdict}."]
    return lines


def format_timeout(run: ChildRun, time_limit_s: float) -> list[str]:
    _, bad, _ = _marks()
    where = (run.outcome or {}).get("timeout")
    lines = [f"  {bad} stopped: your code was still running after the lab's time limit "
             f"of {time_limit_s:g} s"]
    if where and where["line"]:
        lines += _wrapped(f"It was at line {where['line']} of your file when it was stopped; "
                          "look for a loop whose condition never becomes false.")
        lines += _block("", where["traceback"])
    else:
        lines += _wrapped("Look for a loop whose condition never becomes false, "
                          "or for a computation far bigger than the lab needs.")
    return lines + ["", "Stopped at the time limit: not yet."]


def _capped_output(run: ChildRun) -> str:
    lines = run.output.rstrip("\n").splitlines()
    dropped = run.output_dropped + sum(len(line) + 1 for line in lines[OUTPUT_LINES:])
    more = [f"... ({dropped} more characters)"] if dropped else []
    return "\n".join(lines[:OUTPUT_LINES] + more)


def _show(lines: list[str], file: Path) -> None:
    # In a terminal the learner's code is a real file: name it, so editors can jump there.
    print("\n".join(lines).replace(f'File "{grader.LEARNER_FILENAME}"', f'File "{file}"'))


def report(lab: Lab, file: Path, run: ChildRun, include_hidden: bool) -> int:
    """Print the outcome of a child run; return the exit status."""
    print(f"{lab.id}: {lab.title}")
    if run.output:
        print("\nYour code printed:")
        print("\n".join(_block("", _capped_output(run), indent=2)))
    print()
    outcome = run.outcome or {}
    if run.killed or "timeout" in outcome:
        _show(format_timeout(run, lab.time_limit_s), file)
        return EXIT_FAILED
    if "broken_checks" in outcome:
        print(f"error: the lab's checks are broken:\n{outcome['broken_checks']}", file=sys.stderr)
        return EXIT_UNUSABLE
    if "result" not in outcome:  # e.g. the code called os._exit() or crashed Python
        _, bad, _ = _marks()
        print(f"  {bad} the grader stopped before the checks finished (exit status "
              f"{run.returncode}); anything it printed is above.\n\nNo result: not yet.")
        return EXIT_FAILED
    _show(format_result(outcome["result"], include_hidden), file)
    return EXIT_PASSED if outcome["result"]["status"] == "passed" else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
