/**
 * Training Studio: train a character model on a text of the reader's choosing, in the page.
 *
 * The NumPy trainer (trainer.py) runs in the tab's Pyodide worker, driven by this file in slices
 * of about a second (session.py): between slices the page draws the curves, draws a sample every
 * N iterations with a validation check, saves a checkpoint to IndexedDB, and honours Pause and
 * Stop. A run survives a reload (Resume from the saved checkpoint) and a worker restart (the
 * session is rebuilt from the text and the last checkpoint). Each placement (`data-slot`) keeps
 * its own saved run; `data-heading` names it.
 *
 * Hooks for tests: the root's `data-mode` (idle, prepared, training, paused, stopping, done),
 * `data-slice="running"` while a slice of training is in Python,
 * `data-step` (iterations so far), `data-samples`, `data-val-checks`, `data-saved-step` (the
 * iteration of the last checkpoint saved), `data-save` (ok | off), `data-ended` (budget | stopped
 * | early | auto); `[data-figure]` items carry `data-value`.
 */
import { h, finder } from "../lib/dom.ts";
import { downloadBytes } from "../lib/download.ts";
import { watchWidth } from "../lib/fit.ts";
import { idbDelete, idbGet, idbPut } from "../lib/idb.ts";
import { recordEvent, recordStudioRun, studioRun, textKind } from "../lib/achievements.ts";
import { keepSample, keptSample } from "../lib/samples.ts";
import { siteRoot } from "../lib/site.ts";
import { hookedNumber } from "../lib/test-hooks.ts";
import { describeError, setState } from "../lib/state.ts";
import { load, save } from "../lib/storage.ts";
import { LINEPLOT_CSS } from "../lib/lineplot.ts";
import { adoptCss } from "../lib/style.ts";
import { keepOwnModel, ownModelId } from "../model-kit/own-models.ts";
import type { MountContext } from "../main.ts";
import { describeProgress, pyodide } from "../runtime/pyodide/client.ts";
import {
  checkText, charsPerSecond, countedSeconds, decodeUpload, formatBytes, formatDuration, overfitting, restoreSettings, secondsLeft,
  smoothCurve, textHash, tooBig, trainerConfig, MAX_TEXT_BYTES, SIZES, type Settings, type StepRecord,
} from "./logic.ts";
import { pyStr, pyValue, studioCall, StudioPythonError, StudioStopped } from "./python.ts";
import css from "./training-studio.css" with { type: "text" };
import {
  figuresMarkup, lossChart, lossTable, sampleItem, studioMarkup, summaryMarkup, type CorpusChoice, type Sample, type TextSummary,
} from "./view.ts";

/** Seconds of training per call into Python: Pause and Stop wait at most about this long. */
const SLICE_S = 1;
/** The slice length, which a test may lengthen (`globalThis.RNN_STUDIO_SLICE_S`) to make a slice outlast a Stop. */
const sliceSeconds = (): number => hookedNumber("RNN_STUDIO_SLICE_S", SLICE_S);
/** A checkpoint is saved at least this often while training (the most a closed tab loses). */
const SAVE_EVERY_MS = 30_000;
/** Validation during training reads at most this many characters (the final check reads them all). */
const VAL_CHARS = 20_000;
const SAMPLE_CHARS = 200;
/** A Stop that a slice has not honoured after this long stops the Python job itself. */
const STOP_GRACE_MS = 4000;
/** The curve keeps at most this many iterations (older ones are thinned when saved). */
const MAX_RECORDS = 20_000;
/** The largest model file step 4 reads: far above the studio's largest model (2×128 over 200 characters, about 1 MB). */
const MAX_MODEL_FILE = 32 * 1024 * 1024;

export type Mode = "idle" | "prepared" | "training" | "paused" | "stopping" | "done";
export type Ended = "budget" | "stopped" | "early" | "auto";

interface Prepared {
  name: string;
  text: string;
  hash: string;
  summary: TextSummary;
}

interface Checkpoint {
  data: string;
  extra: unknown;
  step: number;
}

/** What IndexedDB keeps of a run: enough to redraw it and to train on from where it was. */
interface SavedRun {
  version: 1;
  savedAt: number;
  name: string;
  text: string;
  settings: Settings;
  trainedS: number;
  records: StepRecord[];
  val: [number, number][];
  bestStep: number | null;
  samples: Sample[];
  checkpoint: Checkpoint;
  parameters: number;
  ended: Ended | null;
}

let counter = 0;

/** What a host widget (a challenge level) can ask of a studio it mounts. */
export interface StudioOptions {
  /** The only text this placement trains on: the text step names it and offers no other. */
  fixedText?: { name: string; note: string; load: (signal: AbortSignal) => Promise<string> };
  /** Settings this placement sets, over the reader's saved ones. */
  preset?: Partial<Settings>;
  /** Settings this placement starts from until the reader changes them (under the saved ones). */
  defaults?: Partial<Settings>;
  /** At each check, also measure the loss on this many characters of the training text. */
  trainChars?: number;
  /** Called after every validation check, and once for a restored run. */
  onCheck?: (check: StudioCheck) => void;
  /** Called whenever the studio's mode changes. */
  onMode?: (mode: Mode) => void;
}

