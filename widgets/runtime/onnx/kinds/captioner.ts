/**
 * The captioner (meta.json kind captioner, build_models/scenes/): two ONNX files,
 *   encoder.onnx  image float32 [1,3,64,64] -> grid [1,64,C], fmap [1,C,8,8], h, c [1,H], alpha [1,64]
 *   decoder.onnx  word int64 [1], h, c [1,H], grid [1,64,C], weights [1,64]
 *                 -> logits [1,V], h_out, c_out, alpha_next [1,64]
 * A caption runs the encoder once and the decoder word by word, greedy, with the attention modes
 * of coursekit/captioner.py (soft: alpha itself; hard: the top cell; sample: a cell drawn from
 * alpha with mulberry32(seed)). Tests compare the two.
 */
import * as ort from "onnxruntime-web/wasm";
import { describe, OnnxRuntimeError } from "../errors.ts";
import { exclusive, loop, type Job } from "../jobs.ts";
import type { LoadedModel, Loader } from "../model.ts";
import type { CaptionRequest, CaptionResult, CaptionerMeta } from "../protocol.ts";
import { mulberry32 } from "../sampling.ts";

export const KINDS = ["captioner"] as const;
const CELLS = 64;

export interface CaptionerModel extends LoadedModel {
  meta: CaptionerMeta;
  encoder: ort.InferenceSession;
  decoder: ort.InferenceSession;
}

function invalid(url: string, what: string): OnnxRuntimeError {
  return new OnnxRuntimeError({ code: "meta-invalid", url, message: `The captioner's description (${url}) is not usable: ${what}. Rebuild it with build_models.scenes.` });
}

const rec = (x: unknown): Record<string, unknown> => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

export function parseCaptionerMeta(raw: Record<string, unknown>, url: string, metaUrl: string): CaptionerMeta {
  const arch = rec(raw.architecture), dec = rec(raw.decoding), vocab = raw.vocabulary;
  if (!Array.isArray(vocab) || !vocab.every((w) => typeof w === "string")) throw invalid(metaUrl, 'it lacks "vocabulary" (a word list)');
  if (!Number.isInteger(arch.hidden) || !Number.isInteger(arch.channels)) throw invalid(metaUrl, 'it lacks "architecture.hidden" and "channels"');
  const eos = (vocab as string[]).indexOf("</s>"), bos = (vocab as string[]).indexOf("<s>");
  if (eos < 0 || bos < 0) throw invalid(metaUrl, "its vocabulary lacks <s> and </s>");
  return {
    url, metaUrl, id: typeof raw.id === "string" ? raw.id : metaUrl, kind: String(raw.kind),
    vocabulary: vocab as string[], bos, eos,
    hidden: arch.hidden as number, channels: arch.channels as number,
    attention: arch.attention === "hard" ? "hard" : "soft",
    maxWords: Number.isInteger(dec.max_words) ? (dec.max_words as number) : 16,
    raw,
  };
}

const fileBytes = (raw: Record<string, unknown>, f: string): number | null => {
  const b = rec(rec(raw.files)[f]).bytes;
  return Number.isInteger(b) ? (b as number) : null;
};

export async function load(raw: Record<string, unknown>, url: string, metaUrl: string, loader: Loader): Promise<CaptionerModel> {
  const meta = parseCaptionerMeta(raw, url, metaUrl);
  const sessions: ort.InferenceSession[] = [];
  try {
    for (const f of ["encoder.onnx", "decoder.onnx"]) {
      const fileUrl = new URL(f, metaUrl).href;
      sessions.push(await loader.createSession(await loader.download(fileUrl, fileBytes(raw, f), url), fileUrl));
    }
  } catch (err) {
    await Promise.all(sessions.map((s) => s.release()));
    throw err;
  }
  const [encoder, decoder] = sessions;
  const want = ["word", "h", "c", "grid", "weights"];
  if (want.some((n) => !decoder.inputNames.includes(n)) || !encoder.inputNames.includes("image")) {
    await Promise.all(sessions.map((s) => s.release()));
    throw invalid(metaUrl, `its decoder file has inputs (${decoder.inputNames.join(", ")}), not (${want.join(", ")})`);
  }
  return { meta, encoder, decoder, release: async () => { await encoder.release(); await decoder.release(); } };
}

