/**
 * The ONNX runtime's typed client: what model widgets call. A worker (worker.ts)
 * owns onnxruntime-web and one session per model URL; every call here is one
 * message there, and the whole loop over a text or a generation runs in the
 * worker, off the main thread. Where the page is cross-origin isolated a big
 * model runs in a second worker with two threads (see `laneFor`).
 *
 *   const meta = await load(url, { onProgress: (p) => bar.value = p.loaded / (p.total ?? 1) });
 *   const run = await runText(url, "hello", { outputs: ["h", "gates"] });  // run.h [T,L,H]
 *   const gen = generate(url, { seedText: "The ", length: 400, temperature: 0.8, rngSeed: 1 }, { onChunk: show });
 *   gen.cancel();  // on unmount; (await gen.done).cancelled === true
 *   const read = await prime(url, longSeed, { onProgress, signal });  // read once…
 *   generate(url, { seedText: "", start: read, length: 400, temperature: 1, rngSeed: 1 });  // …start many
 *   generate(url, { ...opts, clamp: { layer: 1, kind: "c", unit: 7, value: 0 } });  // an intervention
 *
 * Failures reject with an OnnxRuntimeError whose `message` a widget can show
 * as it is and whose `code` says what happened (see errors.ts).
 *
 * Model URLs are resolved against the page; a URL ending in "/" means its
 * model.onnx. meta.json is read from beside the model file, unless load() is
 * given another (timelapse checkpoints, pretrained/<id>/timelapse/*.onnx,
 * share their model's pretrained/<id>/meta.json).
 */
import { OnnxRuntimeError, type OnnxErrorData } from "./errors.ts";
import type { ModelMeta } from "./meta.ts";
import {
  isResponse,
  OUTPUT_CHOICES,
  unreachable,
  WORKER_NAMES,
  type GenerateOptions,
  type GenerateResult,
  type JobProgress,
  type PrimeResult,
  type LoadProgress,
  type OutputName,
  type Request,
  type Lane,
  type FetchedMeta,
  type Response,
  type RnnState,
  type RunResult,
  type RuntimeInfo,
  type TranslateOptions,
  type TranslateResult,
  type TranslatorMeta,
  type ScoreOptions,
  type ScoreResult,
  type WordLmMeta,
  type NtmMeta,
  type RememberOptions,
  type RememberResult,
  type SpeechMeta,
  type RecogniseOptions,
  type RecogniseResult,
} from "./protocol.ts";
import type { CaptionerMeta, CaptionOptions, CaptionResult } from "./protocol.ts";
import type { AnswerOptions, AnswerResult, VqaMeta } from "./protocol.ts";
import type { UnknownCharPolicy } from "./sampling.ts";
import { builtWorkerUrl } from "../../lib/worker-url.ts";

export { OnnxRuntimeError, nameChar, type OnnxErrorCode, type OnnxErrorData } from "./errors.ts";
export type { ModelMeta } from "./meta.ts";
export type { CaptionerMeta, CaptionOptions, CaptionResult } from "./protocol.ts";
export type { AnswerOptions, AnswerResult, VqaMeta } from "./protocol.ts";
export type {
  CellClamp, GenerateOptions, GenerateResult, JobProgress, LoadProgress, OutputName, PrimeResult, Primed, RnnState, RunResult, RuntimeInfo,
  BeamHypothesis, BeamStep, TranslateCandidate, TranslateOptions, TranslateResult, TranslateStep, TranslatorMeta,
  ScoreOptions, ScoreResult, WordLmMeta, NtmMeta, RememberOptions, RememberResult,
  SpeechMeta, RecogniseOptions, RecogniseResult,
} from "./protocol.ts";
export { detokeniseFrench, normalise, tokeniseEnglish, tokeniseFrench } from "./kinds/seq2seq-tokens.ts";
// The pure logic, for widgets that show probabilities themselves (and for the browser tests).
export * from "./sampling.ts";

