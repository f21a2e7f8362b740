/**
 * A whole-sequence word language model (meta.json kind word-lm, build_models/stress/): one file,
 *   model.onnx  tokens int64 [1,T] (<s> first) -> logits [1,T,V] and either states [1,T,H]
 *               (a recurrent model's hidden state) or attention [1,L,heads,T,T] (a Transformer's)
 * One run reads the whole sequence: a recurrent model steps through it inside ONNX Runtime's
 * LSTM/GRU/RNN operator, a Transformer reads every position in one pass. The `score` job can run
 * it several times and report each run's milliseconds (Module 8's speed comparison).
 */
import * as ort from "onnxruntime-web/wasm";
import { describe, OnnxRuntimeError } from "../errors.ts";
import { exclusive, loop, type Job } from "../jobs.ts";
import type { LoadedModel, Loader } from "../model.ts";
import type { ScoreRequest, ScoreResult, WordLmMeta } from "../protocol.ts";

export const KINDS = ["word-lm"] as const;

/** The exported graph accepts sequences up to this length (build_models/stress/export.py). */
export const MAX_TOKENS = 4096;

export interface WordLm extends LoadedModel {
  meta: WordLmMeta;
  session: ort.InferenceSession;
  index: Map<string, number>;
}

function invalid(url: string, what: string): OnnxRuntimeError {
  return new OnnxRuntimeError({ code: "meta-invalid", url, message: `The model's description (${url}) is not usable: ${what}. Rebuild it with build_models.stress.` });
}

const rec = (x: unknown): Record<string, unknown> => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

export function parseWordLmMeta(raw: Record<string, unknown>, url: string, metaUrl: string): WordLmMeta {
  const vocab = raw.vocabulary, arch = rec(raw.architecture);
  if (!Array.isArray(vocab) || vocab.length < 4 || !vocab.every((w) => typeof w === "string")) throw invalid(metaUrl, 'it lacks "vocabulary" (a word list)');
  const cell = arch.cell;
  if (cell !== "rnn" && cell !== "lstm" && cell !== "gru" && cell !== "transformer") throw invalid(metaUrl, '"architecture.cell" is not rnn, lstm, gru or transformer');
  const int = (x: unknown) => (Number.isInteger(x) && (x as number) > 0 ? (x as number) : null);
  const hidden = int(arch.hidden), layers = int(arch.layers) ?? 1, heads = cell === "transformer" ? int(arch.heads) : 0;
  if (hidden === null || heads === null) throw invalid(metaUrl, 'it lacks "architecture.hidden" (or "heads")');
  return {
    url, metaUrl,
    id: typeof raw.id === "string" ? raw.id : metaUrl,
    kind: String(raw.kind),
    vocabulary: vocab as string[],
    cell, hidden, layers, heads,
    raw,
  };
}

export async function load(raw: Record<string, unknown>, url: string, metaUrl: string, loader: Loader): Promise<WordLm> {
  const meta = parseWordLmMeta(raw, url, metaUrl);
  const fileUrl = new URL("model.onnx", metaUrl).href;
  const b = rec(rec(raw.files)["model.onnx"]).bytes;
  const bytes = await loader.download(fileUrl, Number.isInteger(b) ? (b as number) : null, url);
  const session = await loader.createSession(bytes, fileUrl);
  const extra = meta.cell === "transformer" ? "attention" : "states";
  if (!session.inputNames.includes("tokens") || !session.outputNames.includes("logits") || !session.outputNames.includes(extra)) {
    await session.release();
    throw invalid(metaUrl, `its model file has inputs (${session.inputNames.join(", ")}) and outputs (${session.outputNames.join(", ")}), not (tokens) and (logits, ${extra})`);
  }
  return { meta, session, index: new Map(meta.vocabulary.map((w, i) => [w, i])), release: () => session.release() };
}

/** Token ids of `words` with <s> first, or an error that names the words the model does not know. */
export function encodeWords(m: WordLm, words: string[]): number[] {
  const unknown = [...new Set(words.filter((w) => !m.index.has(w)))];
  if (unknown.length) {
    const shown = unknown.slice(0, 5).map((w) => `"${w}"`).join(", ");
    throw new OnnxRuntimeError({
      code: "invalid-request", url: m.meta.url,
      message: `The model ${m.meta.id} knows only its small world's ${m.meta.vocabulary.length} words; ${shown}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""} ${unknown.length === 1 ? "is" : "are"} not among them.`,
    });
  }
  const bos = m.index.get("<s>");
  if (bos === undefined) throw invalid(m.meta.metaUrl, 'its vocabulary lacks "<s>"');
  return [bos, ...words.map((w) => m.index.get(w)!)];
}

/** Softmax of each row of [T,V] logits, in place. */
function softmaxRows(x: Float32Array, V: number): Float32Array {
  for (let o = 0; o < x.length; o += V) {
    let max = -Infinity;
    for (let i = 0; i < V; i++) max = Math.max(max, x[o + i]);
    let sum = 0;
    for (let i = 0; i < V; i++) sum += (x[o + i] = Math.exp(x[o + i] - max));
    for (let i = 0; i < V; i++) x[o + i] /= sum;
  }
  return x;
}

export async function score(job: Job, m: WordLm, req: ScoreRequest): Promise<ScoreResult> {
  const { words, outputs = ["probs"], repeat = 1 } = req.options;
  if (!Array.isArray(words) || words.length + 1 > MAX_TOKENS) {
    throw new OnnxRuntimeError({ code: "invalid-request", url: m.meta.url, message: `A sequence may hold at most ${MAX_TOKENS - 1} words; this one has ${words.length}.` });
  }
  const runs = Math.max(1, Math.min(50, Math.floor(repeat)));
  const ids = encodeWords(m, words);
  const feeds = { tokens: new ort.Tensor("int64", BigInt64Array.from(ids.map(BigInt)), [1, ids.length]) };
  const extra = m.meta.cell === "transformer" ? "attention" : "states";
  // Only what is asked for is fetched: a Transformer's attention at 1,024 tokens is 8 M numbers.
  const fetches = outputs.includes("extra") ? ["logits", extra] : ["logits"];
  const ms: number[] = [];
  let last: ort.InferenceSession.OnnxValueMapType | null = null;
  job.check();
  await loop(job, runs, async () => {
    const t0 = performance.now();
    try {
      last = await exclusive(() => m.session.run(feeds, fetches));
    } catch (err) {
      throw new OnnxRuntimeError({ code: "inference-failed", url: m.meta.url, message: `The model ${m.meta.id} failed while running (${describe(err)}). Reload the page to try again.` });
    }
    ms.push(performance.now() - t0);
  });
  const out = last as unknown as Record<string, ort.Tensor>;
  const result: ScoreResult = { ids: Int32Array.from(ids), ms };
  const V = m.meta.vocabulary.length;
  if (outputs.includes("probs")) result.probs = softmaxRows(Float32Array.from(out.logits.data as Float32Array), V);
  if (outputs.includes("extra")) {
    const data = Float32Array.from(out[extra].data as Float32Array);
    if (extra === "attention") result.attention = data;
    else result.states = data;
  }
  return result;
}
