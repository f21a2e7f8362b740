/**
 * The ONNX worker: owns onnxruntime-web and one InferenceSession per model
 * URL, and runs whole loops (a text, a generation) here, so the page pays one
 * message per request instead of one per step (ORT's own proxy worker costs
 * ~0.2 ms per run, which caps small models: MEASURED.md).
 *
 * Built as /assets/build/widgets/runtime-onnx-worker.js (widgets/build.mjs);
 * ORT's wasm files are self-hosted beside it in /assets/build/ort/.
 */
import * as ort from "onnxruntime-web/wasm";
import { OnnxRuntimeError, type OnnxErrorData } from "./errors.ts";
import { checkSession, parseMeta, type ModelMeta } from "./meta.ts";
import {
  isRequest,
  runTransferables,
  unreachable,
  type CellClamp,
  type GenerateRequest,
  type Request,
  type Response,
  type RnnState,
  type RunRequest,
  type RunResult,
} from "./protocol.ts";
import { checkSamplingOptions, decode, encode, mulberry32, pickNext, vocabIndex } from "./sampling.ts";

declare const self: DedicatedWorkerGlobalScope;

// This file is served from <site>/assets/build/widgets/, the wasm files from <site>/assets/build/ort/:
// resolving against our own URL keeps the site movable under any path prefix. Never a CDN.
const WASM_PATHS = new URL("../ort/", self.location.href).href;
// Threads need SharedArrayBuffer, which only a cross-origin isolated page (COOP/COEP) has.
// Two threads are where MEASURED saw the gain on a 2-core machine; more only add contention.
const THREADS = self.crossOriginIsolated ? Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1)) : 1;
ort.env.wasm.wasmPaths = WASM_PATHS;
ort.env.wasm.numThreads = THREADS;
ort.env.wasm.proxy = false; // we already are the worker
ort.env.logLevel = "error";

/** How often a loop hands back to the event loop: to post a chunk and to notice a cancel. */
const SLICE_MS = 40;

interface Model {
  meta: ModelMeta;
  session: ort.InferenceSession;
  index: Map<string, number>;
}

const models = new Map<string, Promise<Model>>();
const running = new Set<number>();
const cancelled = new Set<number>();
let wasmStarted = false;

function post(msg: Response, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

// ---- loading ---------------------------------------------------------------

/** fetch() with the two ways it fails turned into runtime errors. */
async function fetchOk(url: string, what: string): Promise<globalThis.Response> {
  let res: globalThis.Response;
  try {
    res = await fetch(url, { credentials: "same-origin" });
  } catch (err) {
    throw new OnnxRuntimeError({
      code: "network",
      url,
      message: `Could not load the ${what}: the server did not answer for ${url} (${describe(err)}). Check the connection and reload the page.`,
    });
  }
  if (!res.ok) {
    throw new OnnxRuntimeError({
      code: "model-not-found",
      url,
      status: res.status,
      message:
        `Could not load the ${what}: ${url} answered HTTP ${res.status}${res.status === 404 ? " (not found)" : ""}. ` +
        `The site may have been built without its models (make site), or the address is wrong.`,
    });
  }
  return res;
}

/** The model file's bytes, reporting progress as they arrive (`expected`: meta.json's size, if any). */
async function download(url: string, expected: number | null): Promise<Uint8Array> {
  const res = await fetchOk(url, "model");
  // Content-Length is the compressed size when the server compresses; we then stop trusting it.
  let total: number | null = Number(res.headers.get("Content-Length")) || expected;
  const progress = (loaded: number) => post({ type: "progress", progress: { url, loaded, total } });
  const reader = res.body?.getReader();
  if (!reader) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    progress(bytes.byteLength);
    return bytes;
  }
  const parts: Uint8Array[] = [];
  let loaded = 0;
  let reported = -Infinity;
  progress(0);
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (err) {
      throw new OnnxRuntimeError({ code: "network", url, message: `The download of ${url} broke off (${describe(err)}). Reload the page to try again.` });
    }
    if (chunk.done) break;
    parts.push(chunk.value);
    loaded += chunk.value.byteLength;
    if (total !== null && loaded > total) total = null;
    // About 100 updates per file are plenty for a progress bar.
    if (total === null || loaded - reported >= total / 100) {
      progress(loaded);
      reported = loaded;
    }
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.byteLength;
  }
  // The final report always carries a total, so a bar can reach 100%.
  const totalWasUnknown = total === null;
  total = loaded;
  if (reported !== loaded || totalWasUnknown) progress(loaded);
  return bytes;
}