type Settle = {
  resolve(value: never): void;
  reject(err: OnnxRuntimeError): void;
  /** The worker the request went to (none until its lane is known). */
  worker?: Worker;
  /** Cancelled before it was sent: the cancel follows it. */
  cancelled?: boolean;
  onChunk?(text: string): void;
  onProgress?(p: JobProgress): void;
  /** What a cancelled request resolves with when the worker sent no partial result (none: it rejects). */
  cancelledValue?(): unknown;
};

/**
 * Model files (meta.json's `files`, the top-level .onnx ones) of this many bytes or more get two
 * threads. Two threads pay only on big models: on a 2-core machine the shipped models of 2 MB or
 * less ran up to 15 % slower with two threads than with one (one, 7 % faster, was within the
 * noise), the 6 and 11 MB ones 1.4 to 1.9 times faster (make bench, "isolated / not isolated").
 * onnxruntime-web sizes its thread pool once per wasm instance, so each thread count has its own
 * worker, a lane, and a model goes to the lane its files' size calls for. Without cross-origin
 * isolation there are no threads, and one lane.
 */
export const THREADED_FROM_BYTES = 4_000_000;
const workers = new Map<Lane, Worker>();
/** Model URL → its lane, decided once from its meta.json. */
const lanes = new Map<string, Promise<Lane>>();
let nextId = 1;
const pending = new Map<number, Settle>();
const progressListeners = new Map<string, Set<(p: LoadProgress) => void>>();
let cancelledCount = 0;

/**
 * Published on <html> for tests, like the registry's mount counts: requests in flight and jobs
 * that ended cancelled, so a test can see that leaving a page stopped its model work.
 */
function publish(): void {
  if (typeof document === "undefined") return;
  document.documentElement.dataset.onnxPending = String(pending.size);
  document.documentElement.dataset.onnxCancelled = String(cancelledCount);
}

/** Model URL → the meta.json load() was told to use; sent with every later request for that model. */
const metaUrls = new Map<string, string>();

/**
 * The worker is built beside the widgets bundle (<site>/assets/build/widgets/);
 * this module may run from there or from its chunks/ folder, so we find the
 * folder in our own URL rather than assume a depth or a site root.
 */

/** Stop a lane's worker and fail everything waiting on it; the next call starts a fresh one. */
function reset(lane: Lane, error: OnnxErrorData): void {
  const w = workers.get(lane);
  if (!w) return;
  w.terminate();
  workers.delete(lane);
  for (const [id, p] of pending) {
    if (p.worker !== w) continue;
    pending.delete(id);
    p.reject(new OnnxRuntimeError(error));
  }
}

/**
 * meta.json texts read here to choose a lane, by model URL, until the model's first request takes
 * its text to the worker (which would otherwise fetch the file a second time).
 */
const metaTexts = new Map<string, FetchedMeta>();

/**
 * The .onnx files' bytes that meta.json lists at its top level (timelapse checkpoints are
 * elsewhere); a meta.json fetched for it is kept in `metaTexts` for the model's first request.
 */
async function modelBytes(url: string, metaUrl: string): Promise<number> {
  const mine = provided.get(metaUrl);
  const res = mine ? null : await fetch(metaUrl, { credentials: "same-origin" });
  if (res && !res.ok) throw new Error(`HTTP ${res.status}`); // the worker fetches it again and says what is wrong
  const text = res ? await res.text() : new TextDecoder().decode(mine);
  const files = (JSON.parse(text) as { files?: Record<string, { bytes?: unknown }> }).files ?? {};
  if (res) metaTexts.set(url, { url: metaUrl, text });
  return Object.entries(files)
    .filter(([name]) => name.endsWith(".onnx") && !name.includes("/"))
    .reduce((n, [, f]) => n + (Number(f?.bytes) || 0), 0);
}

/**
 * The lane of the model at `url` (described by `metaUrl`, by default the meta.json beside it).
 * A meta.json that cannot be read gives the single lane: the worker then reports what is wrong.
 */
