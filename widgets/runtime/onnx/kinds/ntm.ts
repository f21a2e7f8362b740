/**
 * A Neural Turing Machine step model (meta.json kind ntm-copy-step, build_models/memory/): one file,
 *   model.onnx  x [1,W+1], h, c [1,H], memory [1,N,M], read [1,M], w_read, w_write [1,N]
 *               -> y (logits) [1,W] and the same state with `_out`
 * The `remember` job feeds the copy task's input (the bits, a delimiter step, then blank steps) one
 * step at a time and keeps every step's outputs, weightings and memory, so the page can replay the
 * heads moving. build_models/memory/export.py's run_onnx is the same loop in Python.
 */
import * as ort from "onnxruntime-web/wasm";
import { describe, OnnxRuntimeError } from "../errors.ts";
import { exclusive, loop, type Job } from "../jobs.ts";
import type { LoadedModel, Loader } from "../model.ts";
import type { NtmMeta, RememberRequest, RememberResult } from "../protocol.ts";
import { copyInput } from "./ntm-input.ts";

export const KINDS = ["ntm-copy-step"] as const;

const STATE = ["h", "c", "memory", "read", "w_read", "w_write"] as const;

export interface Ntm extends LoadedModel {
  meta: NtmMeta;
  session: ort.InferenceSession;
}

function invalid(url: string, what: string): OnnxRuntimeError {
  return new OnnxRuntimeError({ code: "meta-invalid", url, message: `The model's description (${url}) is not usable: ${what}. Rebuild it with build_models.memory.` });
}

const rec = (x: unknown): Record<string, unknown> => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
const positive = (x: unknown): number | null => (Number.isInteger(x) && (x as number) > 0 ? (x as number) : null);

/** The parts of meta.json the loop needs, checked. */
export function parseNtmMeta(raw: Record<string, unknown>, url: string, metaUrl: string): NtmMeta {
  const arch = rec(raw.architecture), task = rec(raw.task), init = rec(raw.initial_state);
  const width = positive(task.width), slots = positive(arch.slots), memWidth = positive(arch.mem_width), hidden = positive(arch.hidden);
  if (width === null || slots === null || memWidth === null || hidden === null) {
    throw invalid(metaUrl, 'it lacks "task.width" or "architecture.slots", "mem_width", "hidden"');
  }
  const slot = init.weighting_slot, memory = init.memory;
  if (!Number.isInteger(slot) || (slot as number) < 0 || (slot as number) >= slots || typeof memory !== "number") {
    throw invalid(metaUrl, 'its "initial_state" is missing or out of range');
  }
  return {
    url, metaUrl,
    id: typeof raw.id === "string" ? raw.id : metaUrl,
    kind: String(raw.kind),
    width, slots, memWidth, hidden,
    trainMaxLen: positive(task.train_max_len) ?? 1,
    initialSlot: slot as number,
    initialMemory: memory,
    raw,
  };
}

export async function load(raw: Record<string, unknown>, url: string, metaUrl: string, loader: Loader): Promise<Ntm> {
  const meta = parseNtmMeta(raw, url, metaUrl);
  const fileUrl = new URL("model.onnx", metaUrl).href;
  const b = rec(rec(raw.files)["model.onnx"]).bytes;
  const bytes = await loader.download(fileUrl, Number.isInteger(b) ? (b as number) : null, url);
  const session = await loader.createSession(bytes, fileUrl);
  const want = ["x", ...STATE];
  if (!want.every((n) => session.inputNames.includes(n)) || !session.outputNames.includes("y")) {
    await session.release();
    throw invalid(metaUrl, `its model file has inputs (${session.inputNames.join(", ")}), not (${want.join(", ")})`);
  }
  return { meta, session, release: () => session.release() };
}

/** Longest sequence the job accepts: far past what any memory here holds, small enough to stay quick. */
export const MAX_LENGTH = 64;

export async function remember(job: Job, m: Ntm, req: RememberRequest): Promise<RememberResult> {
  const { bits } = req.options;
  const { width: W, slots: N, memWidth: M, hidden: H } = m.meta;
  const bad = (message: string) => new OnnxRuntimeError({ code: "invalid-request", url: m.meta.url, message });
  if (!Array.isArray(bits) || bits.length === 0) throw bad("The sequence is empty: add at least one vector to copy.");
  if (bits.length > MAX_LENGTH) throw bad(`A sequence may hold at most ${MAX_LENGTH} vectors; this one has ${bits.length}.`);
  if (!bits.every((row) => Array.isArray(row) && row.length === W)) throw bad(`Each vector must have ${W} bits.`);
  const L = bits.length, T = 2 * L + 1, C = W + 1;
  const x = copyInput(bits, W);
  const w0 = new Float32Array(N);
  w0[m.meta.initialSlot] = 1;
  let state: Record<string, ort.Tensor> = {
    h: new ort.Tensor("float32", new Float32Array(H), [1, H]),
    c: new ort.Tensor("float32", new Float32Array(H), [1, H]),
    memory: new ort.Tensor("float32", new Float32Array(N * M).fill(m.meta.initialMemory), [1, N, M]),
    read: new ort.Tensor("float32", new Float32Array(M), [1, M]),
    w_read: new ort.Tensor("float32", w0.slice(), [1, N]),
    w_write: new ort.Tensor("float32", w0.slice(), [1, N]),
  };
  const y = new Float32Array(T * W), wRead = new Float32Array(T * N), wWrite = new Float32Array(T * N), memory = new Float32Array(T * N * M);
  const fetches = ["y", ...STATE.map((s) => `${s}_out`)];
  job.check();
  await loop(job, T, async (t) => {
    const feeds = { x: new ort.Tensor("float32", x.slice(t * C, (t + 1) * C), [1, C]), ...state };
    let out: ort.InferenceSession.OnnxValueMapType;
    try {
      out = await exclusive(() => m.session.run(feeds, fetches));
    } catch (err) {
      throw new OnnxRuntimeError({ code: "inference-failed", url: m.meta.url, message: `The model ${m.meta.id} failed while running (${describe(err)}). Reload the page to try again.` });
    }
    const o = out as unknown as Record<string, ort.Tensor>;
    state = Object.fromEntries(STATE.map((s) => [s, o[`${s}_out`]]));
    y.set(o.y.data as Float32Array, t * W);
    wRead.set(o.w_read_out.data as Float32Array, t * N);
    wWrite.set(o.w_write_out.data as Float32Array, t * N);
    memory.set(o.memory_out.data as Float32Array, t * N * M);
  });
  return { length: L, steps: T, width: W, slots: N, memWidth: M, y, wRead, wWrite, memory };
}
