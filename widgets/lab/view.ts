/**
 * The lab's DOM: the skeleton built once per mount, and the pieces redrawn
 * from a Verdict. Text only goes in through textContent, never innerHTML:
 * check messages and tracebacks echo the learner's own code.
 */
import type { LabMeta, Verdict } from "./model.ts";
import { hintLabel } from "./model.ts";
import { h } from "../lib/dom.ts";

/** Create an element with a class, optional text and attributes. */
export { h };

/** The elements the lab talks to after mounting. */
export interface LabDom {
  notices: HTMLElement;
  loading: HTMLElement;
  loadingLabel: HTMLElement;
  progress: HTMLProgressElement;
  editorHost: HTMLElement;
  /** id of the line that explains the editor's keys. */
  keysId: string;
  buttons: Record<"run" | "check" | "stop" | "reset" | "undo" | "hint", HTMLButtonElement>;
  hints: HTMLOListElement;
  summary: HTMLElement;
  /** Visually hidden live region: what a screen reader hears after each run. */
  announce: HTMLElement;
  feedback: HTMLElement;
  error: HTMLElement;
  checks: HTMLUListElement;
  outputBox: HTMLElement;
  output: HTMLPreElement;
  outputNote: HTMLElement;
}

let uid = 0;

/** Build the lab's skeleton inside `el` (which the registry emptied of its fallback). */
export function buildSkeleton(el: HTMLElement, meta: LabMeta): LabDom {
  const id = `rnn-lab-${++uid}`;
  el.classList.add("rnn-lab");
  const head = h("div", "rnn-lab__head");
  head.append(h("p", "rnn-lab__title", `Lab: ${meta.title}`));
  const stars = "★".repeat(meta.difficulty) + "☆".repeat(3 - meta.difficulty);
  head.append(
    h("p", "rnn-lab__meta", `${stars} · runs stop after ${meta.timeLimitS} s`, {
      "aria-label": `Difficulty ${meta.difficulty} of 3; runs stop after ${meta.timeLimitS} seconds`,
    }),
  );

  const notices = h("div", "rnn-lab__notices");
  const loading = h("div", "rnn-lab__loading");
  const loadingLabel = h("p", "rnn-lab__loading-label", "Loading Python…", { id: `${id}-progress` });
  const progress = h("progress", "rnn-progress", undefined, { "aria-labelledby": `${id}-progress` });
  loading.append(loadingLabel, progress);

  const editorHost = h("div", "rnn-lab__editor");
  const keys = h("p", "rnn-lab__keys", "", { id: `${id}-keys` });
  keys.append(
    kbd("Ctrl"), "+", kbd("Enter"), " (", kbd("⌘"), "+", kbd("Enter"), " on a Mac) runs your code. ",
    "In the editor, ", kbd("Tab"), " indents; press ", kbd("Esc"), " then ", kbd("Tab"), " to move on.",
  );

  const bar = h("div", "rnn-lab__buttons", undefined, { role: "group", "aria-label": "Lab controls" });
  const button = (name: string, title: string, extra = "") => {
    const b = h("button", `rnn-lab__button ${extra}`.trim(), name, { type: "button", title });
    bar.append(b);
    return b;
  };
  const buttons = {
    run: button("Run", "Run your code and the public checks", "rnn-primary"),
    check: button("Check", "Run the public and the hidden checks"),
    stop: button("Stop", "Stop your running code"),
    reset: button("Reset", "Replace your code with the starter code (you can undo this)"),
    undo: button("Undo reset", "Bring back the code you had before Reset"),
    hint: button("Hint", "Show the next hint"),
  };
  buttons.stop.disabled = true;
  buttons.undo.hidden = true;
  if (meta.hints.length === 0) buttons.hint.hidden = true;

  const hints = h("ol", "rnn-lab__hints", undefined, { "aria-live": "polite", "aria-label": "Hints" });
  const results = h("div", "rnn-lab__results");
  const summary = h("p", "rnn-lab__summary", "");
  const announce = h("p", "rnn-sr-only", "", { role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const feedback = h("div", "rnn-lab__feedback", undefined, { role: "note", "aria-label": "Feedback" });
  const error = h("div", "rnn-lab__error");
  const checks = h("ul", "rnn-lab__checks", undefined, { "aria-label": "Checks" });
  const outputBox = h("div", "rnn-lab__output-box");
  const output = h("pre", "rnn-lab__output", "", { tabindex: "0", "aria-label": "Output of your code" });
  const outputNote = h("p", "rnn-lab__output-note");
  outputBox.append(h("p", "rnn-lab__label", "Output"), output, outputNote);
  feedback.hidden = error.hidden = outputBox.hidden = outputNote.hidden = true;
  results.append(announce, summary, feedback, error, checks, outputBox);

  el.append(head, notices, loading, editorHost, keys, bar, hints, results);
  return { notices, loading, loadingLabel, progress, editorHost, keysId: keys.id, buttons, hints, summary, announce, feedback, error, checks, outputBox, output, outputNote };
}

function kbd(text: string): HTMLElement {
  return h("kbd", "", text);
}

/**
 * Show (or replace) a notice above the editor. `key` identifies it so the
 * same notice is not stacked twice; urgent ones are alerts, others status.
 * Returns the notice element (its dismiss button removes it).
 */
export function showNotice(dom: LabDom, key: string, text: string, urgent: boolean, onDismiss?: () => void): HTMLElement {
  dom.notices.querySelector(`[data-notice="${key}"]`)?.remove();
  const box = h("div", `rnn-lab__notice${urgent ? " rnn-lab__notice--urgent" : ""}`, undefined, {
    role: urgent ? "alert" : "status",
    "data-notice": key,
  });
  box.append(h("p", "", text));
  const dismiss = h("button", "rnn-lab__dismiss", "Dismiss", { type: "button", "aria-label": `Dismiss: ${text}` });
  dismiss.addEventListener("click", () => {
    box.remove();
    onDismiss?.();
  });
  box.append(dismiss);
  dom.notices.append(box);
  return box;
}

/** Remove a notice if it is shown. */
export function clearNotice(dom: LabDom, key: string): void {
  dom.notices.querySelector(`[data-notice="${key}"]`)?.remove();
}

/** Show the first `count` hints. */
export function renderHints(dom: LabDom, hints: string[], count: number): void {
  while (dom.hints.children.length < count) {
    const n = dom.hints.children.length + 1;
    const li = h("li", "rnn-lab__hint", undefined, { tabindex: "-1", "data-hint": String(n) });
    li.append(h("strong", "", `${hintLabel(n, hints.length)}: `), hints[n - 1]);
    dom.hints.append(li);
  }
  dom.buttons.hint.disabled = count >= hints.length;
}

/** Clear the results area before a run. */
export function clearResults(dom: LabDom): void {
  dom.feedback.replaceChildren();
  dom.error.replaceChildren();
  dom.checks.replaceChildren();
  dom.output.textContent = "";
  dom.feedback.hidden = dom.error.hidden = dom.outputBox.hidden = dom.outputNote.hidden = true;
}

/** Append streamed output. */
export function appendOutput(dom: LabDom, stream: "stdout" | "stderr", text: string): void {
  dom.outputBox.hidden = false;
  if (stream === "stderr") dom.output.append(h("span", "rnn-lab__stderr", text));
  else dom.output.append(text);
}

/** Show the note that output went over its cap. */
export function showOutputCut(dom: LabDom, message: string): void {
  dom.outputBox.hidden = false;
  dom.outputNote.hidden = false;
  dom.outputNote.textContent = message;
}

const STATUS_WORD = { pass: "✓ passed", fail: "✗ failed", error: "⚠ error" } as const;

/** Draw a verdict: feedback first (most useful), then the error, then each check. */
export function renderVerdict(dom: LabDom, verdict: Verdict): void {
  dom.summary.textContent = verdict.summary;
  dom.summary.dataset.status = verdict.status;
  // The announcement carries the first feedback too: it is what the learner needs next.
  dom.announce.textContent = verdict.feedback.length ? `${verdict.summary} ${verdict.feedback[0]}` : verdict.summary;

  dom.feedback.hidden = verdict.feedback.length === 0;
  dom.feedback.replaceChildren(h("p", "rnn-lab__label", "What went wrong"));
  const list = h("ul", "");
  for (const line of verdict.feedback) list.append(h("li", "", line));
  dom.feedback.append(list);

  dom.error.hidden = !verdict.error;
  dom.error.replaceChildren();
  if (verdict.error) {
    const where = verdict.error.line ? ` on line ${verdict.error.line}` : "";
    dom.error.dataset.line = String(verdict.error.line ?? "");
    dom.error.append(
      h("p", "rnn-lab__error-title", `${verdict.error.type}${where}`),
      h("pre", "rnn-lab__traceback", verdict.error.traceback, { tabindex: "0", "aria-label": "Traceback" }),
    );
  }

  dom.checks.replaceChildren();
  // Nine failures spelled out at once bury the one that matters: the first
  // failing check shows its input, expected and got; the others fold them away.
  let firstFailure = true;
  for (const c of verdict.checks) {
    const li = h("li", "rnn-lab__check", undefined, { "data-check": c.name, "data-status": c.status });
    const head = h("p", "rnn-lab__check-head");
    head.append(h("span", "rnn-lab__badge", STATUS_WORD[c.status]), " ", h("span", "rnn-lab__check-name", c.name));
    if (c.hidden) head.append(" ", h("span", "rnn-lab__hidden", "(hidden check)"));
    li.append(head);
    if (c.status !== "pass" && c.message) li.append(h("p", "rnn-lab__check-message", c.message));
    if (c.feedback) li.append(h("p", "rnn-lab__check-feedback", c.feedback));
    if (c.details.length || c.traceback) {
      const more = h("details", "rnn-lab__more");
      more.open = firstFailure || c.status === "pass";
      more.append(h("summary", "", c.traceback ? "Traceback" : "Input, expected and got"));
      if (c.details.length) {
        const dl = h("dl", "rnn-lab__details");
        for (const d of c.details) dl.append(h("dt", "", d.label), ddWith(d.text));
        more.append(dl);
      }
      if (c.traceback) more.append(h("pre", "rnn-lab__traceback", c.traceback));
      li.append(more);
      if (c.status !== "pass") firstFailure = false;
    }
    dom.checks.append(li);
  }
}

function ddWith(text: string): HTMLElement {
  const dd = h("dd", "");
  dd.append(h("pre", "", text));
  return dd;
}
