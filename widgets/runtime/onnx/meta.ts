/**
 * `pretrained/<id>/meta.json` (DESIGN "Models in pretrained/", written by
 * build_models/card.py): parsed, checked, and compared with the ONNX session
 * it describes. Pure functions: the worker calls them; they need neither ORT
 * nor the DOM.
 *
 * What the runtime reads: `id`; `vocabulary` (list of characters, index =
 * token id); `io.inputs` / `io.outputs` ({name: {dtype, shape}}, shapes with
 * "B" for the batch, build_models/export.py io_spec); `io.c_used`; and
 * `files[<model path>].bytes` when present. The rest is kept in `raw` for
 * widgets that show the model card.
 */
import { OnnxRuntimeError } from "./errors.ts";

/** The step-model contract's names (build_models/export.py INPUT_NAMES, OUTPUT_NAMES). */
export const INPUT_NAMES = ["x", "h", "c"] as const;
export const OUTPUT_NAMES = ["logits", "h_out", "c_out", "gates"] as const;

/** One input or output as meta.json describes it. */
export interface TensorSpec {
  dtype: string;
  /** Numbers are fixed sizes; strings ("B") are the dynamic batch. */
  shape: (number | string)[];
}

/** What the runtime knows about a loaded model. Sizes come from meta.json's input/output shapes. */
export interface ModelMeta {
  /** The model URL this describes (absolute). */
  url: string;
  /** The meta.json it was read from (absolute). */
  metaUrl: string;
  /** meta.json's `id`. */
  id: string;
  /** meta.json's `kind` (e.g. "char-lstm-step"): which module of kinds/ runs it. */
  kind: string;
  /** The vocabulary: vocab[id] is the character of token id. */
  vocab: string[];
  /** L: layers. */
  layers: number;
  /** H: hidden size of each layer. */
  hidden: number;
  /** G: rows of the `gates` output ([L,G,B,H]); 4 for an LSTM. */
  gateCount: number;
  /** Names of those rows, e.g. ["i", "f", "g", "o"]. */
  gateNames: string[];
  /** False for GRU/RNN models whose `c` is carried unchanged. */
  cUsed: boolean;
  /** The step model's inputs and outputs by name. */
  inputs: Record<string, TensorSpec>;
  outputs: Record<string, TensorSpec>;
  /** Bytes of the model file: meta.json's figure until downloaded, then the download's (null: unknown). */
  modelBytes: number | null;
  /** The whole meta.json, for widgets that show the model card (loss, corpus, training...). */
  raw: Record<string, unknown>;
}

/** Default names of the gate rows by their count (build_models/model.py GATE_NAMES). */
const GATE_NAMES: Record<number, string[]> = { 4: ["i", "f", "g", "o"], 3: ["r", "z", "n"], 1: ["h"] };

