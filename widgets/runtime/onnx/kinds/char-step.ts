/**
 * The character step model (meta.json kinds char-lstm-step, char-gru-step, char-rnn-step; the
 * contract of DESIGN "Models in pretrained/"): one ONNX run per character,
 * x [1] int64, h, c [L,1,H] → logits [1,V], h_out, c_out [L,1,H] (+ gates [L,G,1,H]).
 * What a text run, a seed read and a generation mean for it. Every loop goes through jobs.ts.
 */
import * as ort from "onnxruntime-web/wasm";
import { describe, OnnxRuntimeError } from "../errors.ts";
import { exclusive, loop, post, type Job } from "../jobs.ts";
import { checkSession, parseMeta, type ModelMeta } from "../meta.ts";
import type { Loader, Model } from "../model.ts";
import type { CellClamp, GenerateRequest, GenerateResult, PrimeRequest, PrimeResult, Primed, RnnState, RunRequest, RunResult } from "../protocol.ts";
import { checkSamplingOptions, decode, encode, mulberry32, pickNext, vocabIndex } from "../sampling.ts";

export const KINDS = ["char-lstm-step", "char-gru-step", "char-rnn-step"] as const;

/** meta.json checked (meta.ts), then the one model file, then its session checked against meta.json. */
export async function load(raw: Record<string, unknown>, url: string, metaUrl: string, loader: Loader): Promise<Model> {
  const described = parseMeta(raw, metaUrl, url);
  const bytes = await loader.download(url, described.modelBytes);
  const meta: ModelMeta = { ...described, modelBytes: bytes.byteLength };
  const session = await loader.createSession(bytes, url);
  try {
    checkSession(meta, session.inputMetadata, session.outputMetadata);
  } catch (err) {
    await session.release();
    throw err;
  }
  return { meta, session, index: vocabIndex(meta.vocab), release: () => session.release() };
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

const copyState = (h: ort.Tensor, c: ort.Tensor): RnnState => ({ h: (h.data as Float32Array).slice(), c: (c.data as Float32Array).slice() });

/** Every step's outputs over a text: logits [T,V], h and c [T,L,H], gates [T,L,G,H], as asked. */
export async function run(job: Job, model: Model, req: RunRequest): Promise<RunResult> {
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
  await loop(job, T, async (t) => {
    const out = await step(model, ids[t], h, c, gates !== undefined);
    h = out.h_out as ort.Tensor;
    c = out.c_out as ort.Tensor;
    // With B = 1, [L,1,H] and [L,G,1,H] are already the row layout we store.
    logits?.set(out.logits.data as Float32Array, t * V);
    hs?.set(h.data as Float32Array, t * LH);
    cs?.set(c.data as Float32Array, t * LH);
    gates?.set(out.gates.data as Float32Array, t * G * LH);
  }, { progress: true });
  return { ids, positions, skipped, logits, h: hs, c: cs, gates, state: copyState(h, c), elapsedMs: performance.now() - start };
}

/** Read a text once and keep only where it ended: the state and the next character's logits. */
export async function prime(job: Job, model: Model, req: PrimeRequest): Promise<PrimeResult> {
  const { ids, skipped } = encode(req.text, model.index, req.unknown);
  const { h, c, logits, elapsedMs } = await feed(job, model, ids, req.state);
  return { state: copyState(h, c), logits: logits.slice(), steps: ids.length, skipped, elapsedMs };
}

/** Feed token ids from `state` (zeros when omitted), with progress; `clamp` holds a cell after every step. */
async function feed(job: Job, model: Model, ids: Int32Array, state?: RnnState, clamp?: CellClamp) {
  let [h, c] = stateTensors(model.meta, state);
  let logits: Float32Array = new Float32Array(model.meta.vocab.length);
  const start = performance.now();
  await loop(job, ids.length, async (t) => {
    const out = await step(model, ids[t], h, c, false);
    [h, c] = clamped(out.h_out as ort.Tensor, out.c_out as ort.Tensor, clamp, model.meta.hidden);
    logits = out.logits.data as Float32Array;
  }, { progress: true });
  return { h, c, logits, elapsedMs: performance.now() - start };
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

/** Why a primed start cannot continue on this model, or null. */
function startProblem(start: Primed | undefined, meta: ModelMeta): string | null {
  if (start === undefined) return null;
  if (!(start.logits instanceof Float32Array) || start.logits.length !== meta.vocab.length) return `the start's logits must hold ${meta.vocab.length} numbers`;
  return null; // the state's sizes are checked by stateTensors
}

/**
 * Generate `length` characters after the seed (or after a primed start), streaming chunks.
 * Cancelled, it ends through jobs.ts with the characters so far (`job.partial`).
 */
export async function generate(job: Job, model: Model, req: GenerateRequest): Promise<GenerateResult> {
  const o = req.options;
  const { vocab, hidden } = model.meta;
  const bad =
    checkSamplingOptions(o) ??
    (Number.isInteger(o.length) && o.length >= 0 ? null : "the length must be a whole number ≥ 0") ??
    (Number.isInteger(o.rngSeed) ? null : "the random seed (rngSeed) must be a whole number") ??
    clampProblem(o.clamp, model.meta) ??
    startProblem(o.start, model.meta);
  if (bad) throw new OnnxRuntimeError({ code: "invalid-request", url: req.url, message: `Cannot generate: ${bad}.` });
  const ids = new Int32Array(o.length);
  let n = 0;
  let sent = 0;
  let primeMs = 0;
  let started = 0;
  const result = (cancelled: boolean): GenerateResult => {
    const kept = ids.slice(0, n);
    return { text: decode(kept, vocab), ids: kept, cancelled, primeMs, elapsedMs: started ? performance.now() - started : 0 };
  };
  const flush = () => {
    if (n > sent) post({ type: "chunk", id: req.id, text: decode(ids.subarray(sent, n), vocab) });
    sent = n;
  };
  job.partial = () => {
    flush();
    const r = result(true);
    return { value: r, transfer: [r.ids.buffer] };
  };
  let h: ort.Tensor, c: ort.Tensor, logits: Float32Array;
  if (o.start) {
    [h, c] = stateTensors(model.meta, o.start.state);
    logits = o.start.logits.slice();
    if (o.clamp) [h, c] = clamped(h, c, o.clamp, hidden);
  } else {
    const seed = encode(o.seedText, model.index, o.unknown ?? "error").ids;
    if (seed.length === 0) {
      throw new OnnxRuntimeError({ code: "invalid-request", url: req.url, message: "Cannot generate: the seed text needs at least one character the model knows." });
    }
    const fed = await feed(job, model, seed, undefined, o.clamp);
    ({ h, c, logits } = fed);
    primeMs = fed.elapsedMs;
  }
  const rng = mulberry32(o.rngSeed);
  started = performance.now();
  await loop(job, o.length, async (i) => {
    ids[i] = pickNext(logits, o, rng);
    n = i + 1;
    // The last character needs no step: nothing reads its logits.
    if (n < o.length) {
      const out = await step(model, ids[i], h, c, false);
      [h, c] = clamped(out.h_out as ort.Tensor, out.c_out as ort.Tensor, o.clamp, hidden);
      logits = out.logits.data as Float32Array;
    }
  }, { onSlice: flush });
  flush();
  return result(false);
}