async function createSession(bytes: Uint8Array, url: string): Promise<ort.InferenceSession> {
  try {
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
    wasmStarted = true;
    return session;
  } catch (err) {
    const detail = describe(err);
    // The wasm backend starts with the first session; onnxruntime-common reports a failed start
    // as "no available backend found". Once it has started, a failure is the model's.
    if (!wasmStarted && /no available backend|initializ|WebAssembly|wasm/i.test(detail) && !/protobuf|model/i.test(detail)) {
      throw new OnnxRuntimeError({
        code: "wasm-failed",
        url: WASM_PATHS,
        message:
          `The model runtime could not start: ONNX Runtime's WebAssembly did not load from ${WASM_PATHS} (${detail}). ` +
          `Reload the page; if this persists, the site was built without its runtime files.`,
      });
    }
    throw new OnnxRuntimeError({
      code: "model-invalid",
      url,
      message: `The model file ${url} is damaged or is not an ONNX model (${detail}). Rebuild the site with its models, then reload.`,
    });
  }
}

/** meta.json first (cheap, and it says what the big download must be), then the model. */
async function loadModel(url: string, metaUrl: string): Promise<Model> {
  const text = await (await fetchOk(metaUrl, "model's description (meta.json)")).text();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new OnnxRuntimeError({
      code: "meta-invalid",
      url: metaUrl,
      message: `The model's description (${metaUrl}) is not valid JSON (${describe(err)}). Rebuild the model with build_models.`,
    });
  }
  const described = parseMeta(raw, metaUrl, url); // fails before a download of many megabytes
  const bytes = await download(url, described.modelBytes);
  if (described.modelBytes !== null && bytes.byteLength !== described.modelBytes) {
    throw new OnnxRuntimeError({
      code: "model-invalid",
      url,
      message:
        `The model file ${url} is damaged: it has ${bytes.byteLength} bytes where its description says ${described.modelBytes} ` +
        `(a download cut short, or files from different builds). Rebuild the site with its models, then reload.`,
    });
  }
  const meta: ModelMeta = { ...described, modelBytes: bytes.byteLength };
  const session = await createSession(bytes, url);
  try {
    checkSession(meta, session.inputMetadata, session.outputMetadata);
  } catch (err) {
    await session.release();
    throw err;
  }
  return { meta, session, index: vocabIndex(meta.vocab) };
}

/**
 * One load per model URL: concurrent requests share it; a failed load is forgotten so a retry
 * starts afresh. `metaUrl` (default: meta.json beside the model) matters only to the first load.
 */
function getModel(url: string, metaUrl?: string): Promise<Model> {
  let p = models.get(url);
  if (!p) {
    p = loadModel(url, metaUrl ?? new URL("meta.json", url).href);
    models.set(url, p);
    p.catch(() => models.delete(url));
  }
  return p;
}

// ---- stepping ----------------------------------------------------------------

// ORT-web's run() awaits between stack allocations in the shared wasm instance, so two runs
// must never interleave (two widgets' loops would corrupt each other): one run at a time.
let tail: Promise<unknown> = Promise.resolve();
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const result = tail.then(fn, fn);
  tail = result.catch(() => undefined);
  return result;
}

const STEP_OUTPUTS = ["logits", "h_out", "c_out"];
const STEP_OUTPUTS_WITH_GATES = [...STEP_OUTPUTS, "gates"];

/** One step: x [1] int64, h, c [L,1,H] → logits [1,V], h_out, c_out [L,1,H] (+ gates [L,G,1,H]). */
async function step(model: Model, token: number, h: ort.Tensor, c: ort.Tensor, gates: boolean): Promise<ort.InferenceSession.ReturnType> {
  const x = new ort.Tensor("int64", BigInt64Array.of(BigInt(token)), [1]);
  try {
    return await exclusive(() => model.session.run({ x, h, c }, gates ? STEP_OUTPUTS_WITH_GATES : STEP_OUTPUTS));
  } catch (err) {
    throw new OnnxRuntimeError({
      code: "inference-failed",
      url: model.meta.url,
      message: `The model failed while running (${describe(err)}). Reload the page to try again.`,
    });
  }
}

