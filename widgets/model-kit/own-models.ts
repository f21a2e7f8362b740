/**
 * The reader's own models: those the training studio kept (IndexedDB, store "studio-models"), each
 * an ONNX step model with its meta.json, made in the page by widgets/training-studio/onnx_export.py.
 * Pickers that opt in (`fetchModels(keep, { own: true })`) list them after the site's models; the
 * ONNX runtime is handed their files from memory (`provideModelFiles`), so they load through
 * `load(url)` like any model and nothing is fetched or sent anywhere.
 */
import { idbDelete, idbGet, idbKeys, idbPut } from "../lib/idb.ts";
import { siteRoot } from "../lib/site.ts";
import type { SaveResult } from "../lib/storage.ts";
import { provideModelFiles } from "../runtime/onnx/client.ts";
import type { ModelEntry } from "./model-entry.ts";

/** What the studio keeps of a model. */
export interface OwnModel {
  id: string;
  /** What it was trained on, as the studio named the text. */
  textName: string;
  savedAt: number;
  /** meta.json, as onnx_export.meta_for wrote it. */
  meta: Record<string, unknown>;
  onnx: Uint8Array;
}

/** The corpus name own models are listed under. */
export const OWN_CORPUS = "your text";

const STORE = "studio-models";

/** The (never fetched) folder URL an own model is known by in the runtime. */
const folderUrl = (id: string): string => new URL(`own-models/${encodeURIComponent(id)}/`, siteRoot()).href;

/** A model id from the text's name and the time: "yours-names-1205-0942". */
export function ownModelId(textName: string, when = new Date()): string {
  const slug = textName.toLowerCase().replace(/\(.*?\)/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 24) || "text";
  const two = (n: number) => String(n).padStart(2, "0");
  return `yours-${slug}-${two(when.getMonth() + 1)}${two(when.getDate())}-${two(when.getHours())}${two(when.getMinutes())}${two(when.getSeconds())}`;
}

/** Dispatched on window when a model is kept (detail: the OwnModel): open pickers that list own models add it. */
export const OWN_MODEL_KEPT = "rnn:own-model-kept";

export async function keepOwnModel(m: OwnModel): Promise<SaveResult> {
  const r = await idbPut(STORE, m.id, m);
  if (r.ok) window.dispatchEvent(new CustomEvent<OwnModel>(OWN_MODEL_KEPT, { detail: m }));
  return r;
}

export function forgetOwnModel(id: string): Promise<void> {
  return idbDelete(STORE, id);
}

/** The kept models, oldest first (none where storage is unavailable). */
export async function ownModels(): Promise<OwnModel[]> {
  const keys = await idbKeys(STORE);
  const all = await Promise.all(keys.map((k) => idbGet<OwnModel>(STORE, k)));
  return all.filter((m): m is OwnModel => !!m && m.onnx instanceof Uint8Array && typeof m.meta === "object").sort((a, b) => a.savedAt - b.savedAt);
}

const num = (x: unknown, fallback = 0): number => (typeof x === "number" && Number.isFinite(x) ? x : fallback);

/** The picker's entry for an own model (its files handed to the runtime first). */
export function ownEntry(m: OwnModel): ModelEntry {
  const folder = folderUrl(m.id);
  const meta = { ...m.meta, id: m.id };
  provideModelFiles({ [`${folder}meta.json`]: new TextEncoder().encode(JSON.stringify(meta)), [`${folder}model.onnx`]: m.onnx });
  const arch = (m.meta.architecture ?? {}) as Record<string, unknown>;
  const val = (m.meta.validation ?? {}) as Record<string, unknown>;
  return {
    id: m.id,
    kind: String(m.meta.kind),
    corpus: OWN_CORPUS,
    model: `${folder}model.onnx`,
    meta: `${folder}meta.json`,
    layers: num(arch.layers),
    hidden: num(arch.hidden),
    cell: String(arch.cell ?? "lstm"),
    parameters: num(arch.parameters),
    vocab_size: num(arch.vocab_size),
    bytes: m.onnx.byteLength,
    val_loss_nats: num(val.loss_nats, NaN),
    val_bits_per_char: num(val.bits_per_char, NaN),
    weights_dtype: "float32",
    gpu_trained: false,
    files: {},
  };
}

/** Entries for every kept model. */
export async function ownModelEntries(): Promise<ModelEntry[]> {
  return (await ownModels()).map(ownEntry);
}