/** The figures of one check, as a challenge scores them. */
export interface StudioCheck {
  step: number;
  valLoss: number;
  /** Loss on the training text (when `trainChars` was asked for; null for a restored run). */
  trainLoss: number | null;
  trainedS: number;
  chars: number;
  settings: Settings;
  ended: Ended | null;
}

/** What a host can do with the studio's model. */
export interface StudioHandle {
  /** The run's model on another text: mean nats per character over `chars` predictions. */
  score(text: string): Promise<{ nats: number; chars: number; outside: number; step: number; model: { cell: string; layers: number; hidden: number } }>;
  sample(seed: string, length: number, temperature: number, rngSeed: number): Promise<string>;
  /** The run now: whether a model exists and can be used (not while training). */
  state(): { mode: Mode; usable: boolean; settings: Settings; trainedS: number; step: number; chars: number; textName: string | null };
}

export async function render(el: HTMLElement, ctx: MountContext): Promise<void> {
  await mountStudio(el, ctx, { preset: presetFromPage(el) });
}

export async function mountStudio(el: HTMLElement, { signal }: MountContext, options: StudioOptions = {}): Promise<StudioHandle> {
  adoptCss(LINEPLOT_CSS);
  adoptCss(css);
  const uid = `rnn-ts-${++counter}`;
  const slot = el.dataset.slot || "studio";
  const settingsKey = `training-studio:${slot}:settings`;
  const runKey = `run:${slot}`;
  let settings = restoreSettings({ ...options.defaults, ...load<object>(settingsKey, {}), ...options.preset });
  el.classList.add("rnn-ts");
  el.innerHTML = studioMarkup(uid, settings, el.dataset.heading || "Training studio", options.fixedText?.note);
  const $ = finder(el);
  const status = $("[data-role='status']");
  const saveLine = $("[data-role='save']");

  let mode: Mode = "idle";
  let prepared: Prepared | null = null;
  /** The Python session's name: a new one per prepared text, so a worker holding another is noticed. */
  let key = "";
  let run = freshRun();
  let stopRequested: Ended | null = null;
  let pauseRequested = false;
  let current: AbortController | null = null;
  let saving: "ok" | "off" = "ok";
  /** A model file loaded in step 4 (base64, as Python reads it), instead of a run. */
  let loadedModel: { name: string; data: string } | null = null;

  function freshRun() {
    return {
      trainedS: 0, records: [] as StepRecord[], slices: [] as { seconds: number; chars: number }[], val: [] as [number, number][],
      bestStep: null as number | null, samples: [] as Sample[], checkpoint: null as Checkpoint | null, parameters: 0,
      memory: 0, heap: null as number | null, ended: null as Ended | null, lastSave: 0, started: false,
    };
  }

  // ---- Python calls: each rebuilds the session first if this worker lost it (a restart).

  async function call<T>(expr: (k: string) => string, timeLimitS = 120): Promise<T> {
    const ctl = new AbortController();
    current = ctl;
    const onLeave = () => ctl.abort();
    signal.addEventListener("abort", onLeave, { once: true });
    try {
      try {
        return await studioCall<T>(expr(key), { signal: ctl.signal, timeLimitS });
      } catch (err) {
        if (!(err instanceof StudioPythonError && err.message.includes("session-lost"))) throw err;
        await rebuild(ctl.signal);
        return await studioCall<T>(expr(key), { signal: ctl.signal, timeLimitS });
      }
    } finally {
      signal.removeEventListener("abort", onLeave);
      if (current === ctl) current = null;
    }
  }

  /** Give a fresh worker the text again and the run's last checkpoint (or a new model). */
  async function rebuild(s: AbortSignal): Promise<void> {
    if (loadedModel) {
      await studioCall(`load_model(${pyStr(key)}, ${pyStr(loadedModel.data)})`, { signal: s });
      return;
    }
    if (!prepared) throw new Error("no text is prepared");
    await studioCall(`prepare(${pyStr(prepared.text)}, ${pyStr(key)})`, { signal: s, timeLimitS: 120 });
    if (run.checkpoint) {
      const c = run.checkpoint;
      await studioCall(`resume(${pyStr(key)}, ${pyStr(c.data)}, ${pyValue(c.extra)})`, { signal: s });
    } else if (run.started) {
      await studioCall(`start(${pyStr(key)}, ${pyValue(trainerConfig(settings))})`, { signal: s });
    }
  }

  // ---- Step 1: the text.

  // A placement with a fixed text offers no choice of text: no list to fetch, no panes.
  const corpusSelect = el.querySelector<HTMLSelectElement>("[data-role='corpus']");
  let corpora: CorpusChoice[] = [];
  if (corpusSelect) listCorpora(corpusSelect);

  function listCorpora(select: HTMLSelectElement): void {
    void fetch(new URL("data/studio/corpora.json", siteRoot()), { signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((j: { corpora: CorpusChoice[] }) => {
        corpora = j.corpora;
        select.innerHTML = corpora
          .map((c) => `<option value="${c.id}">${c.id}: ${c.what} (${formatBytes(c.bytes)})</option>`).join("");
        describeCorpus();
      })
      .catch((err) => {
        if (signal.aborted) return;
        select.innerHTML = `<option value="">The list did not load</option>`;
        $("[data-role='corpus-note']").textContent = `Our texts could not be listed (${describeError(err)}); paste or upload a text instead.`;
      });
    select.addEventListener("change", describeCorpus, { signal });
    el.querySelectorAll<HTMLInputElement>("[data-source]").forEach((r) =>
      r.addEventListener("change", () => {
        for (const pane of el.querySelectorAll<HTMLElement>("[data-pane]")) pane.hidden = pane.dataset.pane !== source();
      }, { signal }));
  }

  function describeCorpus(): void {
    const c = corpora.find((x) => x.id === corpusSelect?.value);
    const note = $("[data-role='corpus-note']");
    note.replaceChildren();
    if (!c) return;
    note.append(`${c.characters.toLocaleString("en")} characters, ${c.distinct} distinct. Licence: ${c.licence}`);
    for (const f of c.licence_files) {
      note.append(" (", h("a", "", f.replace("LICENSES/", ""), { href: new URL(`data/studio/${f}`, siteRoot()).href }), ")");
    }
    note.append(".");
  }

  const source = (): string => el.querySelector<HTMLInputElement>(`input[name='${uid}-source']:checked`)?.value ?? "ours";

  const problem = (text: string) => {
    $("[data-role='text-problem']").textContent = text;
  };

  async function readChosenText(): Promise<{ name: string; text: string } | null> {
    if (options.fixedText) {
      try {
        return { name: options.fixedText.name, text: await options.fixedText.load(signal) };
      } catch (err) {
        return problem(`The text did not download (${describeError(err)}). Try again.`), null;
      }
    }
    const which = source();
    if (which === "paste") {
      const c = checkText($<HTMLTextAreaElement>("[data-role='paste']").value);
      if (!c.ok) return problem(c.reason), null;
      return { name: "your pasted text", text: c.text };
    }
    if (which === "upload") {
      const file = $<HTMLInputElement>("[data-role='file']").files?.[0];
      if (!file) return problem("Choose a file first."), null;
      // Refused before reading: a 100 MB file is never loaded into the page.
      if (file.size > MAX_TEXT_BYTES) return problem(`${file.name}: ${tooBig(file.size)}`), null;
      const c = decodeUpload(new Uint8Array(await file.arrayBuffer()), file.name);
      if (!c.ok) return problem(c.reason), null;
      return { name: file.name, text: c.text };
    }
    const c = corpora.find((x) => x.id === corpusSelect?.value);
    if (!c) return problem("Our texts are not listed yet; paste or upload a text instead."), null;
    const r = await fetch(new URL(`data/studio/${c.file}`, siteRoot()), { signal });
    if (!r.ok) return problem(`The text ${c.id} did not download (HTTP ${r.status}). Try again, or paste a text.`), null;
    return { name: `${c.id} (our excerpt)`, text: await r.text() };
  }

  async function prepareText(): Promise<void> {
    if (mode === "training" || mode === "stopping") return;
    problem("");
    const prepareButton = $<HTMLButtonElement>("[data-action='prepare']");
    prepareButton.disabled = true;
    try {
      const chosen = await readChosenText();
      if (!chosen || signal.aborted) return;
      status.textContent = "Reading the text in Python…";
      const k = `${slot}-${textHash(chosen.text)}-${Date.now().toString(36)}`;
      let summary: TextSummary;
      try {
        summary = await studioCall<TextSummary>(`prepare(${pyStr(chosen.text)}, ${pyStr(k)})`, { signal, timeLimitS: 120 });
      } catch (err) {
        if (err instanceof StudioPythonError && err.type === "ValueError") {
          problem(err.message);
          status.textContent = "Read a text first.";
          return;
        }
        throw err;
      }
      key = k;
      loadedModel = null;
      delete el.dataset.loadedModel;
      prepared = { ...chosen, hash: textHash(chosen.text), summary };
      recordEvent({ kind: "data-explored", text: textKind(chosen.name, !!options.fixedText) });
      run = freshRun();
      clearRunView();
      $("[data-role='summary']").innerHTML = summaryMarkup(summary, chosen.name);
      $<HTMLInputElement>("[data-role='seed']").value = seedFrom(chosen.text, summary);
      setMode("prepared");
      status.textContent = "Ready: choose the model, then Start training.";
    } catch (err) {
      if (!signal.aborted) problem(`The text could not be read (${describeError(err)}).`);
    } finally {
      prepareButton.disabled = false;
    }
  }
  $("[data-action='prepare']").addEventListener("click", () => void prepareText(), { signal });

  // ---- Step 2: settings (kept per placement).

  function readSettings(): Settings {
    const raw: Record<string, unknown> = {};
    for (const input of el.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-setting]")) {
      const k = input.dataset.setting!;
      if (input instanceof HTMLInputElement && input.type === "radio") {
        if (input.checked) raw[k] = input.value;
      } else if (input instanceof HTMLInputElement && input.type === "checkbox") raw[k] = input.checked;
      else if (input instanceof HTMLInputElement && input.type === "number") raw[k] = input.value === "" ? undefined : Number(input.value);
      else raw[k] = input.value;
    }
    return restoreSettings(raw);
  }
  const onSettings = () => {
    settings = readSettings();
    const r = save(settingsKey, settings);
    if (!r.ok) saveLine.textContent = r.reason;
    if (run.started) status.textContent = "New settings apply to the next run (the model's size and cell cannot change mid-run); the time, samples and stopping rule apply now.";
  };
  const modelStep = $("[data-step='model']");
  modelStep.addEventListener("change", onSettings, { signal });
  modelStep.addEventListener("input", onSettings, { signal });

  // ---- Step 3: training.

  const buttons = {
    start: $<HTMLButtonElement>("[data-action='start']"),
    pause: $<HTMLButtonElement>("[data-action='pause']"),
    resume: $<HTMLButtonElement>("[data-action='resume']"),
    stop: $<HTMLButtonElement>("[data-action='stop']"),
    early: $<HTMLButtonElement>("[data-action='early-stop']"),
    generate: $<HTMLButtonElement>("[data-action='generate']"),
    download: $<HTMLButtonElement>("[data-action='download']"),
    keep: $<HTMLButtonElement>("[data-action='keep']"),
  };

  function setMode(m: Mode): void {
    mode = m;
    el.dataset.mode = m;
    options.onMode?.(m);
    const busy = m === "training" || m === "stopping";
    buttons.start.disabled = !(m === "prepared" || m === "done" || m === "paused");
    buttons.start.textContent = m === "done" || m === "paused" ? "Start again (new model)" : "Start training";
    buttons.pause.disabled = m !== "training";
    buttons.resume.disabled = m !== "paused";
    buttons.stop.disabled = !(m === "training" || m === "paused");
    buttons.early.disabled = !(m === "training" || m === "paused") || run.bestStep === null;
    const usable = (run.started || loadedModel !== null) && !busy;
    buttons.generate.disabled = !usable;
    buttons.download.disabled = !usable;
    buttons.keep.disabled = !usable;
    $<HTMLButtonElement>("[data-action='prepare']").disabled = busy;
    setState(el, busy ? "running" : "ready");
  }

  const plotBox = $("[data-role='plot']");
  const fit = watchWidth(plotBox, () => drawCurves(), { signal });

  function trainCurve(): [number, number][] {
    return smoothCurve(run.records, 200);
  }

  function drawCurves(): void {
    plotBox.innerHTML = lossChart(trainCurve(), run.val, uid, fit.width());
  }

  function drawFigures(): void {
    const last = run.records.slice(-20);
    const trainLoss = last.length ? last.reduce((a, r) => a + r.loss, 0) / last.length : null;
    const heap = run.heap ? `; the Python worker holds ${formatBytes(run.heap)} in all` : "";
    $("[data-role='figures']").innerHTML = figuresMarkup({
      step: run.records.at(-1)?.step ?? 0,
      trainLoss,
      valLoss: run.val.at(-1)?.[1] ?? null,
      bestStep: run.bestStep,
      charsPerS: charsPerSecond(run.slices),
      left: run.ended ? "finished" : `${formatDuration(secondsLeft(settings.minutes, run.trainedS))} of ${formatDuration(settings.minutes * 60)}`,
      memory: `${formatBytes(run.memory)} for the model, its optimiser and one batch${heap}`,
      parameters: run.parameters,
    });
    el.dataset.step = String(run.records.at(-1)?.step ?? 0);
    const warn = $("[data-role='overfit']");
    const over = overfitting(run.val, trainCurve());
    warn.hidden = !over;
    warn.textContent = over
      ? "Overfitting: the validation loss has risen at the last checks while the training loss kept falling. Stop early to keep the best model."
      : "";
  }

  function drawAll(): void {
    drawCurves();
    drawFigures();
    $("[data-role='table']").innerHTML = lossTable(run.val, trainCurve());
    el.dataset.valChecks = String(run.val.length);
    const list = $("[data-role='samples']");
    list.replaceChildren(...run.samples.slice().reverse().map(sampleItem));
    el.dataset.samples = String(run.samples.length);
  }

  function clearRunView(): void {
    $("[data-role='samples']").replaceChildren();
    $("[data-role='generated']").textContent = "";
    delete el.dataset.ended;
    drawAll();
  }

  async function checkAndSample(): Promise<boolean> {
    const v = await call<{ step: number; loss: number; best_step: number; best_loss: number; stop: boolean; train_loss?: number }>(
      (k) => `validate(${pyStr(k)}, ${VAL_CHARS}, ${options.trainChars ?? 0})`);
    run.val.push([v.step, v.loss]);
    run.bestStep = v.best_step;
    options.onCheck?.({
      step: v.step, valLoss: v.loss, trainLoss: v.train_loss ?? null, trainedS: run.trainedS,
      chars: run.records.at(-1)?.chars ?? 0, settings, ended: run.ended,
    });
    const seed = $<HTMLInputElement>("[data-role='seed']").value || "\n";
    const s = await call<{ text: string }>((k) => `sample(${pyStr(k)}, ${pyStr(seed)}, ${SAMPLE_CHARS}, ${settings.temperature}, ${v.step})`);
    run.samples.push({ step: v.step, seed, temperature: settings.temperature, text: s.text });
    if (run.samples.length > 30) run.samples.shift();
    drawAll();
    return v.stop;
  }

  async function saveCheckpoint(): Promise<void> {
    if (!prepared || !run.started) return;
    const c = await call<Checkpoint>((k) => `checkpoint(${pyStr(k)})`);
    run.checkpoint = c;
    run.lastSave = performance.now();
    const record: SavedRun = {
      version: 1, savedAt: Date.now(), name: prepared.name, text: prepared.text, settings, trainedS: run.trainedS,
      records: thin(run.records), val: run.val, bestStep: run.bestStep, samples: run.samples, checkpoint: c,
      parameters: run.parameters, ended: run.ended,
    };
    const r = await idbPut("studio-runs", runKey, record);
    saving = r.ok ? "ok" : "off";
    el.dataset.save = saving;
    if (r.ok) {
      el.dataset.savedStep = String(c.step);
      saveLine.textContent = `Saved at iteration ${c.step.toLocaleString("en")} (${new Date().toLocaleTimeString()}): closing the tab loses at most ${SAVE_EVERY_MS / 1000} seconds of training.`;
    } else {
      saveLine.textContent = `Saving is off: ${r.reason} Training goes on; download the model to keep it.`;
    }
  }

  /** Train slice by slice until the time is up, a stop or a pause (requests made before it started count). */
  async function trainLoop(): Promise<void> {
    setMode("training");
    try {
      for (;;) {
        if (signal.aborted) return;
        if (pauseRequested) {
          status.textContent = "Paused. Resume carries on from here.";
          await saveCheckpoint();
          setMode("paused");
          return;
        }
        if (stopRequested) break;
        if (secondsLeft(settings.minutes, run.trainedS) <= 0) {
          stopRequested = "budget";
          break;
        }
        const before = run.records.at(-1)?.step ?? 0;
        const t0 = performance.now();
        el.dataset.slice = "running";
        const r = await call<{ records: StepRecord[]; step: number; chars: number; seconds: number; memory_bytes: number; heap_bytes: number | null }>(
          (k) => `train(${pyStr(k)}, ${sliceSeconds()})`).finally(() => delete el.dataset.slice);
        const seconds = countedSeconds((performance.now() - t0) / 1000, r.seconds);
        run.trainedS += seconds;
        run.slices.push({ seconds, chars: r.chars });
        if (run.slices.length > 100) run.slices.shift();
        run.records.push(...r.records);
        if (run.records.length > MAX_RECORDS) run.records = thin(run.records);
        run.memory = r.memory_bytes;
        run.heap = r.heap_bytes;
        status.textContent = `Training: iteration ${r.step.toLocaleString("en")}.`;
        if (Math.floor(r.step / settings.sampleEvery) > Math.floor(before / settings.sampleEvery)) {
          const stop = await checkAndSample();
          if (stop && settings.autoStop) {
            stopRequested = "auto";
            break;
          }
        }
        drawFigures();
        drawCurves();
        if (performance.now() - run.lastSave >= SAVE_EVERY_MS) await saveCheckpoint();
      }
      await finish(stopRequested ?? "stopped");
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof StudioStopped) {
        // The job had to be stopped from outside: the worker may have been replaced, so the run
        // goes on from its last checkpoint next time.
        status.textContent = run.checkpoint
          ? `Stopped. The run can go on from its last checkpoint (iteration ${run.checkpoint.step.toLocaleString("en")}).`
          : "Stopped before its first checkpoint: Start trains a new model.";
        // Python may have been interrupted halfway through an update: drop that session, so the
        // next call rebuilds the run from its last checkpoint rather than from a torn state.
        key = `${key}-after-stop`;
        run.ended = "stopped";
        el.dataset.ended = "stopped";
        el.dataset.stopPath = err.via;
        setMode(run.checkpoint ? "paused" : "prepared");
        return;
      }
      status.textContent = "";
      setState(el, "error", `Training failed (${describeError(err)}). Your last checkpoint is kept; reload the page to go on from it.`);
      mode = "idle";
      el.dataset.mode = "idle";
    }
  }

  async function finish(why: Ended): Promise<void> {
    setMode("stopping");
    if (why === "early" || why === "auto") {
      await call((k) => `use_best(${pyStr(k)})`);
    }
    run.ended = why;
    await checkAndSample();
    recordStudioRun(studioRun(prepared?.name ?? "", { cell: settings.cell, ...SIZES[settings.size], fixed: !!options.fixedText }, run.trainedS, run.records.at(-1), run.val));
    await saveCheckpoint();
    el.dataset.ended = why;
    const best = run.bestStep !== null ? ` The model kept is the one of iteration ${run.bestStep.toLocaleString("en")}.` : "";
    status.textContent = {
      budget: "Finished: the training time is used up.",
      stopped: "Stopped.",
      early: "Stopped early.",
      auto: "Stopped on its own: the validation loss stopped improving.",
    }[why] + (why === "early" || why === "auto" ? best : "");
    setMode("done");
    drawFigures();
  }

  async function startRun(): Promise<void> {
    if (!prepared) return;
    settings = readSettings();
    run = freshRun();
    clearRunView();
    stopRequested = null;
    pauseRequested = false;
    status.textContent = "Building the model…";
    setMode("training");
    try {
      const info = await call<{ parameters: number; memory_bytes: number }>((k) => `start(${pyStr(k)}, ${pyValue(trainerConfig(settings))})`);
      run.started = true;
      run.parameters = info.parameters;
      run.memory = info.memory_bytes;
      run.lastSave = performance.now();
      drawFigures();
    } catch (err) {
      if (signal.aborted) return;
      setMode("prepared");
      if (err instanceof StudioStopped) {
        el.dataset.stopPath = err.via;
        key = `${key}-after-stop`;
        status.textContent = "Stopped while the model was being built.";
      } else {
        status.textContent = `The model could not be built (${describeError(err)}).`;
      }
      return;
    }
    await trainLoop();
  }

  function requestStop(why: Ended): void {
    if (mode === "paused") {
      void finish(why).catch((err) => !signal.aborted && (status.textContent = `Stopping failed (${describeError(err)}).`));
      return;
    }
    if (mode !== "training") return;
    stopRequested = why;
    setMode("stopping");
    status.textContent = "Stopping after this slice of training…";
    // Python runs a slice to its end; one that does not end soon is stopped from outside.
    const ctl = current;
    window.setTimeout(() => {
      if (mode === "stopping" && current === ctl) ctl?.abort();
    }, STOP_GRACE_MS);
  }

  // A sample's Keep button (view.ts sampleItem): into the gallery of Module 10 (lib/samples.ts).
  $("[data-role='samples']").addEventListener("click", (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>("[data-action='keep-sample']");
    const sample = button && run.samples.find((s) => String(s.step) === button.closest("li")?.dataset.step);
    if (!button || !sample) return;
    const r = keepSample(keptSample({
      sample, textName: loadedModel?.name ?? prepared?.name ?? "", fixed: !!options.fixedText,
      model: { cell: settings.cell, ...SIZES[settings.size] }, val: run.val,
    }));
    button.textContent = r.ok ? "Kept" : "Not kept";
    button.setAttribute("aria-label", r.ok ? "Kept: this sample is in your gallery" : "Not kept: saving is off");
    status.textContent = r.message;
  }, { signal });
  buttons.start.addEventListener("click", () => void startRun(), { signal });
  buttons.pause.addEventListener("click", () => {
    pauseRequested = true;
    status.textContent = "Pausing after this slice of training…";
  }, { signal });
  buttons.resume.addEventListener("click", () => {
    stopRequested = null;
    pauseRequested = false;
    void trainLoop();
  }, { signal });
  buttons.stop.addEventListener("click", () => requestStop("stopped"), { signal });
  buttons.early.addEventListener("click", () => requestStop("early"), { signal });

  // ---- Step 4: use the model.

  buttons.generate.addEventListener("click", async () => {
    const out = $("[data-role='generated']");
    const seed = $<HTMLInputElement>("[data-role='seed']").value || "\n";
    const length = Math.max(1, Math.min(2000, Math.round(Number($<HTMLInputElement>("[data-role='length']").value) || 400)));
    const t = Math.max(0, Math.min(2, Number($<HTMLInputElement>("[data-role='gen-temperature']").value) || 0));
    buttons.generate.disabled = true;
    try {
      const s = await call<{ text: string }>((k) => `sample(${pyStr(k)}, ${pyStr(seed)}, ${length}, ${t}, ${Date.now() % 100000})`);
      out.textContent = seed + s.text;
      el.dataset.generated = String(s.text.length);
    } catch (err) {
      if (!signal.aborted) $("[data-role='use-status']").textContent = `Generation failed (${describeError(err)}).`;
    } finally {
      buttons.generate.disabled = false;
    }
  }, { signal });

  buttons.download.addEventListener("click", async () => {
    try {
      const w = await call<{ data: string }>((k) => `export_weights(${pyStr(k)})`);
      downloadBytes(el, `${slot}-${settings.cell}-${run.records.at(-1)?.step ?? 0}.npz`, base64Bytes(w.data));
      $("[data-role='use-status']").textContent = "Downloaded: the weights, the settings and the vocabulary in one .npz file (NumPy's format).";
    } catch (err) {
      if (!signal.aborted) $("[data-role='use-status']").textContent = `The download failed (${describeError(err)}).`;
    }
  }, { signal });

  buttons.keep.addEventListener("click", async () => {
    const say = $("[data-role='use-status']");
    const textName = loadedModel?.name ?? prepared?.name;
    if (!textName) return;
    buttons.keep.disabled = true;
    try {
      const id = ownModelId(textName);
      const out = await call<{ onnx: string; meta: Record<string, unknown> }>(
        (k) => `export_onnx(${pyStr(k)}, ${pyStr(id)}, ${pyStr(`Your model of ${textName}`)}, ${pyStr(textName)})`);
      const r = await keepOwnModel({ id, textName, savedAt: Date.now(), meta: out.meta, onnx: base64Bytes(out.onnx) });
      if (!r.ok) {
        say.textContent = `The model could not be kept: ${r.reason} Download it instead.`;
        return;
      }
      el.dataset.kept = id;
      say.replaceChildren(
        `Kept as ${id}. Pick it in the model menu of the `,
        h("a", "", "Temperature Playground", { href: new URL("modules/04-char-language-modeling/playground/", siteRoot()).href }),
        ` or, for an LSTM, the `,
        h("a", "", "Heatmap Explorer", { href: new URL("modules/05-experiments/live/", siteRoot()).href }),
        ": it runs there like the models we trained.",
      );
    } catch (err) {
      if (!signal.aborted) say.textContent = `The model could not be kept (${describeError(err)}).`;
    } finally {
      buttons.keep.disabled = !(run.started || loadedModel) || mode === "training" || mode === "stopping";
    }
  }, { signal });

  $("[data-action='load-model']").addEventListener("click", async () => {
    const say = $("[data-role='use-status']");
    const file = $<HTMLInputElement>("[data-role='model-file']").files?.[0];
    if (!file) return void (say.textContent = "Choose a model file first.");
    if (mode === "training" || mode === "stopping") return void (say.textContent = "Stop the training first.");
    if (file.size > MAX_MODEL_FILE) return void (say.textContent = `${file.name} is ${formatBytes(file.size)}: no model the studio makes is that large (at most ${formatBytes(MAX_MODEL_FILE)}).`);
    try {
      const data = bytesBase64(new Uint8Array(await file.arrayBuffer()));
      const k = `${slot}-model-${Date.now().toString(36)}`;
      const info = await studioCall<{ config: { cell: string; layers: number; hidden: number }; vocabulary: string[]; parameters: number }>(
        `load_model(${pyStr(k)}, ${pyStr(data)})`, { signal });
      key = k;
      loadedModel = { name: file.name, data };
      prepared = null;
      run = freshRun();
      clearRunView();
      $("[data-role='summary']").replaceChildren();
      setMode("idle");
      el.dataset.loadedModel = file.name;
      say.textContent = `Loaded ${file.name}: a ${info.config.layers}×${info.config.hidden} ${info.config.cell.toUpperCase()} over ${info.vocabulary.length} characters (${info.parameters.toLocaleString("en")} parameters). Generate from it, or keep it for the model pickers.`;
    } catch (err) {
      if (signal.aborted) return;
      say.textContent = err instanceof StudioPythonError && err.type === "ValueError" ? err.message : `The model file could not be read (${describeError(err)}).`;
    }
  }, { signal });

  // ---- A run saved earlier: offer to go on with it.

  const saved = await idbGet<SavedRun>("studio-runs", runKey);
  if (!signal.aborted && saved && saved.version === 1) offerSaved(saved);

  function offerSaved(s: SavedRun): void {
    const box = $("[data-role='saved-run']");
    const when = new Date(s.savedAt).toLocaleString();
    box.replaceChildren(
      `A run on ${s.name} was saved at ${when}, at iteration ${s.checkpoint.step.toLocaleString("en")}. `,
      h("button", "rnn-primary", "Go on with it", { type: "button", "data-action": "restore" }),
      " ",
      h("button", "", "Discard it", { type: "button", "data-action": "discard" }),
    );
    box.hidden = false;
    box.querySelector("[data-action='restore']")!.addEventListener("click", () => void restore(s), { signal });
    box.querySelector("[data-action='discard']")!.addEventListener("click", () => {
      void idbDelete("studio-runs", runKey);
      box.hidden = true;
    }, { signal });
  }

  async function restore(s: SavedRun): Promise<void> {
    const box = $("[data-role='saved-run']");
    box.textContent = "Restoring the saved run…";
    try {
      settings = restoreSettings(s.settings);
      key = `${slot}-${textHash(s.text)}-${Date.now().toString(36)}`;
      const summary = await studioCall<TextSummary>(`prepare(${pyStr(s.text)}, ${pyStr(key)})`, { signal, timeLimitS: 120 });
      prepared = { name: s.name, text: s.text, hash: textHash(s.text), summary };
      run = freshRun();
      Object.assign(run, {
        trainedS: s.trainedS, records: s.records, val: s.val, bestStep: s.bestStep, samples: s.samples, checkpoint: s.checkpoint,
        parameters: s.parameters, ended: s.ended, started: true, lastSave: performance.now(),
      });
      const info = await call<{ memory_bytes: number }>((k) => `resume(${pyStr(k)}, ${pyStr(s.checkpoint.data)}, ${pyValue(s.checkpoint.extra)})`);
      run.memory = info.memory_bytes;
      $("[data-role='summary']").innerHTML = summaryMarkup(summary, s.name);
      $<HTMLInputElement>("[data-role='seed']").value = seedFrom(s.text, summary);
      box.hidden = true;
      el.dataset.restored = String(s.checkpoint.step);
      el.dataset.savedStep = String(s.checkpoint.step);
      drawAll();
      setMode(s.ended && s.ended !== "stopped" ? "done" : "paused");
      const last = s.val.at(-1);
      if (last) {
        options.onCheck?.({ step: last[0], valLoss: last[1], trainLoss: null, trainedS: s.trainedS, chars: s.records.at(-1)?.chars ?? 0, settings, ended: s.ended });
      }
      status.textContent = mode === "paused" ? `Restored at iteration ${s.checkpoint.step.toLocaleString("en")}: Resume trains on from there.` : "Restored a finished run: generate from it, or start a new one.";
    } catch (err) {
      if (!signal.aborted) box.textContent = `The saved run could not be restored (${describeError(err)}).`;
    }
  }

  // Python is only needed once the reader reads a text; its download progress is shown meanwhile.
  const unsubscribe = pyodide().subscribe((st) => {
    if (mode !== "idle") return;
    status.textContent = st.phase === "ready" ? "Python is ready. Read a text first." : describeProgress(st).label;
  });
  // The reader has reached the studio: start Python now, so that reading a text does not wait for it.
  void pyodide().boot().catch(() => {
    // A failed boot is reported by the first call that needs Python, with its reason.
  });
  signal.addEventListener("abort", unsubscribe, { once: true });
  el.dataset.mode = "idle";
  setState(el, "ready");

  return {
    score: (text) => call((k) => `score(${pyStr(k)}, ${pyStr(text)})`, 300),
    sample: async (seed, length, temperature, rngSeed) =>
      (await call<{ text: string }>((k) => `sample(${pyStr(k)}, ${pyStr(seed)}, ${length}, ${temperature}, ${rngSeed})`)).text,
    state: () => ({
      mode, usable: (run.started || loadedModel !== null) && mode !== "training" && mode !== "stopping", settings,
      trainedS: run.trainedS, step: run.records.at(-1)?.step ?? 0, chars: run.records.at(-1)?.chars ?? 0, textName: prepared?.name ?? null,
    }),
  };
}

