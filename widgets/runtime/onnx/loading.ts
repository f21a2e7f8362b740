/**
 * Loading models in the worker: meta.json first (cheap, and it says what the big download must
 * be), then the model file with download progress, then an ONNX Runtime session checked against
 * meta.json and the model's kind. One load per model URL: concurrent requests share it, a failed
 * load is forgotten so a retry starts afresh, and a model no job has used for IDLE_RELEASE_MS is
 * released (a reader who tried five models keeps the memory of one).
 */
import * as ort from "onnxruntime-web/wasm";
import { describe, OnnxRuntimeError } from "./errors.ts";
import { post } from "./jobs.ts";
import { kindOfRaw } from "./kinds/index.ts";
import type { LoadedModel, Loader } from "./model.ts";
import { WORKER_NAMES, type FetchedMeta } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

// This file is served from <site>/assets/build/widgets/, the wasm files from <site>/assets/build/ort/:
// resolving against our own URL keeps the site movable under any path prefix. Never a CDN.
export const WASM_PATHS = new URL("../ort/", self.location.href).href;
// Threads need SharedArrayBuffer, which only a cross-origin isolated page (COOP/COEP) has.
// Two threads are where MEASURED saw the gain on a 2-core machine; more only add contention. The
// client starts the worker for big models under one name, and one for small models under another
// (a thread pool is sized once per wasm instance: client.ts, `laneFor`).
export const THREADS =
  self.crossOriginIsolated && self.name === WORKER_NAMES.threaded ? Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1)) : 1;
ort.env.wasm.wasmPaths = WASM_PATHS;
ort.env.wasm.numThreads = THREADS;
ort.env.wasm.proxy = false; // we already are the worker
ort.env.logLevel = "error";

/** A model unused this long (no job running on it) gives its session's memory back. */
export const IDLE_RELEASE_MS = 5 * 60_000;


let wasmStarted = false;

/** Files the page made (a model trained in the page), by URL: answered here, never fetched. */
const provided = new Map<string, Uint8Array>();

/** Keep the page's files; a model already loaded from one of these URLs is loaded afresh next time. */
export function provideFiles(files: { url: string; bytes: Uint8Array }[]): void {
  for (const f of files) {
    provided.set(f.url, f.bytes);
    const entry = models.get(f.url);
    if (entry && entry.users === 0) models.delete(f.url);
  }
}

/** fetch() with the two ways it fails turned into runtime errors. */
async function fetchOk(url: string, what: string): Promise<globalThis.Response> {
  const mine = provided.get(url);
  if (mine) return new globalThis.Response(mine as Uint8Array<ArrayBuffer>, { headers: { "Content-Length": String(mine.byteLength) } });
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

/**
 * A model file's bytes, reporting progress as they arrive (`expected`: meta.json's size, if any)
 * under `progressUrl` (default `url`: a model of several files reports all under its own URL).
 */
async function download(url: string, expected: number | null, progressUrl = url): Promise<Uint8Array> {
  const res = await fetchOk(url, "model");
  // Content-Length is the compressed size when the server compresses; we then stop trusting it.
  let total: number | null = Number(res.headers.get("Content-Length")) || expected;
  const progress = (loaded: number) => post({ type: "progress", progress: { url: progressUrl, loaded, total } });
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
  if (expected !== null && loaded !== expected) {
    throw new OnnxRuntimeError({
      code: "model-invalid",
      url,
      message:
        `The model file ${url} is damaged: it has ${loaded} bytes where its description says ${expected} ` +
        `(a download cut short, or files from different builds). Rebuild the site with its models, then reload.`,
    });
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

const loader: Loader = { download, createSession };

/**
 * meta.json first (cheap, and it says what the big downloads must be), then the kind loads its
 * files. `given` is meta.json's text as the page read it, used when it is this model's.
 */
async function loadModel(url: string, metaUrl: string, given?: FetchedMeta): Promise<LoadedModel> {
  const text = given?.url === metaUrl ? given.text : await (await fetchOk(metaUrl, "model's description (meta.json)")).text();
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
  // a kind this runtime cannot run fails here, before a download of many megabytes
  return kindOfRaw(raw, metaUrl).load(raw as Record<string, unknown>, url, metaUrl, loader);
}

interface Entry {
  model: Promise<LoadedModel>;
  /** Jobs running on the model now: never released under them. */
  users: number;
  lastUsed: number;
}
const models = new Map<string, Entry>();

/**
 * The model at `url`, loaded once; the caller must `release(url)` when its job ends.
 * `metaUrl` (default: meta.json beside the model) and `given` (its text, read by the page) matter
 * only to the first load.
 */
export function acquire(url: string, metaUrl?: string, given?: FetchedMeta): Promise<LoadedModel> {
  let entry = models.get(url);
  if (!entry) {
    const model = loadModel(url, metaUrl ?? new URL("meta.json", url).href, given);
    entry = { model, users: 0, lastUsed: performance.now() };
    models.set(url, entry);
    const mine = entry;
    model.catch(() => {
      if (models.get(url) === mine) models.delete(url);
    });
  }
  entry.users++;
  return entry.model;
}

export function release(url: string): void {
  const entry = models.get(url);
  if (!entry) return;
  entry.users = Math.max(0, entry.users - 1);
  entry.lastUsed = performance.now();
  scheduleSweep();
}

/** Models loaded or loading now (the runtime's info). */
export const loadedCount = (): number => models.size;

let sweep = 0;
function scheduleSweep(): void {
  if (sweep) return;
  sweep = self.setTimeout(() => {
    sweep = 0;
    const now = performance.now();
    for (const [url, entry] of models) {
      if (entry.users > 0 || now - entry.lastUsed < IDLE_RELEASE_MS) continue;
      models.delete(url);
      void entry.model.then((m) => m.release()).catch(() => undefined);
    }
    if (models.size > 0) scheduleSweep();
  }, IDLE_RELEASE_MS / 5);
}