function invalid(url: string, what: string): OnnxRuntimeError {
  return new OnnxRuntimeError({
    code: "meta-invalid",
    url,
    message: `The model's description (${url}) is not usable: ${what}. Rebuild the model with build_models.`,
  });
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Check every spec of an `io.inputs` / `io.outputs` object: a dtype and a shape of positive sizes or names. */
function specs(url: string, io: unknown, which: string): Record<string, TensorSpec> {
  if (!isRecord(io)) throw invalid(url, `it lacks "io.${which}", the step model's ${which}`);
  for (const [name, spec] of Object.entries(io)) {
    const shape = isRecord(spec) ? spec.shape : undefined;
    const ok = Array.isArray(shape) && shape.every((d) => typeof d === "string" || (Number.isInteger(d) && d > 0));
    if (!ok || typeof (spec as Record<string, unknown>).dtype !== "string") throw invalid(url, `"${name}" needs a dtype and a shape`);
  }
  return io as Record<string, TensorSpec>;
}

function shapeOf(url: string, io: Record<string, TensorSpec>, name: string, rank: number): (number | string)[] {
  const shape = io[name]?.shape;
  if (!shape || shape.length !== rank) throw invalid(url, `"${name}" needs a shape of ${rank} dimensions`);
  return shape;
}

function dim(url: string, shape: (number | string)[], i: number, name: string): number {
  const d = shape[i];
  if (typeof d !== "number") throw invalid(url, `dimension ${i} of "${name}" must be a number, not "${d}"`);
  return d;
}

function readVocab(url: string, list: unknown): string[] {
  if (!Array.isArray(list) || list.length === 0) throw invalid(url, 'it has no "vocabulary" (a list of characters)');
  for (const ch of list) {
    if (typeof ch !== "string" || Array.from(ch).length !== 1) throw invalid(url, `its vocabulary holds ${JSON.stringify(ch)}, not one character`);
  }
  if (new Set(list).size !== list.length) throw invalid(url, "its vocabulary repeats a character");
  return list as string[];
}

/**
 * The size meta.json's `files` gives the model file (keys are paths relative
 * to meta.json's folder, e.g. "model.onnx" or "timelapse/iter_000500.onnx"), or null.
 */
function expectedBytes(raw: Record<string, unknown>, metaUrl: string, modelUrl: string): number | null {
  const folder = metaUrl.slice(0, metaUrl.lastIndexOf("/") + 1);
  if (!isRecord(raw.files) || !modelUrl.startsWith(folder)) return null;
  const entry = raw.files[decodeURIComponent(modelUrl.slice(folder.length).split(/[?#]/)[0])];
  return isRecord(entry) && Number.isInteger(entry.bytes) ? (entry.bytes as number) : null;
}

/**
 * Check a parsed meta.json and extract what the runtime needs. `raw` is
 * anything JSON.parse returned; the sizes L, H, V, G come from the step-model
 * shapes `h` [L,"B",H], `logits` ["B",V], `gates` [L,G,"B",H] and must agree
 * with each other and with the vocabulary.
 */
export function parseMeta(raw: unknown, metaUrl: string, modelUrl: string): ModelMeta {
  if (!isRecord(raw)) throw invalid(metaUrl, "it is not a JSON object");
  const io = isRecord(raw.io) ? raw.io : {};
  const inputs = specs(metaUrl, io.inputs, "inputs");
  const outputs = specs(metaUrl, io.outputs, "outputs");
  for (const n of INPUT_NAMES) if (!(n in inputs)) throw invalid(metaUrl, `its inputs lack "${n}"`);
  for (const n of OUTPUT_NAMES) if (!(n in outputs)) throw invalid(metaUrl, `its outputs lack "${n}"`);
  const vocab = readVocab(metaUrl, raw.vocabulary);
  const h = shapeOf(metaUrl, inputs, "h", 3); // [L, B, H]
  const layers = dim(metaUrl, h, 0, "h");
  const hidden = dim(metaUrl, h, 2, "h");
  const logits = shapeOf(metaUrl, outputs, "logits", 2); // [B, V]
  const v = dim(metaUrl, logits, 1, "logits");
  if (v !== vocab.length) throw invalid(metaUrl, `its logits have ${v} entries but its vocabulary has ${vocab.length} characters`);
  const gates = shapeOf(metaUrl, outputs, "gates", 4); // [L, G, B, H]
  const gateCount = dim(metaUrl, gates, 1, "gates");
  if (dim(metaUrl, gates, 0, "gates") !== layers || dim(metaUrl, gates, 3, "gates") !== hidden) {
    throw invalid(metaUrl, `its gates shape [${gates}] does not match ${layers} layers of ${hidden}`);
  }
  for (const [n, s] of [["c", inputs.c], ["h_out", outputs.h_out], ["c_out", outputs.c_out]] as const) {
    if (s.shape.length !== 3 || s.shape[0] !== layers || s.shape[2] !== hidden) {
      throw invalid(metaUrl, `"${n}" has shape [${s.shape}], not [${layers},B,${hidden}]`);
    }
  }
  const rows = (outputs.gates as TensorSpec & { rows?: unknown }).rows;
  const gateNames = Array.isArray(rows) && rows.length === gateCount ? rows.map(String) : GATE_NAMES[gateCount] ?? [];
  const folderName = metaUrl.split("/").slice(-2, -1)[0] ?? "";
  return {
    url: modelUrl,
    metaUrl,
    id: typeof raw.id === "string" && raw.id ? raw.id : folderName,
    // Every model we ship names its kind; a hand-made meta.json without one is a character step model.
    kind: typeof raw.kind === "string" && raw.kind ? raw.kind : "char-lstm-step",
    vocab,
    layers,
    hidden,
    gateCount,
    gateNames,
    cUsed: io.c_used !== false,
    inputs,
    outputs,
    modelBytes: expectedBytes(raw, metaUrl, modelUrl),
    raw,
  };
}

/** The part of an ONNX Runtime value's metadata we compare (InferenceSession.ValueMetadata). */
export interface ValueInfo {
  name: string;
  isTensor: boolean;
  shape?: readonly (number | string)[];
}

/**
 * Compare meta.json with what the session reports: the same input and output
 * names, and the same fixed dimensions (symbolic ones, the batch, match anything).
 */
export function checkSession(meta: ModelMeta, inputs: readonly ValueInfo[], outputs: readonly ValueInfo[]): void {
  const names = (vs: readonly ValueInfo[]) => vs.map((v) => v.name).sort().join(", ");
  const want = (o: object) => Object.keys(o).sort().join(", ");
  if (names(inputs) !== want(meta.inputs) || names(outputs) !== want(meta.outputs)) {
    throw invalid(
      meta.metaUrl,
      `it names inputs (${want(meta.inputs)}) and outputs (${want(meta.outputs)}) but the model file has ` +
        `inputs (${names(inputs)}) and outputs (${names(outputs)})`,
    );
  }
  const specs = { ...meta.inputs, ...meta.outputs };
  for (const v of [...inputs, ...outputs]) {
    const expected = specs[v.name].shape;
    if (!v.isTensor || !v.shape || v.shape.length === 0) continue; // ORT gave no shape to compare
    const clash =
      v.shape.length !== expected.length ||
      v.shape.some((d, i) => typeof d === "number" && typeof expected[i] === "number" && d !== expected[i]);
    if (clash) throw invalid(meta.metaUrl, `it gives "${v.name}" the shape [${expected}] but the model file has [${v.shape}]`);
  }
}
