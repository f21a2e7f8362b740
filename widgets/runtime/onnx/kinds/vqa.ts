/**
 * The visual question answerer (meta.json kind vqa, build_models/scenes/vqa_export.py): one ONNX
 * file, model.onnx: image float32 [1,3,64,64] in [0,1], question int64 [1,T] (word ids padded with
 * 0 to T = max_words), length int64 [1] -> logits [1,A], probs [1,A], alpha [1,64]. A job reads
 * the question's words (the page tokenises; a word outside the vocabulary is refused by name) and
 * runs the model once, as coursekit/vqa.py does; tests compare the two.
 */
import * as ort from "onnxruntime-web/wasm";
import { describe, OnnxRuntimeError } from "../errors.ts";
import { exclusive, type Job } from "../jobs.ts";
import type { LoadedModel, Loader } from "../model.ts";
import type { AnswerRequest, AnswerResult, VqaMeta } from "../protocol.ts";

export const KINDS = ["vqa"] as const;
const CELLS = 64, SIZE = 64;

export interface VqaModel extends LoadedModel {
  meta: VqaMeta;
  session: ort.InferenceSession;
}

function invalid(url: string, what: string): OnnxRuntimeError {
  return new OnnxRuntimeError({ code: "meta-invalid", url, message: `The question answerer's description (${url}) is not usable: ${what}. Rebuild it with build_models.scenes.vqa.` });
}

const rec = (x: unknown): Record<string, unknown> => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
const words = (x: unknown): x is string[] => Array.isArray(x) && x.every((w) => typeof w === "string");

export function parseVqaMeta(raw: Record<string, unknown>, url: string, metaUrl: string): VqaMeta {
  if (!words(raw.question_vocabulary)) throw invalid(metaUrl, 'it lacks "question_vocabulary" (a word list)');
  if (!words(raw.answers)) throw invalid(metaUrl, 'it lacks "answers" (a list)');
  if (!Number.isInteger(raw.max_words)) throw invalid(metaUrl, 'it lacks "max_words"');
  return {
    url, metaUrl, id: typeof raw.id === "string" ? raw.id : metaUrl, kind: String(raw.kind),
    vocabulary: raw.question_vocabulary, answers: raw.answers, maxWords: raw.max_words as number, raw,
  };
}

export async function load(raw: Record<string, unknown>, url: string, metaUrl: string, loader: Loader): Promise<VqaModel> {
  const meta = parseVqaMeta(raw, url, metaUrl);
  const fileUrl = new URL("model.onnx", metaUrl).href;
  const b = rec(rec(raw.files)["model.onnx"]).bytes;
  const session = await loader.createSession(await loader.download(fileUrl, Number.isInteger(b) ? (b as number) : null, url), fileUrl);
  const want = ["image", "question", "length"];
  if (want.some((n) => !session.inputNames.includes(n))) {
    await session.release();
    throw invalid(metaUrl, `its model file has inputs (${session.inputNames.join(", ")}), not (${want.join(", ")})`);
  }
  return { meta, session, release: () => session.release() };
}

/** Answer one question about one image. */
export async function answer(job: Job, m: VqaModel, req: AnswerRequest): Promise<AnswerResult> {
  const o = req.options, meta = m.meta;
  const bad = (message: string) => new OnnxRuntimeError({ code: "invalid-request", url: meta.url, message });
  if (!(o.image instanceof Float32Array) || o.image.length !== 3 * SIZE * SIZE) throw bad(`The question answerer reads a 64×64 colour image (${3 * SIZE * SIZE} numbers); it got ${o.image?.length ?? 0}.`);
  if (!o.words.length) throw bad("The question is empty.");
  if (o.words.length > meta.maxWords) throw bad(`The question has ${o.words.length} words; the model reads at most ${meta.maxWords}.`);
  const unknown = o.words.filter((w) => !meta.vocabulary.includes(w));
  if (unknown.length) throw bad(`The model does not know the word${unknown.length > 1 ? "s" : ""} ${unknown.map((w) => `“${w}”`).join(", ")}.`);
  const ids = new BigInt64Array(meta.maxWords);
  o.words.forEach((w, i) => { ids[i] = BigInt(meta.vocabulary.indexOf(w)); });
  const start = performance.now();
  let r: ort.InferenceSession.OnnxValueMapType;
  try {
    r = await exclusive(() => m.session.run({
      image: new ort.Tensor("float32", o.image, [1, 3, SIZE, SIZE]),
      question: new ort.Tensor("int64", ids, [1, meta.maxWords]),
      length: new ort.Tensor("int64", BigInt64Array.of(BigInt(o.words.length)), [1]),
    }));
  } catch (err) {
    throw new OnnxRuntimeError({ code: "inference-failed", url: meta.url, message: `The question answerer failed while running (${describe(err)}). Reload the page to try again.` });
  }
  job.check();
  const probs = (r.probs.data as Float32Array).slice(), alpha = (r.alpha.data as Float32Array).slice(0, CELLS);
  let best = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
  return { answer: meta.answers[best], probs, logits: (r.logits.data as Float32Array).slice(), alpha, elapsedMs: performance.now() - start };
}
