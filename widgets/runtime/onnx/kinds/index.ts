/**
 * Dispatch on a model's kind (meta.json `kind`): each kind's module says how its files load and
 * what its jobs mean. The character step model (a text run, a seed read, a generation), the
 * translator (a translation: encoder once, decoder step by step) and the whole-sequence word
 * model (a score: Module 8's RNNs and Transformer); the next plug in beside them with a module
 * and a line here.
 */
import { OnnxRuntimeError } from "../errors.ts";
import type { Job } from "../jobs.ts";
import type { LoadedModel, Loader } from "../model.ts";
import type {
  GenerateRequest, GenerateResult, PrimeRequest, PrimeResult, RunRequest, RunResult, ScoreRequest, ScoreResult,
  TranslateRequest, TranslateResult, RememberRequest, RememberResult, RecogniseRequest, RecogniseResult,
} from "../protocol.ts";
import type { CaptionRequest, CaptionResult } from "../protocol.ts";
import type { AnswerRequest, AnswerResult } from "../protocol.ts";
import * as captioner from "./captioner.ts";
import * as charStep from "./char-step.ts";
import * as seq2seq from "./seq2seq.ts";
import * as wordLm from "./word-lm.ts";
import * as ntm from "./ntm.ts";
import * as speech from "./speech.ts";
import * as vqa from "./vqa.ts";

/**
 * What a kind's module offers: `load`, and the jobs that mean something for it. A job a kind lacks
 * is refused with a sentence (requireJob). Each module's functions take its own model type: the
 * dispatch by kind guarantees they only ever get one of theirs.
 */
export interface KindModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  caption?(job: Job, model: any, req: CaptionRequest): Promise<CaptionResult>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  answer?(job: Job, model: any, req: AnswerRequest): Promise<AnswerResult>;
  KINDS: readonly string[];
  load(raw: Record<string, unknown>, url: string, metaUrl: string, loader: Loader): Promise<LoadedModel>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run?(job: Job, model: any, req: RunRequest): Promise<RunResult>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  prime?(job: Job, model: any, req: PrimeRequest): Promise<PrimeResult>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  generate?(job: Job, model: any, req: GenerateRequest): Promise<GenerateResult>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  translate?(job: Job, model: any, req: TranslateRequest): Promise<TranslateResult>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  score?(job: Job, model: any, req: ScoreRequest): Promise<ScoreResult>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  remember?(job: Job, model: any, req: RememberRequest): Promise<RememberResult>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  recognise?(job: Job, model: any, req: RecogniseRequest): Promise<RecogniseResult>;
}

const MODULES: KindModule[] = [charStep, seq2seq, wordLm, ntm, speech, captioner, vqa];

/** The module of a kind name, or a clear error naming the kinds this site can run. */
function moduleFor(kind: string, id: string, url: string): KindModule {
  for (const module of MODULES) if (module.KINDS.includes(kind)) return module;
  const known = MODULES.flatMap((m) => m.KINDS).join(", ");
  throw new OnnxRuntimeError({
    code: "meta-invalid",
    url,
    message: `The model ${id} is of kind "${kind}", which this site's runtime cannot run (it runs ${known}). Rebuild the site with a matching runtime.`,
  });
}

/** The module that runs a loaded model. */
export const kindOf = (meta: LoadedModel["meta"]): KindModule => moduleFor(meta.kind, meta.id, meta.metaUrl);

/** The module for a parsed meta.json (before anything else is downloaded). Every model we ship names
 * its kind; a hand-made meta.json without one is a character step model. */
export function kindOfRaw(raw: unknown, metaUrl: string): KindModule {
  const r = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const kind = typeof r.kind === "string" && r.kind ? r.kind : "char-lstm-step";
  return moduleFor(kind, typeof r.id === "string" ? r.id : metaUrl, metaUrl);
}

type JobName = "run" | "prime" | "generate" | "translate" | "score" | "remember" | "recognise" | "caption" | "answer";
const WHAT: Record<JobName, string> = {
  caption: "caption an image",
  answer: "answer a question about an image",
  run: "read a text", prime: "read a seed", generate: "generate text", translate: "translate", score: "score a word sequence", remember: "copy a sequence through its memory", recognise: "recognise speech",
};

/** The kind's function for a job, or an error that says this model cannot do it. */
export function requireJob<J extends JobName>(meta: LoadedModel["meta"], job: J): NonNullable<KindModule[J]> {
  const fn = kindOf(meta)[job];
  if (!fn) {
    throw new OnnxRuntimeError({
      code: "invalid-request",
      url: meta.url,
      message: `The model ${meta.id} (kind "${meta.kind}") cannot ${WHAT[job]}.`,
    });
  }
  return fn as NonNullable<KindModule[J]>;
}
