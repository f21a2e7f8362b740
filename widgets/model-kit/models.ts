/**
 * The models that exist: `docs/pretrained/index.json`, written by
 * widgets/build.mjs from every `pretrained/<id>/meta.json`. Widgets list
 * models from here and never name an id, so the GPU zoo appears without
 * code changes. Pure helpers plus one fetch; no DOM.
 */

/** The site's root URL, from where this chunk was loaded (…/assets/build/widgets/…). */
function siteRoot(): URL {
  const here = import.meta.url;
  const at = here.lastIndexOf("/assets/build/");
  return at >= 0 ? new URL(here.slice(0, at + 1)) : new URL("/", location.href);
}

/** One model as index.json lists it (paths are relative to the pretrained/ folder). */
export interface ModelEntry {
  id: string;
  kind: string;
  corpus: string;
  model: string;
  meta: string;
  layers: number;
  hidden: number;
  cell: string;
  parameters: number;
  vocab_size: number;
  /** Bytes of model.onnx. */
  bytes: number;
  val_loss_nats: number;
  val_bits_per_char: number;
  gpu_trained: boolean;
  files: Record<string, string | null>;
}

/** The pretrained/ folder of the site (absolute URL ending in "/"). */
export function pretrainedRoot(): URL {
  return new URL("pretrained/", siteRoot());
}

/** Absolute URL of a file named in index.json (a path relative to pretrained/). */
export function pretrainedUrl(path: string): string {
  return new URL(path, pretrainedRoot()).href;
}

/** The model file's URL, as load() / generate() take it. */
export const modelUrl = (m: ModelEntry): string => pretrainedUrl(m.model);

/** The URL of a file beside the model (e.g. "neurons.json"). */
export const besideModel = (m: ModelEntry, file: string): string => new URL(file, modelUrl(m)).href;

/** The distinct lines of a model's training split, where the site has them (build_models/train_names.py). */
export const trainingListUrl = (m: ModelEntry): string => new URL(`data/train-lines/${encodeURIComponent(m.corpus)}.json`, siteRoot()).href;

/** Check one entry has what widgets read; anything else is dropped with a console note. */
function isEntry(x: unknown): x is ModelEntry {
  if (typeof x !== "object" || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.id === "string" && typeof o.corpus === "string" && typeof o.model === "string" &&
    [o.layers, o.hidden, o.parameters, o.bytes, o.val_bits_per_char].every((n) => typeof n === "number")
  );
}

let cached: Promise<ModelEntry[]> | null = null;

/**
 * The models of index.json, sorted by corpus then size (as the build writes
 * them). Fetched once per tab; a failed fetch is forgotten so Retry refetches.
 * Rejects with a sentence a reader understands.
 */
export function fetchModels(): Promise<ModelEntry[]> {
  if (cached) return cached;
  const url = new URL("index.json", pretrainedRoot()).href;
  cached = fetch(url)
    .then(async (res) => {
      if (!res.ok) throw new Error(`The list of models (${url}) answered HTTP ${res.status}. The site may have been built without its models (make site).`);
      const data = (await res.json()) as { models?: unknown };
      const all = Array.isArray(data.models) ? data.models : [];
      const models = all.filter(isEntry);
      if (models.length < all.length) console.warn(`model-kit: ignored ${all.length - models.length} malformed entries of index.json`);
      return models;
    })
    .catch((err: unknown) => {
      cached = null;
      throw err instanceof Error && err.message.startsWith("The list") ? err : new Error(`Could not read the list of models (${String(err)}). Check the connection and retry.`);
    });
  return cached;
}

/** Models grouped by corpus, in index order; each group smallest first. */
export function groupByCorpus(models: readonly ModelEntry[]): Map<string, ModelEntry[]> {
  const groups = new Map<string, ModelEntry[]>();
  for (const m of models) {
    if (!groups.has(m.corpus)) groups.set(m.corpus, []);
    groups.get(m.corpus)!.push(m);
  }
  for (const g of groups.values()) g.sort((a, b) => a.parameters - b.parameters);
  return groups;
}

/**
 * The model a widget starts with: the largest model trained on the first of
 * `corpora` that exists, else the first model listed; null when none.
 */
export function preferredModel(models: readonly ModelEntry[], corpora: readonly string[] = []): ModelEntry | null {
  for (const corpus of corpora) {
    const group = models.filter((m) => m.corpus === corpus);
    if (group.length) return group.reduce((a, b) => (b.parameters > a.parameters ? b : a));
  }
  return models[0] ?? null;
}

/** "2×128 LSTM" */
export const shapeLabel = (m: ModelEntry): string => `${m.layers}×${m.hidden} ${m.cell.toUpperCase()}`;

/** "tinyshakespeare · 2×256 LSTM (3.5 MB)": the option text of a model picker. */
export const modelLabel = (m: ModelEntry): string => `${m.corpus} · ${shapeLabel(m)} (${formatBytes(m.bytes)})`;

/** Bytes in the unit a reader expects: "870 KB", "3.5 MB". */
export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${Math.round(n / 1e3)} KB`;
  return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;
}