function stateTensors(meta: ModelMeta, state?: RnnState): [ort.Tensor, ort.Tensor] {
  const n = meta.layers * meta.hidden;
  const dims = [meta.layers, 1, meta.hidden];
  for (const s of state ? [state.h, state.c] : []) {
    if (!(s instanceof Float32Array) || s.length !== n) {
      throw new OnnxRuntimeError({ code: "invalid-request", url: meta.url, message: `A state for this model holds ${n} numbers per array (${meta.layers}×${meta.hidden}).` });
    }
  }
  return [
    new ort.Tensor("float32", state ? state.h.slice() : new Float32Array(n), dims),
    new ort.Tensor("float32", state ? state.c.slice() : new Float32Array(n), dims),
  ];
}

// Hands control back to the event loop so cancel messages arrive. A MessageChannel task is not
// clamped like nested setTimeout (4 ms); the FIFO lets several loops wait at once.
const channel = new MessageChannel();
const wakeups: (() => void)[] = [];
channel.port1.onmessage = () => wakeups.shift()?.();
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    wakeups.push(resolve);
    channel.port2.postMessage(null);
  });
}

async function runText(req: RunRequest): Promise<void> {
  const model = await getModel(req.url, req.metaUrl);
  const { meta } = model;
  const { ids, positions, skipped } = encode(req.text, model.index, req.unknown);
  const T = ids.length, V = meta.vocab.length, LH = meta.layers * meta.hidden, G = meta.gateCount;
  const want = new Set(req.outputs);
  const logits = want.has("logits") ? new Float32Array(T * V) : undefined; // [T,V]
  const hs = want.has("h") ? new Float32Array(T * LH) : undefined; // [T,L,H]
  const cs = want.has("c") ? new Float32Array(T * LH) : undefined; // [T,L,H]
  const gates = want.has("gates") ? new Float32Array(T * G * LH) : undefined; // [T,L,G,H]
  let [h, c] = stateTensors(meta, req.state);
  const start = performance.now();
  let slice = start;
  for (let t = 0; t < T; t++) {
    const out = await step(model, ids[t], h, c, gates !== undefined);
    h = out.h_out as ort.Tensor;
    c = out.c_out as ort.Tensor;
    // With B = 1, [L,1,H] and [L,G,1,H] are already the row layout we store.
    logits?.set(out.logits.data as Float32Array, t * V);
    hs?.set(h.data as Float32Array, t * LH);
    cs?.set(c.data as Float32Array, t * LH);
    gates?.set(out.gates.data as Float32Array, t * G * LH);
    if (performance.now() - slice > SLICE_MS) {
      await nextTask();
      slice = performance.now();
      if (cancelled.has(req.id)) throw new OnnxRuntimeError({ code: "cancelled", url: req.url, message: "The run was stopped." });
    }
  }
  const result: RunResult = {
    ids, positions, skipped, logits, h: hs, c: cs, gates,
    state: { h: (h.data as Float32Array).slice(), c: (c.data as Float32Array).slice() },
    elapsedMs: performance.now() - start,
  };
  post({ type: "ran", id: req.id, result }, runTransferables(result));
}

/** Why a clamp cannot apply to this model, or null when it can. */
function clampProblem(clamp: CellClamp | undefined, meta: ModelMeta): string | null {
  if (clamp === undefined) return null;
  if (clamp.kind !== "h" && clamp.kind !== "c") return 'the clamp\'s kind must be "h" or "c"';
  if (!Number.isInteger(clamp.layer) || clamp.layer < 0 || clamp.layer >= meta.layers) return `the clamp's layer must be 0 to ${meta.layers - 1}`;
  if (!Number.isInteger(clamp.unit) || clamp.unit < 0 || clamp.unit >= meta.hidden) return `the clamp's unit must be 0 to ${meta.hidden - 1}`;
  if (!Number.isFinite(clamp.value)) return "the clamp's value must be a finite number";
  if (clamp.kind === "c" && !meta.cUsed) return "this model has no cell state c to clamp";
  return null;
}

/** The state after a step, with the clamped cell overwritten (a copy: ORT owns its outputs). */
function clamped(h: ort.Tensor, c: ort.Tensor, clamp: CellClamp | undefined, hidden: number): [ort.Tensor, ort.Tensor] {
  if (!clamp) return [h, c];
  const target = clamp.kind === "h" ? h : c;
  const data = (target.data as Float32Array).slice();
  data[clamp.layer * hidden + clamp.unit] = clamp.value; // [L,1,H] row-major
  const replaced = new ort.Tensor("float32", data, target.dims);
  return clamp.kind === "h" ? [replaced, c] : [h, replaced];
}

