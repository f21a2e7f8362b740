/**
 * The coding lab: `<div data-widget="lab" data-lab="<id>">`.
 *
 * The editor is usable as soon as the lab's files arrive; Pyodide boots in
 * the shared worker meanwhile and Run waits for it. Run grades the public
 * checks, Check adds the hidden ones. The learner's code is saved on every
 * edit and survives reloads, a changed starter, Reset (undoable) and a
 * Python that failed to load.
 */
import { adoptCss } from "../lib/style.ts";
import css from "./lab.css" with { type: "text" };
import { setState } from "../lib/state.ts";
import { load, save } from "../lib/storage.ts";
import { recordLabPassed } from "../lib/progress.ts";
import { describeProgress, pyodide, type Job } from "../runtime/pyodide/client.ts";
import { siteRoot } from "../lib/site.ts";
import type { MountContext } from "../main.ts";
import { createEditor } from "./editor.ts";
import { LINEPLOT_CSS } from "../lib/lineplot.ts";
import { pointOf, type ProgressPoint } from "./progress.ts";
import { buildProgress, clearProgress, renderProgress } from "./progress-view.ts";
import {
  codeKey, hashText, hintsKey, MAX_CODE_CHARS, outputCutMessage, parseLabMeta, restoreCode,
  STARTER_CHANGED, tooLargeMessage, verdictFor, errorLineOf, type LabMeta, type LabStatus, type SavedCode,
} from "./model.ts";
import {
  appendOutput, buildSkeleton, clearNotice, clearResults, renderHints, renderVerdict, showNotice, showOutputCut,
} from "./view.ts";

const LAB_ID = /^[a-z0-9][a-z0-9_-]*$/;
const SAVE_DELAY_MS = 300;

