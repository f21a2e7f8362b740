/**
 * A spoken-digit recogniser (meta.json kind speech-frames, build_models/speech/): one file,
 *   model.onnx  frames float32 [1,T,F] (log-mel, the page computes them) -> probs [1,T,10]
 * One run reads every frame (the LSTM steps inside ONNX Runtime's operator) and returns the digit
 * distribution at each; the utterance's answer is the last frame's. The `recognise` job can run the
 * same frames several times and report each run's milliseconds (tests/bench_speech.py).
 */
import * as ort from "onnxruntime-web/wasm";
import { describe, OnnxRuntimeError } from "../errors.ts";
import { exclusive, loop, type Job } from "../jobs.ts";
import type { LoadedModel, Loader } from "../model.ts";
import type { RecogniseRequest, RecogniseResult, SpeechMeta } from "../protocol.ts";

export const KINDS = ["speech-frames"] as const;

/** The exported graph accepts up to this many frames (build_models/speech/export.py). */
export const MAX_FRAMES = 4096;

export interface Speech extends LoadedModel {
  meta: SpeechMeta;
  session: ort.InferenceSession;
}

function invalid(url: string, what: string): OnnxRuntimeError {
  return new OnnxRuntimeError({ code: "meta-invalid", url, message: `The model's description (${url}) is not usable: ${what}. Rebuild it with build_models.speech.` });
}

const rec = (x: unknown): Record<string, unknown> => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

/** The parts of meta.json the runtime needs, checked. */
export function parseSpeechMeta(raw: Record<string, unknown>, url: string, metaUrl: string): SpeechMeta {
  const digits = raw.digits, fe = rec(raw.frontend);
  if (!Array.isArray(digits) || digits.length < 2 || !digits.every((d) => typeof d === "string")) throw invalid(metaUrl, 'it lacks "digits" (a word list)');
  const nMels = fe.n_mels;
  if (!Number.isInteger(nMels) || (nMels as number) < 1) throw invalid(metaUrl, 'it lacks "frontend.n_mels"');
  return { url, metaUrl, id: typeof raw.id === "string" ? raw.id : metaUrl, kind: String(raw.kind), digits: digits as string[], nMels: nMels as number, raw };
}

export async function load(raw: Record<string, unknown>, url: string, metaUrl: string, loader: Loader): Promise<Speech> {
  const meta = parseSpeechMeta(raw, url, metaUrl);
  const fileUrl = new URL("model.onnx", metaUrl).href;
  const b = rec(rec(raw.files)["model.onnx"]).bytes;
  const bytes = await loader.download(fileUrl, Number.isInteger(b) ? (b as number) : null, url);
  const session = await loader.createSession(bytes, fileUrl);
  if (!session.inputNames.includes("frames") || !session.outputNames.includes("probs")) {
    await session.release();
    throw invalid(metaUrl, `its model file has inputs (${session.inputNames.join(", ")}) and outputs (${session.outputNames.join(", ")}), not (frames) and (probs)`);
  }
  return { meta, session, release: () => session.release() };
}

export async function recognise(job: Job, m: Speech, req: RecogniseRequest): Promise<RecogniseResult> {
  const { frames, repeat = 1 } = req.options;
  const F = m.meta.nMels;
  const T = frames.length / F;
  if (!(frames instanceof Float32Array) || !Number.isInteger(T) || T < 1 || T > MAX_FRAMES) {
    throw new OnnxRuntimeError({ code: "invalid-request", url: m.meta.url, message: `The recogniser reads 1 to ${MAX_FRAMES} frames of ${F} mel bands; this input is not that.` });
  }
  const runs = Math.max(1, Math.min(50, Math.floor(repeat)));
  const feeds = { frames: new ort.Tensor("float32", frames, [1, T, F]) };
  const ms: number[] = [];
  let last: ort.Tensor | null = null;
  await loop(job, runs, async () => {
    const t0 = performance.now();
    try {
      last = (await exclusive(() => m.session.run(feeds, ["probs"]))).probs as ort.Tensor;
    } catch (err) {
      throw new OnnxRuntimeError({ code: "inference-failed", url: m.meta.url, message: `The model ${m.meta.id} failed while running (${describe(err)}). Reload the page to try again.` });
    }
    ms.push(performance.now() - t0);
  });
  return { probs: Float32Array.from((last as unknown as ort.Tensor).data as Float32Array), frames: T, ms };
}
