/**
 * The ONNX worker's entry: takes the page's requests, runs each as a job (jobs.ts) on a model
 * loaded by loading.ts, through the module of the model's kind (kinds/), and answers. Whole loops
 * run here, so the page pays one message per request instead of one per step (ORT's own proxy
 * worker costs ~0.2 ms per run, which caps small models: MEASURED.md).
 *
 * Built as /assets/build/widgets/runtime-onnx-worker.js (widgets/build.mjs);
 * ORT's wasm files are self-hosted beside it in /assets/build/ort/.
 */
import { describe, OnnxRuntimeError, type OnnxErrorData } from "./errors.ts";
import { Job, JobCancelled, post } from "./jobs.ts";
import { requireJob } from "./kinds/index.ts";
import { acquire, loadedCount, provideFiles, release, THREADS, WASM_PATHS } from "./loading.ts";
import type { ModelMeta } from "./meta.ts";
import {
  isRequest, primeTransferables, runTransferables, scoreTransferables, rememberTransferables, unreachable, type SpeechMeta, type Request, type TranslatorMeta, type WordLmMeta, type NtmMeta,
} from "./protocol.ts";
import { captionTransferables, type CaptionerMeta } from "./protocol.ts";
import { answerTransferables, type VqaMeta } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

/** Jobs by request id: a cancel message flags its job, whose loop then ends at its next slice. */
const jobs = new Map<number, Job>();

function errorData(err: unknown): OnnxErrorData {
  if (err instanceof OnnxRuntimeError) return err.toData();
  return { code: "inference-failed", message: `The model runtime failed (${describe(err)}). Reload the page to try again.` };
}

async function handle(job: Job, msg: Exclude<Request, { type: "cancel" } | { type: "provide" }>): Promise<void> {
  if (msg.type === "info") {
    post({ type: "info", id: msg.id, info: { threads: THREADS, crossOriginIsolated: self.crossOriginIsolated, wasmPaths: WASM_PATHS, jobs: jobs.size - 1, models: loadedCount() } });
    return;
  }
  const model = await acquire(msg.url, msg.metaUrl, msg.meta);
  try {
    job.check(); // cancelled while its model was downloading
    switch (msg.type) {
      case "load":
        post({ type: "loaded", id: msg.id, meta: model.meta as ModelMeta | TranslatorMeta | WordLmMeta | NtmMeta | SpeechMeta | CaptionerMeta | VqaMeta });
        return;
      case "run": {
        const result = await requireJob(model.meta, "run")(job, model, msg);
        post({ type: "ran", id: msg.id, result }, runTransferables(result));
        return;
      }
      case "prime": {
        const result = await requireJob(model.meta, "prime")(job, model, msg);
        post({ type: "primed", id: msg.id, result }, primeTransferables(result));
        return;
      }
      case "generate": {
        const result = await requireJob(model.meta, "generate")(job, model, msg);
        post({ type: "generated", id: msg.id, result }, [result.ids.buffer]);
        return;
      }
      case "translate": {
        const result = await requireJob(model.meta, "translate")(job, model, msg);
        post({ type: "translated", id: msg.id, result }, [result.states.buffer, result.final.buffer, result.attention.buffer]);
        return;
      }
      case "score": {
        const result = await requireJob(model.meta, "score")(job, model, msg);
        post({ type: "scored", id: msg.id, result }, scoreTransferables(result));
        return;
      }
      case "remember": {
        const result = await requireJob(model.meta, "remember")(job, model, msg);
        post({ type: "remembered", id: msg.id, result }, rememberTransferables(result));
        return;
      }
      case "recognise": {
        const result = await requireJob(model.meta, "recognise")(job, model, msg);
        post({ type: "recognised", id: msg.id, result }, [result.probs.buffer]);
        return;
      }
      case "caption": {
        const result = await requireJob(model.meta, "caption")(job, model, msg);
        post({ type: "captioned", id: msg.id, result }, captionTransferables(result));
        return;
      }
      case "answer": {
        const result = await requireJob(model.meta, "answer")(job, model, msg);
        post({ type: "answered", id: msg.id, result }, answerTransferables(result));
        return;
      }
      default:
        unreachable(msg);
    }
  } finally {
    release(msg.url);
  }
}

self.onmessage = (e: MessageEvent<unknown>) => {
  const msg = e.data;
  if (!isRequest(msg)) {
    console.error("onnx worker: ignored a malformed message", msg);
    return;
  }
  if (msg.type === "cancel") {
    const job = jobs.get(msg.id);
    if (job) job.cancelled = true;
    return;
  }
  if (msg.type === "provide") {
    provideFiles(msg.files);
    return;
  }
  const job = new Job(msg.id);
  jobs.set(msg.id, job);
  handle(job, msg)
    .catch((err: unknown) => {
      if (err instanceof JobCancelled) {
        const partial = job.partial?.();
        post({ type: "cancelled", id: msg.id, partial: partial?.value }, partial?.transfer ?? []);
      } else {
        post({ type: "error", id: msg.id, error: errorData(err) });
      }
    })
    .finally(() => jobs.delete(msg.id));
};