function laneFor(url: string, metaUrl?: string): Promise<Lane> {
  if (!globalThis.crossOriginIsolated) return Promise.resolve("single");
  let lane = lanes.get(url);
  if (!lane) {
    lane = modelBytes(url, metaUrl ?? new URL("meta.json", url).href).then(
      (bytes): Lane => (bytes >= THREADED_FROM_BYTES ? "threaded" : "single"),
      (): Lane => "single",
    );
    lanes.set(url, lane);
  }
  return lane;
}

function receive(msg: Response, lane: Lane): void {
  switch (msg.type) {
    case "progress":
      for (const fn of progressListeners.get(msg.progress.url) ?? []) fn(msg.progress);
      return;
    case "chunk":
      pending.get(msg.id)?.onChunk?.(msg.text);
      return;
    case "job-progress":
      pending.get(msg.id)?.onProgress?.({ done: msg.done, total: msg.total });
      return;
    case "cancelled": {
      cancelledCount++;
      // A generation resolves with what it made (cancelled: true); every other job rejects.
      const p = pending.get(msg.id);
      const value = msg.partial ?? p?.cancelledValue?.();
      if (value !== undefined) return settle(msg.id, value);
      pending.delete(msg.id);
      p?.reject(new OnnxRuntimeError({ code: "cancelled", message: "The run was stopped." }));
      return;
    }
    case "loaded":
      return settle(msg.id, msg.meta);
    case "ran":
    case "primed":
    case "generated":
    case "translated":
    case "scored":
    case "remembered":
    case "captioned":
    case "recognised":
    case "answered":
      return settle(msg.id, msg.result);
    case "info":
      return settle(msg.id, msg.info);
    case "error": {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      p?.reject(new OnnxRuntimeError(msg.error));
      // A wasm that failed to start stays failed in that worker (ORT remembers): start over next time.
      if (msg.error.code === "wasm-failed") reset(lane, msg.error);
      return;
    }
    default:
      unreachable(msg);
  }
}

function settle(id: number, value: unknown): void {
  const p = pending.get(id);
  pending.delete(id);
  p?.resolve(value as never);
}

/** Handle a message, then publish what is left in flight. */
function receiveAndPublish(msg: Response, lane: Lane): void {
  receive(msg, lane);
  publish();
}

function getWorker(lane: Lane): Worker {
  const running = workers.get(lane);
  if (running) return running;
  const url = builtWorkerUrl("runtime-onnx-worker.js");
  // The worker reads its thread count from its name (loading.ts).
  const w = new Worker(url, { type: "module", name: WORKER_NAMES[lane] });
  w.onmessage = (e: MessageEvent<unknown>) => {
    if (isResponse(e.data)) receiveAndPublish(e.data, lane);
    else console.error("onnx client: ignored a malformed message", e.data);
  };
  // A worker script that 404s or throws at start-up reports here, with no request to blame.
  w.onerror = (e: Event) => {
    e.preventDefault();
    const detail = e instanceof ErrorEvent && e.message ? e.message : "its script did not load";
    reset(lane, { code: "worker-failed", url, message: `The model runtime could not start (${detail}). Reload the page to try again.` });
  };
  workers.set(lane, w);
  // A fresh worker (the first, or one after a reset) gets the page's own files again.
  if (provided.size) w.postMessage({ type: "provide", id: 0, files: [...provided].map(([url, bytes]) => ({ url, bytes })) } satisfies Request);
  return w;
}

/** Model files made in this page (the training studio's models), by absolute URL. */
const provided = new Map<string, Uint8Array>();

/**
 * Serve `files` (absolute URL → bytes) to the runtime from memory: a model the reader trained in
 * the page loads through `load(url)` like any other, and nothing is fetched or sent anywhere.
 * Every worker this tab starts gets them; providing a URL again replaces its bytes.
 */
