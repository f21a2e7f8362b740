/**
 * The translator (meta.json kind seq2seq-gru, build_models/translate/): two ONNX files,
 *   encoder.onnx  src int64 [1,S] -> states [1,S,2H], final [1,2H], init [1,H]
 *   decoder.onnx  y int64 [B], state [B,H], states [B,S,2H], mask [B,S], focus [B,S]
 *                 -> logits [B,V], state_out [B,H], attention [B,S], context [B,2H]
 * A translation reads the English once and runs the decoder step by step, greedy or by beam
 * search, with the rules of build_models/translate/decode.py (tests compare the two).
 */
import * as ort from "onnxruntime-web/wasm";
import { describe, OnnxRuntimeError } from "../errors.ts";
import { exclusive, loop, type Job } from "../jobs.ts";
import type { LoadedModel, Loader } from "../model.ts";
import type { BeamHypothesis, BeamStep, TranslateRequest, TranslateResult, TranslateStep, TranslatorMeta } from "../protocol.ts";
import { mulberry32, sampleIndex } from "../sampling.ts";
import { BOS, detokeniseFrench, EOS, tokeniseEnglish, UNK } from "./seq2seq-tokens.ts";

export const KINDS = ["seq2seq-gru"] as const;

/** Sources longer than this many words are cut (meta.json may say otherwise): the model was
 * trained on at most 12 English words, about 21 tokens, and degrades well before this. */
const DEFAULT_MAX_SOURCE = 40;

export interface Translator extends LoadedModel {
  meta: TranslatorMeta;
  encoder: ort.InferenceSession;
  decoder: ort.InferenceSession;
  sourceIndex: Map<string, number>;
}

function invalid(url: string, what: string): OnnxRuntimeError {
  return new OnnxRuntimeError({ code: "meta-invalid", url, message: `The translator's description (${url}) is not usable: ${what}. Rebuild it with build_models.translate.` });
}

const rec = (x: unknown): Record<string, unknown> => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
const words = (x: unknown): x is string[] => Array.isArray(x) && x.length > 4 && x.every((w) => typeof w === "string");
const fileBytes = (raw: Record<string, unknown>, f: string): number | null => {
  const b = rec(rec(raw.files)[f]).bytes;
  return Number.isInteger(b) ? (b as number) : null;
};

export function parseTranslatorMeta(raw: Record<string, unknown>, url: string, metaUrl: string): TranslatorMeta {
  const vocab = rec(raw.vocabulary), arch = rec(raw.architecture), dec = rec(raw.decoding);
  if (!words(vocab.source) || !words(vocab.target)) throw invalid(metaUrl, 'it lacks "vocabulary.source" and "vocabulary.target" (word lists)');
  if (!Number.isInteger(arch.hidden)) throw invalid(metaUrl, 'it lacks "architecture.hidden"');
  const num = (x: unknown, d: number) => (Number.isInteger(x) && (x as number) > 0 ? (x as number) : d);
  return {
    url, metaUrl,
    id: typeof raw.id === "string" ? raw.id : metaUrl,
    kind: String(raw.kind),
    source: vocab.source, target: vocab.target,
    attention: arch.attention === true,
    hidden: arch.hidden as number,
    maxLen: num(dec.max_len, 24),
    maxSource: num(dec.max_source_tokens, DEFAULT_MAX_SOURCE),
    beam: num(dec.beam, 4),
    raw,
  };
}

export async function load(raw: Record<string, unknown>, url: string, metaUrl: string, loader: Loader): Promise<Translator> {
  const meta = parseTranslatorMeta(raw, url, metaUrl);
  const sessions: ort.InferenceSession[] = [];
  try {
    for (const f of ["encoder.onnx", "decoder.onnx"]) {
      const fileUrl = new URL(f, metaUrl).href;
      const bytes = await loader.download(fileUrl, fileBytes(raw, f), url);
      sessions.push(await loader.createSession(bytes, fileUrl));
    }
  } catch (err) {
    await Promise.all(sessions.map((s) => s.release()));
    throw err;
  }
  const [encoder, decoder] = sessions;
  const want = ["y", "state", "states", "mask", "focus"];
  if (want.some((n) => !decoder.inputNames.includes(n)) || !encoder.inputNames.includes("src")) {
    await Promise.all(sessions.map((s) => s.release()));
    throw invalid(metaUrl, `its decoder file has inputs (${decoder.inputNames.join(", ")}), not (${want.join(", ")})`);
  }
  return {
    meta, encoder, decoder,
    sourceIndex: new Map(meta.source.map((w, i) => [w, i])),
    release: async () => { await encoder.release(); await decoder.release(); },
  };
}

