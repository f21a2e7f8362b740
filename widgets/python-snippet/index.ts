/**
 * A runnable Python snippet: `<div data-widget="python-snippet"
 * data-snippet="<id>">`, whose code the build put in the page
 * (`pre.rnn-snippet__source`, from docs/snippets/<id>.py). The reader edits
 * it in the lab's editor, presses Run (or Ctrl+Enter) to run it with NumPy
 * in the shared Pyodide worker, sees the output, can Stop runaway code, and
 * Reset to the original. Edits are saved in this browser.
 *
 * Hooks for tests: `[data-snippet-output]` holds the output,
 * `[data-snippet-status]` the last run's sentence, the root's
 * `data-run` is `idle`, `running`, `done` or `error`, and after a stop
 * `data-stop-path` says how it was done (`interrupt`, `restart`, `cancelled`).
 */
import { createEditor } from "../lab/editor.ts";
import labCss from "../lab/lab.css" with { type: "text" };
import { setState } from "../lib/state.ts";
import { load, remove, save } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";
import { pyodide, type Job } from "../runtime/pyodide/client.ts";
import { describeRun, MAX_CODE_CHARS, restore, snippetKey, TIME_LIMIT_S } from "./model.ts";
import css from "./python-snippet.css" with { type: "text" };

const SAVE_DELAY_MS = 300;
let counter = 0;

/** Mount the snippet editor into `el`; `signal` (the reader left) removes the listeners and stops a run. */
export function render(el: HTMLElement, { signal }: MountContext): () => void {
  adoptCss(labCss); // the editor's token colours (contrast-checked) live there
  adoptCss(css);
  const id = el.dataset.snippet ?? "";
  const source = el.querySelector<HTMLElement>(":scope > .rnn-snippet__source");
  if (!source) throw new Error(`the snippet “${id}” has no code in the page`);
  const original = source.textContent ?? "";
  source.hidden = true;
  const uid = `rnn-snippet-${++counter}`;

  const box = document.createElement("div");
  box.className = "rnn-snippet";
  box.innerHTML = `
    <div class="rnn-lab rnn-snippet__editor" data-editor></div>
    <p class="rnn-snippet__keys" id="${uid}-keys"><kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs the code. In the editor,
      <kbd>Tab</kbd> indents; press <kbd>Esc</kbd> then <kbd>Tab</kbd> to move on.</p>
    <div class="rnn-snippet__buttons" role="group" aria-label="Snippet controls">
      <button type="button" class="rnn-primary" data-run>Run</button>
      <button type="button" data-stop disabled>Stop</button>
      <button type="button" data-reset>Reset</button>
    </div>
    <p class="rnn-snippet__status" data-snippet-status aria-live="polite"></p>
    <pre class="rnn-snippet__output" data-snippet-output tabindex="0" aria-label="Output of the snippet" hidden></pre>`;
  el.append(box);
  const q = <T extends HTMLElement>(sel: string) => box.querySelector<T>(sel)!;
  const runButton = q<HTMLButtonElement>("[data-run]");
  const stopButton = q<HTMLButtonElement>("[data-stop]");
  const resetButton = q<HTMLButtonElement>("[data-reset]");
  const status = q<HTMLElement>("[data-snippet-status]");
  const output = q<HTMLPreElement>("[data-snippet-output]");

  const restored = restore(load<unknown>(snippetKey(id), null), original);
  if (restored.stale) status.textContent = "The code on this page was updated, so your earlier edit was set aside.";
  let saveTimer = 0;
  let job: Job | null = null;

  const saveNow = (): void => {
    clearTimeout(saveTimer);
    saveTimer = 0;
    const code = editor.getCode();
    if (code === original) return remove(snippetKey(id));
    const result = save(snippetKey(id), { code, original });
    if (!result.ok) status.textContent = result.reason;
  };
  const flushSave = (): void => {
    if (saveTimer) saveNow();
  };

  const editor = createEditor(q<HTMLElement>("[data-editor]"), {
    doc: restored.code,
    label: `Python code of the example “${id}” (editable)`,
    describedBy: `${uid}-keys`,
    maxChars: MAX_CODE_CHARS,
    onChange() {
      clearTimeout(saveTimer);
      saveTimer = window.setTimeout(saveNow, SAVE_DELAY_MS);
    },
    onRun: () => void run(),
    onTooLarge: () => {
      status.textContent = `The code is limited to ${MAX_CODE_CHARS.toLocaleString("en")} characters.`;
    },
  });

  const setRun = (state: "idle" | "running" | "done" | "error"): void => {
    el.dataset.run = state;
    runButton.disabled = state === "running";
    stopButton.disabled = state !== "running";
  };

  async function run(): Promise<void> {
    if (job) return;
    flushSave();
    const hadFocus = document.activeElement === runButton;
    output.textContent = "";
    output.hidden = true;
    delete el.dataset.stopPath;
    setRun("running");
    setState(el, "running");
    if (hadFocus) stopButton.focus();
    const runtime = pyodide();
    status.textContent = runtime.current.phase === "ready" ? "Running…" : "Loading Python (first run only)…";
    job = runtime.run(editor.getCode(), {
      timeLimitS: TIME_LIMIT_S,
      signal,
      onStart: () => void (status.textContent = "Running…"),
      onOutput: (_stream, text) => {
        output.hidden = false;
        output.textContent += text;
      },
    });
    const result = await job.done;
    job = null;
    if (result.status === "stopped") el.dataset.stopPath = result.via;
    if (signal.aborted) return;
    const { text, error } = describeRun(result, !output.hidden);
    if (result.status === "finished" && result.error) {
      output.hidden = false;
      output.textContent += (output.textContent ? "\n" : "") + result.error.traceback;
    }
    status.textContent = text;
    setRun(error ? "error" : "done");
    setState(el, "ready");
    if (document.activeElement === stopButton || document.activeElement === document.body) runButton.focus();
  }

  const onStop = (): void => job?.stop();
  const onReset = (): void => {
    editor.setCode(original, "reset");
    saveNow();
    status.textContent = "The code is back to the original. Ctrl+Z in the editor brings your edit back.";
  };
  const onRun = (): void => void run();
  runButton.addEventListener("click", onRun, { signal });
  stopButton.addEventListener("click", onStop, { signal });
  resetButton.addEventListener("click", onReset, { signal });
  window.addEventListener("pagehide", flushSave, { signal });
  setRun("idle");
  setState(el, "ready");

  // The signal has removed the listeners and stopped a run; the rest is undone here.
  return () => {
    flushSave();
    editor.destroy();
    box.remove();
    source.hidden = false;
  };
}