export function provideModelFiles(files: Record<string, Uint8Array>): void {
  const list = Object.entries(files).map(([url, bytes]) => ({ url: new URL(url, pageBase()).href, bytes }));
  for (const f of list) {
    provided.set(f.url, f.bytes);
    lanes.delete(f.url); // a model made again may have another size
    metaTexts.delete(f.url);
  }
  for (const w of workers.values()) w.postMessage({ type: "provide", id: 0, files: list } satisfies Request);
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

type Sendable = WithoutId<Exclude<Request, { type: "cancel" } | { type: "provide" }>>;

/** The lane a request goes to: its model's, or for `info` without a model, the single lane. */
function laneOf(msg: Sendable): Promise<Lane> {
  if (msg.type === "info") return msg.url ? laneFor(msg.url, metaUrls.get(msg.url)) : Promise.resolve("single");
  return laneFor(msg.url, msg.metaUrl);
}

/**
 * Send one request to its model's lane; resolves with the worker's answer to it. Requests for one
 * model reach its worker in the order they were made (they wait on the same lane promise).
 */
function request<T>(msg: Sendable, on: Pick<Settle, "onChunk" | "onProgress" | "cancelledValue"> = {}): { id: number; done: Promise<T> } {
  const id = nextId++;
  const done = new Promise<T>((resolve, reject) => {
    const entry: Settle = { resolve: resolve as (v: never) => void, reject, ...on };
    pending.set(id, entry);
    publish();
    void laneOf(msg).then((lane) => {
      if (pending.get(id) !== entry) return;
      try {
        const w = getWorker(lane);
        entry.worker = w;
        const modelUrl = msg.type === "info" ? undefined : msg.url;
        const meta = modelUrl === undefined ? undefined : metaTexts.get(modelUrl);
        if (modelUrl !== undefined) metaTexts.delete(modelUrl);
        w.postMessage(meta ? { ...msg, id, meta } : { ...msg, id });
        if (entry.cancelled) w.postMessage({ type: "cancel", id } satisfies Request);
      } catch (err) {
        pending.delete(id);
        publish();
        reject(new OnnxRuntimeError({ code: "worker-failed", message: `The model runtime could not start (${String(err)}). Reload the page to try again.` }));
      }
    });
  });
  return { id, done };
}

function cancel(id: number): void {
  const entry = pending.get(id);
  if (!entry) return;
  if (entry.worker) entry.worker.postMessage({ type: "cancel", id } satisfies Request);
  else entry.cancelled = true;
}

/** What relative URLs are relative to: the page (or a worker's script, should one use this client). */
const pageBase = () => (typeof document !== "undefined" ? document.baseURI : self.location.href);

/** Absolute model URL: resolved against the page; a folder URL ("…/names/") means its model.onnx. */
export function resolveModelUrl(modelUrl: string): string {
  const url = new URL(modelUrl, pageBase());
  if (url.pathname.endsWith("/")) url.pathname += "model.onnx";
  return url.href;
}

/** Options of load. */
export interface LoadOptions {
  /** Follows the model file's download: bytes loaded / total (total null while unknown). */
  onProgress?: (p: LoadProgress) => void;
  /** The meta.json describing this model, when it is not beside the model file. */
  metaUrl?: string;
}

/**
 * Load a model (once per URL per tab; concurrent calls share the download):
 * meta.json, checked, then the model file, then a session checked against
 * meta.json. The other calls load on demand too; call this first to show
 * progress and to read the vocabulary and sizes.
 */
export async function load(modelUrl: string, opts: LoadOptions = {}): Promise<ModelMeta> {
  const url = resolveModelUrl(modelUrl);
  if (opts.metaUrl) metaUrls.set(url, new URL(opts.metaUrl, pageBase()).href);
  const listener = opts.onProgress;
  if (listener) {
    if (!progressListeners.has(url)) progressListeners.set(url, new Set());
    progressListeners.get(url)!.add(listener);
  }
  try {
    return await request<ModelMeta>({ type: "load", url, metaUrl: metaUrls.get(url) }).done;
  } finally {
    if (listener) progressListeners.get(url)?.delete(listener);
  }
}

/** A model whose kind loads its own files (a translator, a word model) is named by its meta.json. */
const metaNamedUrl = (metaUrl: string): string => new URL(metaUrl, pageBase()).href;

/** Load a model named by its meta.json, with its files' download progress reported under that URL. Once per URL per tab. */
async function loadByMeta<M>(metaUrl: string, opts: { onProgress?: (p: LoadProgress) => void }): Promise<M> {
  const url = metaNamedUrl(metaUrl);
  const listener = opts.onProgress;
  if (listener) {
    if (!progressListeners.has(url)) progressListeners.set(url, new Set());
    progressListeners.get(url)!.add(listener);
  }
  try {
    return await request<M>({ type: "load", url, metaUrl: url }).done;
  } finally {
    if (listener) progressListeners.get(url)?.delete(listener);
  }
}

/** Load a translator (build_models/translate): its meta.json, then encoder.onnx and decoder.onnx. */
export const loadTranslator = (metaUrl: string, opts: { onProgress?: (p: LoadProgress) => void } = {}): Promise<TranslatorMeta> =>
  loadByMeta<TranslatorMeta>(metaUrl, opts);

/**
 * Translate English with a translator (loaded on demand): greedy or beam search, in the worker.
 * Aborting `signal` cancels it (rejects with code "cancelled").
 */
export function translate(metaUrl: string, options: TranslateOptions, opts: { signal?: AbortSignal } = {}): Promise<TranslateResult> {
  const url = metaNamedUrl(metaUrl);
  return cancellable<TranslateResult>({ type: "translate", url, metaUrl: url, options }, opts);
}

/** A whole-sequence word model is named by its meta.json (model.onnx sits beside it). */
export const loadWordModel = (metaUrl: string, opts: { onProgress?: (p: LoadProgress) => void } = {}): Promise<WordLmMeta> =>
  loadByMeta<WordLmMeta>(metaUrl, opts);

/**
 * Read `options.words` through a word model (loaded on demand) in one pass: the next-word
 * distributions, its states or attention, and the milliseconds of each of `repeat` runs.
 * Aborting `signal` cancels it between runs (rejects with code "cancelled").
 */
export function scoreWords(metaUrl: string, options: ScoreOptions, opts: { signal?: AbortSignal } = {}): Promise<ScoreResult> {
  const url = metaNamedUrl(metaUrl);
  return cancellable<ScoreResult>({ type: "score", url, metaUrl: url, options }, opts);
}

/** A memory model (build_models/memory) is named by its meta.json (model.onnx sits beside it). */
export const loadMemoryModel = (metaUrl: string, opts: { onProgress?: (p: LoadProgress) => void } = {}): Promise<NtmMeta> =>
  loadByMeta<NtmMeta>(metaUrl, opts);

/**
 * Copy `options.bits` through a memory model (loaded on demand), step by step in the worker: every
 * step's outputs, read and write weightings and memory. Aborting `signal` cancels it (rejects with
 * code "cancelled").
 */
export function rememberSequence(metaUrl: string, options: RememberOptions, opts: { signal?: AbortSignal } = {}): Promise<RememberResult> {
  const url = metaNamedUrl(metaUrl);
  return cancellable<RememberResult>({ type: "remember", url, metaUrl: url, options }, opts);
}

/** A spoken-digit recogniser (build_models/speech) is named by its meta.json (model.onnx sits beside it). */
export const loadSpeechModel = (metaUrl: string, opts: { onProgress?: (p: LoadProgress) => void } = {}): Promise<SpeechMeta> =>
  loadByMeta<SpeechMeta>(metaUrl, opts);

/**
 * Read log-mel `options.frames` [T,F] through a recogniser (loaded on demand): the digit
 * distribution after every frame, and the milliseconds of each of `repeat` runs. Aborting `signal`
 * cancels it (rejects with code "cancelled").
 */
export function recogniseFrames(metaUrl: string, options: RecogniseOptions, opts: { signal?: AbortSignal } = {}): Promise<RecogniseResult> {
  const url = metaNamedUrl(metaUrl);
  return cancellable<RecogniseResult>({ type: "recognise", url, metaUrl: url, options }, opts);
}

/** A captioner (build_models/scenes) is named by its meta.json (encoder.onnx and decoder.onnx beside it). */
export const loadCaptioner = (metaUrl: string, opts: { onProgress?: (p: LoadProgress) => void } = {}): Promise<CaptionerMeta> =>
  loadByMeta<CaptionerMeta>(metaUrl, opts);

/**
 * Caption an image with a captioner (loaded on demand): the encoder once, then the decoder word by
 * word in the worker, with soft, hard or sampled attention. Aborting `signal` cancels it (rejects
 * with code "cancelled"). The image's buffer is copied, not moved: the caller keeps it.
 */
export function captionImage(metaUrl: string, options: CaptionOptions, opts: { signal?: AbortSignal } = {}): Promise<CaptionResult> {
  const url = metaNamedUrl(metaUrl);
  return cancellable<CaptionResult>({ type: "caption", url, metaUrl: url, options }, opts);
}

/** A visual question answerer (build_models/scenes/vqa_export.py) is named by its meta.json (model.onnx beside it). */
export const loadVqa = (metaUrl: string, opts: { onProgress?: (p: LoadProgress) => void } = {}): Promise<VqaMeta> =>
  loadByMeta<VqaMeta>(metaUrl, opts);

/**
 * Answer a question (its words, each in the model's vocabulary) about an image with a visual
 * question answerer (loaded on demand). Aborting `signal` cancels it (rejects with code
 * "cancelled"). The image's buffer is copied, not moved.
 */
export function answerQuestion(metaUrl: string, options: AnswerOptions, opts: { signal?: AbortSignal } = {}): Promise<AnswerResult> {
  const url = metaNamedUrl(metaUrl);
  return cancellable<AnswerResult>({ type: "answer", url, metaUrl: url, options }, opts);
}

/** Options of runText. */
export interface RunOptions {
  /** Which per-step outputs to return (default all four; ask only for what you draw). */
  outputs?: OutputName[];
  /** "error" (default) rejects with an unknown-character error naming the first one; "skip" leaves them out. */
  unknown?: UnknownCharPolicy;
  /** Start from this state instead of zeros (e.g. a previous result's `state`). */
  state?: RnnState;
  /** Aborting rejects the run with code "cancelled". */
  signal?: AbortSignal;
  /** Steps done of the text, a few times a second while a long text is read. */
  onProgress?: (p: JobProgress) => void;
}

/** Send `msg`; abort cancels it in the worker (the run then rejects with code "cancelled"). */
async function cancellable<T>(msg: Parameters<typeof request>[0], opts: { signal?: AbortSignal; onProgress?: (p: JobProgress) => void }): Promise<T> {
  if (opts.signal?.aborted) throw new OnnxRuntimeError({ code: "cancelled", message: "The run was stopped." });
  const { id, done } = request<T>(msg, { onProgress: opts.onProgress });
  const onAbort = () => cancel(id);
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    return await done;
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * Feed `text` through the model one character at a time and return every
 * step's outputs: logits [T,V], h and c [T,L,H], gates [T,L,G,H].
 */
export async function runText(modelUrl: string, text: string, opts: RunOptions = {}): Promise<RunResult> {
  const outputs = opts.outputs ?? [...OUTPUT_CHOICES];
  for (const o of outputs) {
    if (!OUTPUT_CHOICES.includes(o)) throw new OnnxRuntimeError({ code: "invalid-request", message: `"${o}" is not an output (choose from ${OUTPUT_CHOICES.join(", ")}).` });
  }
  const url = resolveModelUrl(modelUrl);
  return cancellable<RunResult>({ type: "run", url, metaUrl: metaUrls.get(url), text, outputs, unknown: opts.unknown ?? "error", state: opts.state }, opts);
}

/**
 * Read `text` once and return only where it left the model: the state and the logits for the
 * next character. Cheaper than runText for a long text; its result can start several
 * generations (GenerateOptions.start) or a further read (`state`).
 */
export async function prime(modelUrl: string, text: string, opts: Omit<RunOptions, "outputs"> = {}): Promise<PrimeResult> {
  const url = resolveModelUrl(modelUrl);
  return cancellable<PrimeResult>({ type: "prime", url, metaUrl: metaUrls.get(url), text, unknown: opts.unknown ?? "error", state: opts.state }, opts);
}

/** One step's outputs (batch 1). */
export interface StepResult {
  /** Logits for the next character [V]. */
  logits: Float32Array;
  /** Hidden state after the step [L,H]. */
  h: Float32Array;
  /** Cell state after the step [L,H]. */
  c: Float32Array;
  /** Gate activations [L,G,H] (rows meta.gateNames). */
  gates: Float32Array;
  /** The state to pass to the next step. */
  state: RnnState;
}

/** One step from `state` (zeros when omitted) on a character or a token id. */
export async function step(modelUrl: string, input: string | number, state?: RnnState): Promise<StepResult> {
  let char = input;
  if (typeof input === "number") {
    const meta = await load(modelUrl);
    if (!Number.isInteger(input) || input < 0 || input >= meta.vocab.length) {
      throw new OnnxRuntimeError({ code: "invalid-request", message: `Token ${input} is not in this model's vocabulary of ${meta.vocab.length}.` });
    }
    char = meta.vocab[input];
  }
  if (typeof char !== "string" || Array.from(char).length !== 1) {
    throw new OnnxRuntimeError({ code: "invalid-request", message: "A step takes exactly one character." });
  }
  const r = await runText(modelUrl, char, { state });
  return { logits: r.logits!, h: r.h!, c: r.c!, gates: r.gates!, state: r.state };
}

/** A generation under way. */
export interface Generation {
  /** Resolves when `length` characters are out, or with `cancelled: true` after cancel(). */
  done: Promise<GenerateResult>;
  /** Stop early; `done` then resolves with the characters generated so far. */
  cancel(): void;
}

/**
 * Generate characters after `options.seedText`, streamed to `onChunk` in
 * pieces a few tens of milliseconds apart. Greedy at temperature 0; otherwise
 * seeded (mulberry32 from `rngSeed`), so the same options give the same text.
 */
export function generate(
  modelUrl: string,
  options: GenerateOptions,
  callbacks: { onChunk?: (text: string) => void; onProgress?: (p: JobProgress) => void; signal?: AbortSignal } = {},
): Generation {
  const url = resolveModelUrl(modelUrl);
  // Stopped before its first character (while its model loaded): an empty, cancelled result.
  const nothing = (): GenerateResult => ({ text: "", ids: new Int32Array(0), cancelled: true, primeMs: 0, elapsedMs: 0 });
  const { id, done } = request<GenerateResult>({ type: "generate", url, metaUrl: metaUrls.get(url), options }, { ...callbacks, cancelledValue: nothing });
  const stop = () => cancel(id);
  callbacks.signal?.addEventListener("abort", stop, { once: true });
  if (callbacks.signal?.aborted) stop();
  void done.finally(() => callbacks.signal?.removeEventListener("abort", stop)).catch(() => undefined);
  return { done, cancel: stop };
}

/**
 * What the runtime uses for the model at `modelUrl` (by default, for small models): its worker's
 * threads (2 only for a big model where the page is cross-origin isolated), where its wasm comes
 * from, and that worker's jobs and models.
 */
export function runtimeInfo(modelUrl?: string): Promise<RuntimeInfo> {
  return request<RuntimeInfo>({ type: "info", url: modelUrl === undefined ? undefined : resolveModelUrl(modelUrl) }).done;
}