/**
 * Mount the lab into `el`; resolves once the editor is usable, with the cleanup function.
 * `signal` (the reader left the page) removes the listeners and stops a running job.
 */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<() => void> {
  adoptCss(css);
  adoptCss(LINEPLOT_CSS);
  const labId = el.dataset.lab ?? "";
  if (!LAB_ID.test(labId)) throw new Error(`"${labId}" is not a lab name`);
  const runtime = pyodide();
  // Start Python now: the reader is about to see the lab, and boot takes seconds.
  void runtime.boot().catch(() => {});
  const { meta, starter, checks } = await fetchLab(labId);

  const dom = buildSkeleton(el, meta);
  // Long runs (training loops) report progress through grader.report (the job's onProgress): plotted here.
  const progress = buildProgress();
  dom.outputBox.before(progress.root);
  const starterHash = hashText(starter);
  const restored = restoreCode(load<unknown>(codeKey(labId), null), starter);
  let baseHash = restored.starterHash; // the starter the current code grew from
  let beforeReset: { code: string; starterHash: string } | null = null;
  let job: Job | null = null;
  let saveTimer = 0;

  const saveNow = (): void => {
    clearTimeout(saveTimer);
    saveTimer = 0;
    const record: SavedCode = { code: editor.getCode(), starterHash: baseHash, savedAt: Date.now() };
    const result = save(codeKey(labId), record);
    if (result.ok) clearNotice(dom, "storage");
    else showNotice(dom, "storage", result.reason, true);
  };
  const flushSave = (): void => {
    if (saveTimer) saveNow();
  };

  const editor = createEditor(dom.editorHost, {
    doc: restored.code,
    label: `Python code for the lab “${meta.title}”`,
    describedBy: dom.keysId,
    maxChars: MAX_CODE_CHARS,
    onChange(_code, byUser) {
      clearTimeout(saveTimer);
      saveTimer = window.setTimeout(saveNow, SAVE_DELAY_MS);
      if (byUser) clearNotice(dom, "too-large");
    },
    onRun: () => void start("run"),
    onTooLarge: (chars) => showNotice(dom, "too-large", tooLargeMessage(chars), true),
  });

  if (restored.starterChanged) {
    // Dismissing accepts the new starter as the base: the notice has done its job.
    showNotice(dom, "starter-changed", STARTER_CHANGED, false, () => {
      baseHash = starterHash;
      saveNow();
    });
  }

  let hintsShown = Math.min(Math.max(0, Number(load<number>(hintsKey(labId), 0)) || 0), meta.hints.length);
  renderHints(dom, meta.hints, hintsShown);

  const setLabStatus = (status: LabStatus): void => {
    el.dataset.labStatus = status;
  };
  setLabStatus("idle");
  setState(el, "ready");

  const unsubscribe = runtime.subscribe((status) => {
    const { label, fraction } = describeProgress(status);
    // Published for tests and `make bench`: idle, loading, ready or failed.
    el.dataset.python = status.phase;
    // For `make bench`: where a boot's time went ("interpreter,imports" in ms), beside the total.
    if (status.phase === "ready" && status.bootMs) {
      el.dataset.pythonBootMs = `${status.bootMs.interpreter},${status.bootMs.imports}`;
      el.dataset.pythonStart = status.bootMs.restored ? "snapshot" : "cold";
    }
    dom.loading.hidden = status.phase !== "loading";
    dom.loadingLabel.textContent = label;
    if (fraction === null) dom.progress.removeAttribute("value");
    else dom.progress.value = fraction;
    if (status.phase === "failed") {
      setState(el, "error", bootFailedSentence(status.message));
    } else if (el.dataset.state === "error") {
      setState(el, job ? "running" : "ready");
    }
  });

  async function start(mode: "run" | "check"): Promise<void> {
    if (job) return;
    flushSave();
    const origin = mode === "run" ? dom.buttons.run : dom.buttons.check;
    const hadFocus = document.activeElement === dom.buttons.run || document.activeElement === dom.buttons.check;
    clearResults(dom);
    clearProgress(progress);
    delete el.dataset.stopPath;
    const points: ProgressPoint[] = [];
    editor.markErrorLine(null);
    setLabStatus("running");
    setState(el, "running");
    setRunning(true);
    if (hadFocus) dom.buttons.stop.focus(); // the focused button is now disabled
    dom.summary.dataset.status = "running";
    dom.summary.textContent = runtime.current.phase === "ready" ? "Running your code…" : "Waiting for Python to load…";
    dom.announce.textContent = dom.summary.textContent;
    job = runtime.grade(editor.getCode(), checks, mode === "check", {
      entry: meta.entry,
      timeLimitS: meta.timeLimitS,
      signal,
      onStart: () => {
        dom.summary.textContent = "Running your code…";
      },
      onOutput: (stream, text) => appendOutput(dom, stream, text),
      onProgress: (report) => {
        const point = pointOf(report);
        if (!point) return;
        points.push(point);
        renderProgress(progress, points, [point]);
      },
      onOutputCut: (limit) => showOutputCut(dom, outputCutMessage(limit)),
    });
    const result = await job.done;
    job = null;
    // How a stop was carried out (interrupt, restart of the worker, cancelled before it ran):
    // tests assert the path instead of timing it, after the reader left too (the element is detached).
    if (result.status === "stopped") el.dataset.stopPath = result.via;
    if (signal.aborted) return;
    const verdict = verdictFor(result, mode, meta.timeLimitS);
    renderVerdict(dom, verdict);
    // Only a Check (hidden checks included) with every check green counts as passing the lab.
    if (mode === "check" && verdict.status === "passed") recordLabPassed(labId);
    editor.markErrorLine(errorLineOf(verdict));
    setLabStatus(verdict.status);
    setRunning(false);
    const failed = runtime.current.phase === "failed";
    setState(el, failed ? "error" : "ready", failed ? bootFailedSentence(runtime.current.message) : undefined);
    if (document.activeElement === dom.buttons.stop || document.activeElement === document.body) origin.focus();
  }

  function setRunning(running: boolean): void {
    dom.buttons.run.disabled = running;
    dom.buttons.check.disabled = running;
    dom.buttons.stop.disabled = !running;
  }

  const onReset = (): void => {
    const code = editor.getCode();
    // A second Reset in a row must not overwrite the code the first one kept.
    if (!(beforeReset && code === starter)) beforeReset = { code, starterHash: baseHash };
    baseHash = starterHash;
    editor.setCode(starter, "reset");
    saveNow();
    clearNotice(dom, "starter-changed");
    dom.buttons.undo.hidden = false;
    showNotice(dom, "reset", "Your code was replaced by the starter code. Undo reset brings it back.", false);
  };
  const onUndo = (): void => {
    if (!beforeReset) return;
    baseHash = beforeReset.starterHash;
    editor.setCode(beforeReset.code, "undo-reset");
    beforeReset = null;
    saveNow();
    dom.buttons.undo.hidden = true;
    clearNotice(dom, "reset");
    dom.buttons.reset.focus(); // the Undo button just disappeared under the keyboard focus
    editor.view.dispatch({ scrollIntoView: true });
  };
  const onHint = (): void => {
    if (hintsShown >= meta.hints.length) return;
    hintsShown++;
    save(hintsKey(labId), hintsShown);
    renderHints(dom, meta.hints, hintsShown);
    if (dom.buttons.hint.disabled) (dom.hints.lastElementChild as HTMLElement | null)?.focus();
  };

  const handlers: [HTMLButtonElement, () => void][] = [
    [dom.buttons.run, () => void start("run")],
    [dom.buttons.check, () => void start("check")],
    [dom.buttons.stop, () => job?.stop()],
    [dom.buttons.reset, onReset],
    [dom.buttons.undo, onUndo],
    [dom.buttons.hint, onHint],
  ];
  for (const [button, fn] of handlers) button.addEventListener("click", fn, { signal });
  // A reload, a closed tab or a phone switching apps within the save delay
  // must not lose the last keystrokes.
  const onHidden = (): void => {
    if (document.visibilityState === "hidden") flushSave();
  };
  window.addEventListener("pagehide", flushSave, { signal });
  document.addEventListener("visibilitychange", onHidden, { signal });

  // The signal has already removed the listeners and stopped a running job (the worker itself
  // stays for the next page); what is left is saving, and what holds on beyond the element.
  return () => {
    flushSave();
    unsubscribe();
    progress.fit.stop();
    editor.destroy();
  };
}

/** The sentence shown when Python could not be loaded. */
function bootFailedSentence(cause: string): string {
  return `Python could not be loaded: ${cause}. Your code is safe in the editor and saved in this browser; check your connection, then press Run to try again.`;
}

/** Download lab.json, starter.py and checks.py from the lab's folder on this site. */
async function fetchLab(labId: string): Promise<{ meta: LabMeta; starter: string; checks: string }> {
  const folder = new URL(`labs/${labId}/`, siteRoot());
  const get = async (file: string): Promise<string> => {
    const response = await fetch(new URL(file, folder));
    if (!response.ok) throw new Error(`the lab's file ${file} could not be downloaded (HTTP ${response.status})`);
    return response.text();
  };
  const [metaText, starter, checks] = await Promise.all([get("lab.json"), get("starter.py"), get("checks.py")]);
  let raw: unknown;
  try {
    raw = JSON.parse(metaText);
  } catch {
    throw new Error(`the lab's lab.json is not valid JSON`);
  }
  return { meta: parseLabMeta(raw, labId), starter, checks };
}