async function runSession(t: Translator, s: ort.InferenceSession, feeds: Record<string, ort.Tensor>) {
  try {
    return await exclusive(() => s.run(feeds));
  } catch (err) {
    throw new OnnxRuntimeError({ code: "inference-failed", url: t.meta.url, message: `The translator failed while running (${describe(err)}). Reload the page to try again.` });
  }
}

const f32 = (data: Float32Array, dims: number[]) => new ort.Tensor("float32", data, dims);
const i64 = (ids: number[]) => new ort.Tensor("int64", BigInt64Array.from(ids.map(BigInt)), [ids.length]);

/** log-softmax of one row of logits (float64 for the sums beam search compares). */
function logSoftmax(logits: Float32Array, offset: number, V: number): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < V; i++) max = Math.max(max, logits[offset + i]);
  let sum = 0;
  for (let i = 0; i < V; i++) sum += Math.exp(logits[offset + i] - max);
  const lse = max + Math.log(sum);
  const out = new Float64Array(V);
  for (let i = 0; i < V; i++) out[i] = logits[offset + i] - lse;
  return out;
}

/** Indices of the k largest values, largest first, ties to the lower index (one pass, no full sort). */
function topIndices(values: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (top.length === k && values[i] <= values[top[k - 1]]) continue;
    let j = top.length < k ? top.length : k - 1;
    top[j] = i;
    while (j > 0 && values[top[j - 1]] < values[i]) {
      top[j] = top[j - 1];
      top[--j] = i;
    }
  }
  return top;
}

function topWords(logp: Float64Array, k: number, target: string[]): { word: string; p: number }[] {
  return topIndices(logp, k).map((i) => ({ word: target[i], p: Math.exp(logp[i]) }));
}

interface Encoded { ids: number[]; sourceWords: string[]; unknown: string[]; truncated: number; states: ort.Tensor; final: ort.Tensor; init: ort.Tensor }

async function encodeSource(t: Translator, text: string): Promise<Encoded> {
  const all = tokeniseEnglish(text);
  if (all.length === 0) {
    throw new OnnxRuntimeError({ code: "invalid-request", url: t.meta.url, message: "There is nothing to translate: type an English sentence." });
  }
  if (!all.some((w) => /[\p{L}\p{N}]/u.test(w))) {
    throw new OnnxRuntimeError({ code: "invalid-request", url: t.meta.url, message: "There are no words to translate, only punctuation or symbols: type an English sentence." });
  }
  const sourceWords = all.slice(0, t.meta.maxSource);
  const ids = sourceWords.map((w) => t.sourceIndex.get(w) ?? UNK);
  const unknown = [...new Set(sourceWords.filter((_, i) => ids[i] === UNK))];
  const src = new ort.Tensor("int64", BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);
  const out = await runSession(t, t.encoder, { src });
  return { ids, sourceWords, unknown, truncated: all.length - sourceWords.length, states: out.states, final: out.final, init: out.init };
}

/** Repeat [1,...] row data n times: [n,...]. */
function tile(data: Float32Array, n: number): Float32Array {
  const out = new Float32Array(data.length * n);
  for (let i = 0; i < n; i++) out.set(data, i * data.length);
  return out;
}

export async function translate(job: Job, t: Translator, req: TranslateRequest): Promise<TranslateResult> {
  const o = req.options;
  const start = performance.now();
  const enc = await encodeSource(t, o.text);
  job.check();
  const S = enc.ids.length, H = t.meta.hidden, V = t.meta.target.length;
  const statesData = enc.states.data as Float32Array; // [1,S,2H]
  const base = {
    sourceWords: enc.sourceWords, unknown: enc.unknown, truncated: enc.truncated,
    states: statesData.slice(), final: (enc.final.data as Float32Array).slice(),
  };
  const step = (ys: number[], state: Float32Array, focus?: Float32Array) => {
    const n = ys.length;
    return runSession(t, t.decoder, {
      y: i64(ys), state: f32(state, [n, H]), states: f32(tile(statesData, n), [n, S, 2 * H]),
      mask: f32(new Float32Array(n * S).fill(1), [n, S]), focus: f32(focus ?? new Float32Array(n * S), [n, S]),
    });
  };
  if (o.strategy === "beam") return { ...base, ...(await beamSearch(job, t, o.beam ?? t.meta.beam, !!o.trace, enc, step)), elapsedMs: performance.now() - start };

  // greedy, with optional hard attention
  const rng = mulberry32(o.seed ?? 1);
  const out: number[] = [], steps: TranslateStep[] = [], rows: number[] = [];
  let y = BOS, state = (enc.init.data as Float32Array).slice(), logProb = 0, ended = false;
  await loop(job, t.meta.maxLen, async () => {
    let r = await step([y], state);
    const soft = (r.attention.data as Float32Array).slice();
    let focus: number | undefined;
    if (o.hard && t.meta.attention) {
      let best = 0;
      for (let i = 1; i < S; i++) if (soft[i] > soft[best]) best = i;
      focus = o.hard === "argmax" ? best : sampleIndex(soft, rng());
      const f = new Float32Array(S);
      f[focus] = 1;
      r = await step([y], state, f);
    }
    const logp = logSoftmax(r.logits.data as Float32Array, 0, V);
    let next = 0;
    for (let i = 1; i < V; i++) if (logp[i] > logp[next]) next = i;
    logProb += logp[next];
    state = (r.state_out.data as Float32Array).slice();
    if (next === EOS) { ended = true; return false; }
    out.push(next);
    rows.push(...soft);
    steps.push({ word: t.meta.target[next], p: Math.exp(logp[next]), top: topWords(logp, o.topK ?? 5, t.meta.target), ...(focus !== undefined ? { focus } : {}) });
    y = next;
  });
  const w = out.map((i) => t.meta.target[i]);
  return {
    ...base, words: w, text: detokeniseFrench(w), attention: Float32Array.from(rows), steps, logProb,
    score: logProb / (out.length + (ended ? 1 : 0) || 1), hitMaxLen: !ended, elapsedMs: performance.now() - start,
  };
}