async function generate(req: GenerateRequest): Promise<void> {
  const o = req.options;
  const bad =
    checkSamplingOptions(o) ??
    (Number.isInteger(o.length) && o.length >= 0 ? null : "the length must be a whole number ≥ 0") ??
    (Number.isInteger(o.rngSeed) ? null : "the random seed (rngSeed) must be a whole number");
  if (bad) throw new OnnxRuntimeError({ code: "invalid-request", url: req.url, message: `Cannot generate: ${bad}.` });
  const model = await getModel(req.url, req.metaUrl);
  const { vocab, hidden } = model.meta;
  const badClamp = clampProblem(o.clamp, model.meta);
  if (badClamp) throw new OnnxRuntimeError({ code: "invalid-request", url: req.url, message: `Cannot generate: ${badClamp}.` });
  const seed = encode(o.seedText, model.index, o.unknown ?? "error").ids;
  if (seed.length === 0) {
    throw new OnnxRuntimeError({ code: "invalid-request", url: req.url, message: "Cannot generate: the seed text needs at least one character the model knows." });
  }
  const rng = mulberry32(o.rngSeed);
  let [h, c] = stateTensors(model.meta);
  let logits: Float32Array = new Float32Array(0); // [V] after the latest step
  const primeStart = performance.now();
  for (const id of seed) {
    const out = await step(model, id, h, c, false);
    [h, c] = clamped(out.h_out as ort.Tensor, out.c_out as ort.Tensor, o.clamp, hidden);
    logits = out.logits.data as Float32Array;
  }
  const start = performance.now();
  const ids = new Int32Array(o.length);
  let n = 0;
  let sent = 0;
  let slice = start;
  let stopped = false;
  while (n < o.length) {
    ids[n] = pickNext(logits, o, rng);
    n++;
    if (n < o.length) {
      // The last character needs no step: nothing reads its logits.
      const out = await step(model, ids[n - 1], h, c, false);
      [h, c] = clamped(out.h_out as ort.Tensor, out.c_out as ort.Tensor, o.clamp, hidden);
      logits = out.logits.data as Float32Array;
    }
    if (performance.now() - slice > SLICE_MS && n < o.length) {
      post({ type: "chunk", id: req.id, text: decode(ids.subarray(sent, n), vocab) });
      sent = n;
      await nextTask();
      slice = performance.now();
      if (cancelled.has(req.id)) {
        stopped = true;
        break;
      }
    }
  }
  const elapsedMs = performance.now() - start;
  if (n > sent) post({ type: "chunk", id: req.id, text: decode(ids.subarray(sent, n), vocab) });
  const kept = ids.slice(0, n);
  post(
    { type: "generated", id: req.id, result: { text: decode(kept, vocab), ids: kept, cancelled: stopped, primeMs: start - primeStart, elapsedMs } },
    [kept.buffer],
  );
}

// ---- messages --------------------------------------------------------------

function errorData(err: unknown): OnnxErrorData {
  if (err instanceof OnnxRuntimeError) return err.toData();
  return { code: "inference-failed", message: `The model runtime failed (${describe(err)}). Reload the page to try again.` };
}

async function handle(msg: Request): Promise<void> {
  switch (msg.type) {
    case "load": {
      const model = await getModel(msg.url, msg.metaUrl);
      post({ type: "loaded", id: msg.id, meta: model.meta });
      return;
    }
    case "run":
      return runText(msg);
    case "generate":
      return generate(msg);
    case "cancel":
      if (running.has(msg.id)) cancelled.add(msg.id);
      return;
    case "info":
      post({ type: "info", id: msg.id, info: { threads: THREADS, crossOriginIsolated: self.crossOriginIsolated, wasmPaths: WASM_PATHS } });
      return;
    default:
      unreachable(msg);
  }
}

self.onmessage = (e: MessageEvent<unknown>) => {
  const msg = e.data;
  if (!isRequest(msg)) {
    console.error("onnx worker: ignored a malformed message", msg);
    return;
  }
  if (msg.type === "cancel") {
    void handle(msg);
    return;
  }
  running.add(msg.id);
  handle(msg)
    .catch((err: unknown) => post({ type: "error", id: msg.id, error: errorData(err) }))
    .finally(() => {
      running.delete(msg.id);
      cancelled.delete(msg.id);
    });
};