/** A placement may preset the run (a challenge level): `data-minutes`, `data-size`, `data-cell`. */
function presetFromPage(el: HTMLElement): Partial<Settings> {
  const p: Record<string, unknown> = {};
  if (el.dataset.minutes) p.minutes = Number(el.dataset.minutes);
  if (el.dataset.size) p.size = el.dataset.size;
  if (el.dataset.cell) p.cell = el.dataset.cell;
  return p as Partial<Settings>;
}

/** A seed for samples: the start of the first whole line of the validation text, up to 16 characters. */
function seedFrom(text: string, summary: TextSummary): string {
  const val = text.slice(Math.max(0, text.length - summary.val_chars));
  const nl = val.indexOf("\n");
  const line = nl >= 0 && nl < val.length - 1 ? val.slice(nl + 1) : val;
  return line.slice(0, 16).split("\n")[0] || "\n";
}

/** A file as base64, in pieces (a spread of a few MB of bytes would overflow the call stack). */
function bytesBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of a base64 string (what Python prints for binary data). */
function base64Bytes(b64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** Keep every iteration of a short curve; thin a long one to every k-th (for storage). */
function thin(records: StepRecord[]): StepRecord[] {
  if (records.length <= MAX_RECORDS / 2) return records;
  const k = Math.ceil(records.length / (MAX_RECORDS / 2));
  return records.filter((_, i) => i % k === 0 || i === records.length - 1);
}