async function runSession(m: CaptionerModel, s: ort.InferenceSession, feeds: Record<string, ort.Tensor>) {
  try {
    return await exclusive(() => s.run(feeds));
  } catch (err) {
    throw new OnnxRuntimeError({ code: "inference-failed", url: m.meta.url, message: `The captioner failed while running (${describe(err)}). Reload the page to try again.` });
  }
}

/** The cell whose running sum of alpha first exceeds u (float64 sums, as coursekit/captioner.pick_cell). */
export function pickCell(alpha: Float32Array, u: number): number {
  let acc = 0;
  for (let i = 0; i < alpha.length; i++) {
    acc += alpha[i];
    if (u < acc) return i;
  }
  return alpha.length - 1;
}

export async function caption(job: Job, m: CaptionerModel, req: CaptionRequest): Promise<CaptionResult> {
  const o = req.options, size = 64;
  if (!(o.image instanceof Float32Array) || o.image.length !== 3 * size * size) {
    throw new OnnxRuntimeError({ code: "invalid-request", url: m.meta.url, message: `The captioner reads a 64×64 colour image (${3 * size * size} numbers); it got ${o.image?.length ?? 0}.` });
  }
  const start = performance.now();
  const enc = await runSession(m, m.encoder, { image: new ort.Tensor("float32", o.image, [1, 3, size, size]) });
  const H = m.meta.hidden, C = m.meta.channels, V = m.meta.vocabulary.length;
  const grid = new ort.Tensor("float32", (enc.grid.data as Float32Array).slice(), [1, CELLS, C]);
  let h = (enc.h.data as Float32Array).slice(), c = (enc.c.data as Float32Array).slice();
  let alpha = (enc.alpha.data as Float32Array).slice();
  const rand = mulberry32(o.seed ?? 1);
  const ids: number[] = [], weights: number[] = [], alphas: number[] = [], probs: number[] = [];
  let word = m.meta.bos;
  const mode = o.mode ?? "soft";
  await loop(job, m.meta.maxWords + 1, async () => {
    let w: Float32Array;
    if (mode === "soft") w = alpha;
    else {
      let cell = 0;
      if (mode === "hard") for (let i = 1; i < CELLS; i++) { if (alpha[i] > alpha[cell]) cell = i; }
      else cell = pickCell(alpha, rand());
      w = new Float32Array(CELLS);
      w[cell] = 1;
    }
    const r = await runSession(m, m.decoder, {
      word: new ort.Tensor("int64", BigInt64Array.of(BigInt(word)), [1]),
      h: new ort.Tensor("float32", h, [1, H]), c: new ort.Tensor("float32", c, [1, H]), grid,
      weights: new ort.Tensor("float32", w, [1, CELLS]),
    });
    const logits = r.logits.data as Float32Array;
    let next = 0, max = -Infinity, sum = 0;
    for (let i = 0; i < V; i++) if (logits[i] > logits[next]) next = i;
    for (let i = 0; i < V; i++) max = Math.max(max, logits[i]);
    for (let i = 0; i < V; i++) sum += Math.exp(logits[i] - max);
    for (let i = 0; i < V; i++) probs.push(Math.exp(logits[i] - max) / sum);
    ids.push(next);
    weights.push(...w);
    alphas.push(...alpha);
    h = (r.h_out.data as Float32Array).slice();
    c = (r.c_out.data as Float32Array).slice();
    alpha = (r.alpha_next.data as Float32Array).slice();
    word = next;
    return next !== m.meta.eos;
  });
  return {
    ids: Int32Array.from(ids), words: ids.filter((i) => i !== m.meta.eos).map((i) => m.meta.vocabulary[i]),
    ended: ids.at(-1) === m.meta.eos,
    weights: Float32Array.from(weights), alphas: Float32Array.from(alphas), probs: Float32Array.from(probs),
    fmap: (enc.fmap.data as Float32Array).slice(), channels: C, elapsedMs: performance.now() - start,
  };
}
