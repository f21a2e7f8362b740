/**
 * The models that exist: `docs/pretrained/index.json`, written by
 * widgets/build.mjs from every `pretrained/<id>/meta.json`. Widgets list
 * models from here and never name an id, so a new model appears without
 * code changes. Pure helpers plus fetches; no DOM.
 */
import { siteRoot } from "../lib/site.ts";
import type { ModelEntry } from "./model-entry.ts";
import { ownModelEntries } from "./own-models.ts";

export type { ModelEntry };

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

/** Fetch and parse a JSON file (`what` names it for the reader); rejects with a sentence a reader understands. */
export async function fetchJson<T>(url: string, what: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin" });
  } catch {
    throw new Error(`Could not load ${what}: the server did not answer. Check the connection and press Retry.`);
  }
  if (!res.ok) throw new Error(`Could not load ${what} (${url}): HTTP ${res.status}. The site may have been built without its models (make site).`);
  try {
    return (await res.json()) as T;
  } catch {
    throw new Error(`Could not read ${what}: it is not valid JSON. Rebuild the site (make site).`);
  }
}

/**
 * A list file of pretrained/ (`file`, its array under `key`) fetched once per tab: the loader the
 * translator and word-model kits share. A failure, or an empty list (rejected with `empty`, a
 * sentence for the reader), is forgotten, so Retry fetches again.
 */
export function listOnce<T>(file: string, key: string, what: string, empty: string): () => Promise<T[]> {
  let pending: Promise<T[]> | null = null;
  return async () => {
    pending ??= fetchJson<Record<string, unknown>>(pretrainedUrl(file), what).then((d) => {
      const all = Array.isArray(d[key]) ? (d[key] as T[]) : [];
      if (all.length === 0) throw new Error(empty);
      return all;
    });
    try {
      return await pending;
    } catch (err) {
      pending = null;
      throw err;
    }
  };
}

let cached: Promise<ModelEntry[]> | null = null;

/**
 * The models of index.json that `keep` accepts (all by default), sorted by
 * corpus then size (as the build writes them). index.json is fetched once per
 * tab; a failed fetch is forgotten so Retry refetches. Rejects with a
 * sentence a reader understands.
 */
export async function fetchModels(keep: (m: ModelEntry) => boolean = () => true, opts: { own?: boolean } = {}): Promise<ModelEntry[]> {
  const site = await siteModels(keep);
  // The reader's own models (kept by the training studio) are read afresh each time: one kept a
  // minute ago, on another page of this tab, must be listed.
  return opts.own ? [...site, ...(await ownModelEntries()).filter(keep)] : site;
}

async function siteModels(keep: (m: ModelEntry) => boolean): Promise<ModelEntry[]> {
  cached ??= fetchJson<{ models?: unknown }>(pretrainedUrl("index.json"), "the list of models").then((data) => {
    const all = Array.isArray(data.models) ? data.models : [];
    const models = all.filter(isEntry);
    if (models.length < all.length) console.warn(`model-kit: ignored ${all.length - models.length} malformed entries of index.json`);
    return models;
  });
  try {
    return (await cached).filter(keep);
  } catch (err) {
    cached = null;
    throw err;
  }
}

/** Like fetchModels, but rejects with a sentence when no model is kept (the widget then shows its error state). */
export async function requireModels(keep: (m: ModelEntry) => boolean, opts: { own?: boolean } = {}): Promise<ModelEntry[]> {
  const models = await fetchModels(keep, opts);
  if (models.length === 0) throw new Error("No model for this widget was found in this build of the site (make models, then make site).");
  return models;
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
 * The model a widget starts with: the largest main model (not a size variant)
 * trained on the first of `corpora` that has one, else the first main model
 * listed; variants only when there is nothing else; null when none.
 */
export function preferredModel(models: readonly ModelEntry[], corpora: readonly string[] = []): ModelEntry | null {
  const main = models.filter(isMain);
  for (const corpus of corpora) {
    const best = largest(main.filter((m) => m.corpus === corpus));
    if (best) return best;
  }
  return main[0] ?? models[0] ?? null;
}

/** A main model: in no comparison family (course pages quote these; widgets start on one). */
export const isMain = (m: ModelEntry): boolean => !m.families || Object.keys(m.families).length === 0;

/** The members of each comparison family of one axis ("size" or "cell"), by family name, in index order. */
export function familiesOf(models: readonly ModelEntry[], axis: "size" | "cell"): Map<string, ModelEntry[]> {
  const out = new Map<string, ModelEntry[]>();
  for (const m of models) {
    const name = m.families?.[axis];
    if (!name) continue;
    if (!out.has(name)) out.set(name, []);
    out.get(name)!.push(m);
  }
  return out;
}

/** The largest model (most parameters); null for an empty list. */
export function largest(models: readonly ModelEntry[]): ModelEntry | null {
  return models.length ? models.reduce((a, b) => (b.parameters > a.parameters ? b : a)) : null;
}

/** "2×128 LSTM" */
export const shapeLabel = (m: ModelEntry): string => `${m.layers}×${m.hidden} ${m.cell.toUpperCase()}`;

/**
 * "tinyshakespeare-2x256 (2×256 LSTM, 1.9 MB)": a model's one name on the site. The id names it
 * (in running text too); pickers, status lines and errors add its shape and download size.
 */
export const modelLabel = (m: ModelEntry): string => `${m.id} (${shapeLabel(m)}, ${formatBytes(m.bytes)})`;

/** Bytes in the unit a reader expects: "870 KB", "3.5 MB". */
export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${Math.round(n / 1e3)} KB`;
  return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;
}
