import type * as ort from "onnxruntime-web/wasm";
import type { ModelMeta } from "./meta.ts";

/** A loaded model, as the loader hands it to its kind's module. */
export interface Model {
  meta: ModelMeta;
  session: ort.InferenceSession;
  /** Vocabulary entry → token id. */
  index: Map<string, number>;
}
