/**
 * Dispatch on a model's kind (meta.json `kind`): each kind's module says what a text run, a seed
 * read and a generation mean for it. The character step model is the first kind; the next
 * (a translator, a captioner, a Transformer) plug in beside it with a module and a line here.
 */
import { OnnxRuntimeError } from "../errors.ts";
import type { Job } from "../jobs.ts";
import type { ModelMeta } from "../meta.ts";
import type { Model } from "../model.ts";
import type { GenerateRequest, GenerateResult, PrimeRequest, PrimeResult, RunRequest, RunResult } from "../protocol.ts";
import * as charStep from "./char-step.ts";

/** What a kind's module offers; a kind without some job says so through `unsupported`. */
export interface KindModule {
  run(job: Job, model: Model, req: RunRequest): Promise<RunResult>;
  prime(job: Job, model: Model, req: PrimeRequest): Promise<PrimeResult>;
  generate(job: Job, model: Model, req: GenerateRequest): Promise<GenerateResult>;
}

const MODULES: [readonly string[], KindModule][] = [[charStep.KINDS, charStep]];

/** The module that runs `meta`'s kind, or a clear error naming the kinds this site can run. */
export function kindOf(meta: ModelMeta): KindModule {
  for (const [kinds, module] of MODULES) if (kinds.includes(meta.kind)) return module;
  const known = MODULES.flatMap(([k]) => k).join(", ");
  throw new OnnxRuntimeError({
    code: "meta-invalid",
    url: meta.metaUrl,
    message: `The model ${meta.id} is of kind "${meta.kind}", which this site's runtime cannot run (it runs ${known}). Rebuild the site with a matching runtime.`,
  });
}