interface Hyp { ids: number[]; rows: number[]; logProb: number; state: Float32Array }

/** Beam search with decode.py's rule; see its docstring. */
async function beamSearch(
  job: Job, t: Translator, width: number, trace: boolean, enc: Encoded,
  step: (ys: number[], state: Float32Array) => Promise<ort.InferenceSession.ReturnType>,
): Promise<Omit<TranslateResult, "sourceWords" | "unknown" | "truncated" | "states" | "final" | "elapsedMs">> {
  const S = enc.ids.length, H = t.meta.hidden, V = t.meta.target.length, target = t.meta.target;
  let alive: Hyp[] = [{ ids: [], rows: [], logProb: 0, state: (enc.init.data as Float32Array).slice() }];
  const finished: (Hyp & { score: number })[] = [];
  const beamTrace: BeamStep[] = [];
  const show = (h: Hyp, score: number): BeamHypothesis => ({ words: h.ids.map((i) => target[i]), logProb: h.logProb, score });
  await loop(job, t.meta.maxLen, async () => {
    const n = alive.length;
    const r = await step(alive.map((h) => h.ids.at(-1) ?? BOS), Float32Array.from(alive.flatMap((h) => Array.from(h.state))));
    const logits = r.logits.data as Float32Array, att = r.attention.data as Float32Array, st = r.state_out.data as Float32Array;
    // candidates by total log-probability (ties: lowest flat index first); only a hypothesis's own
    // `width` best words can be among the `width` best overall
    const cand: { i: number; tok: number; total: number }[] = [];
    for (let i = 0; i < n; i++) {
      const logp = logSoftmax(logits, i * V, V);
      for (const k of topIndices(logp, width)) cand.push({ i, tok: k, total: alive[i].logProb + logp[k] });
    }
    cand.sort((a, b) => b.total - a.total || a.i * V + a.tok - (b.i * V + b.tok));
    const next: Hyp[] = [];
    for (const c of cand.slice(0, Math.min(width, cand.length))) {
      const h = alive[c.i];
      if (c.tok === EOS) finished.push({ ids: h.ids, rows: h.rows, logProb: c.total, state: h.state, score: c.total / (h.ids.length + 1) });
      else next.push({ ids: [...h.ids, c.tok], rows: [...h.rows, ...att.subarray(c.i * S, (c.i + 1) * S)], logProb: c.total, state: st.slice(c.i * H, (c.i + 1) * H) });
    }
    alive = next;
    if (trace) beamTrace.push({ alive: alive.map((h) => show(h, h.logProb / Math.max(1, h.ids.length))), finished: finished.map((h) => show(h, h.score)) });
    return alive.length > 0 && finished.length < width;
  });
  const pool = finished.length ? finished : alive.map((h) => ({ ...h, score: h.logProb / Math.max(1, h.ids.length) }));
  let best = pool[0];
  for (const h of pool) if (h.score > best.score) best = h;
  const w = best.ids.map((i) => target[i]);
  return {
    words: w, text: detokeniseFrench(w), attention: Float32Array.from(best.rows), steps: w.map((word) => ({ word, p: NaN, top: [] })),
    logProb: best.logProb, score: best.score, hitMaxLen: finished.length === 0, ...(trace ? { beamTrace } : {}),
  };
}
