import type * as ort from "onnxruntime-web/wasm";
import type { ModelMeta } from "./meta.ts";

/** What every kind's loaded model has: the loader keeps it, the worker answers `load` with `meta`. */
export interface LoadedModel {
  meta: { url: string; metaUrl: string; id: string; kind: string; raw: Record<string, unknown> };
  /** Gives back its sessions' memory (the loader's idle release). */
  release(): Promise<void>;
}

/** A loaded character step model (kinds/char-step.ts). */
export interface Model extends LoadedModel {
  meta: ModelMeta;
  session: ort.InferenceSession;
  /** Vocabulary entry → token id. */
  index: Map<string, number>;
}

/** What a kind's `load` may use of the loader: downloads with progress, sessions, its errors. */
export interface Loader {
  /** The bytes of `url` (`expected`: meta.json's size, or null), progress posted under `progressUrl`. */
  download(url: string, expected: number | null, progressUrl?: string): Promise<Uint8Array>;
  createSession(bytes: Uint8Array, url: string): Promise<ort.InferenceSession>;
}
