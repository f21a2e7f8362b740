/**
 * The model picker every model widget shows: a labelled select of the models
 * of index.json, a progress bar and status line while a model downloads, and,
 * when a download fails, the widget's error box (`data-state="error"`) with a
 * Retry button. `ModelLoader` loads when the widget asks (on Generate, say);
 * `mountModelSlot` loads the picked model at once and again on every change.
 */
import { load, type ModelMeta } from "../runtime/onnx/client.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { modelLabel, modelUrl, preferredModel, pretrainedUrl, type ModelEntry } from "./models.ts";
import { uniqueId } from "../lib/ids.ts";
import { fetchModelsWithRetry, h, showRetry } from "./ui.ts";
import { OWN_MODEL_KEPT, ownEntry, type OwnModel } from "./own-models.ts";
import css from "./kit.css" with { type: "text" };

/** Options of ModelLoader. */
export interface LoaderOptions {
  /** The model selected at first (default: the first listed). */
  selected?: ModelEntry | null;
  /** The picker's label. */
  label?: string;
  /** What Retry does after a failed load (usually: redo what needed the model). */
  retry(): void;
  /** Called when the reader picks another model in the select. */
  onPick?(): void;
  /** The mount's signal: on abort the loader stops reacting (dispose). */
  signal: AbortSignal;
  /** Models the reader keeps in the training studio from now on join the list when this accepts them. */
  ownKeep?: (m: ModelEntry) => boolean;
}

/**
 * A model picker with its progress bar and status line (`element`, for the
 * widget to place), loading models into the ONNX worker on request.
 * Hooks: `select[data-role="model"]` (option values are model ids),
 * `[data-role="load-status"]`, `progress.rnn-kit__progress`.
 */
export class ModelLoader {
  readonly element: HTMLElement;
  readonly select: HTMLSelectElement;
  private readonly progress: HTMLProgressElement;
  private readonly status: HTMLElement;
  private token = 0;
  /** The label of the model whose download failed last (fail() names it). */
  private failed: string | null = null;
  private readonly picked = () => this.opts.onPick?.();

  readonly models: ModelEntry[];

  constructor(private readonly root: HTMLElement, models: readonly ModelEntry[], private readonly opts: LoaderOptions) {
    this.models = [...models];
    adoptCss(css);
    opts.signal.addEventListener("abort", () => this.dispose(), { once: true });
    const id = uniqueId("rnn-kit");
    this.element = h("div", "rnn-kit__slot");
    const label = h("label", "", opts.label ?? "Model");
    label.htmlFor = `${id}-model`;
    this.select = h("select");
    this.select.id = `${id}-model`;
    this.select.dataset.role = "model";
    for (const m of models) {
      const option = h("option", "", modelLabel(m));
      option.value = m.id;
      this.select.append(option);
    }
    if (opts.selected) this.select.value = opts.selected.id;
    this.progress = h("progress", "rnn-progress rnn-kit__progress");
    this.progress.max = 1;
    this.progress.value = 0;
    this.progress.hidden = true;
    this.progress.setAttribute("aria-label", "Model download");
    this.status = h("span", "rnn-kit__status");
    this.status.setAttribute("aria-live", "polite");
    this.status.dataset.role = "load-status";
    this.element.append(label, " ", this.select, " ", this.status, this.progress);
    this.select.addEventListener("change", this.picked);
    const keep = opts.ownKeep;
    if (keep) {
      window.addEventListener(OWN_MODEL_KEPT, (e) => {
        const entry = ownEntry((e as CustomEvent<OwnModel>).detail);
        if (!keep(entry) || this.models.some((m) => m.id === entry.id)) return;
        this.models.push(entry);
        const option = h("option", "", modelLabel(entry));
        option.value = entry.id;
        this.select.append(option);
      }, { signal: opts.signal });
    }
  }

  /** The model picked in the select. */
  get entry(): ModelEntry {
    return this.models.find((m) => m.id === this.select.value) ?? this.models[0];
  }

  /**
   * Load a model file (default: the picked model's, described by its meta.json) with the
   * progress bar showing; the status line names it by
   * `label` (default: the picked model's modelLabel, as the picker does).
   * Resolves null when a newer load (or dispose) superseded this one; else
   * rejects as the runtime does (then call `fail`).
   */
  async load(url = modelUrl(this.entry), metaUrl = pretrainedUrl(this.entry.meta), label = modelLabel(this.entry)): Promise<ModelMeta | null> {
    const token = ++this.token;
    this.failed = null;
    this.progress.hidden = false;
    this.progress.value = 0;
    this.status.textContent = `Downloading ${label}…`;
    try {
      const meta = await load(url, {
        metaUrl,
        onProgress: (p) => {
          if (token === this.token && p.total) this.progress.value = p.loaded / p.total;
        },
      });
      if (token !== this.token) return null;
      this.status.textContent = `${label} loaded.`;
      return meta;
    } catch (err) {
      if (token !== this.token) return null;
      this.status.textContent = "";
      this.failed = label;
      throw err;
    } finally {
      if (token === this.token) this.progress.hidden = true;
    }
  }

  /**
   * Put the widget into `error` with the failure's sentence (after the model's name when the
   * failure was its download) and a Retry button (calls `retry`). Nothing when `request` (the
   * widget's request that failed) or the mount was aborted: the failure is then the cancel's.
   */
  fail(err: unknown, request?: AbortSignal): void {
    if (request?.aborted || this.opts.signal.aborted) return;
    this.progress.hidden = true;
    const named = this.failed;
    this.failed = null;
    showRetry(this.root, named ? `${named}: ${describeError(err)}` : describeError(err), () => this.opts.retry());
  }

  /** Forget pending loads and stop reacting to the select (on unmount). */
  dispose(): void {
    this.token++;
    this.select.removeEventListener("change", this.picked);
  }
}

/** What mountModelSlot hands back. */
export interface ModelSlot {
  /** The picker and progress bar; already inserted at the top of `into`. */
  element: HTMLElement;
  /** Every model in index.json (after the filter). */
  models: ModelEntry[];
  /** The model picked, once loaded (null before, or after a failure). */
  current(): { entry: ModelEntry; meta: ModelMeta } | null;
}

/** Options of mountModelSlot. */
export interface SlotOptions {
  /** Corpora to prefer for the first model, in order (never model ids). */
  corpora?: readonly string[];
  /** Keep only some models (say, only those trained on one corpus). */
  filter?: (m: ModelEntry) => boolean;
  /** List the reader's own models too (those the training studio kept), after the site's. */
  own?: boolean;
  /** The picker's label. */
  label?: string;
  /** Called each time a picked model has loaded. */
  onReady(entry: ModelEntry, meta: ModelMeta): void;
  /** Called when the reader picks another model, before it loads (stop what uses the old one). */
  onSwitch?(): void;
  /** The mount's signal: on abort the slot stops loading and reacting. */
  signal: AbortSignal;
}

/**
 * Fill `into` with a ModelLoader, load the preferred model and resolve once it
 * is loaded (or has failed: the root is then in `error` with Retry); the root's
 * `data-model` is the loaded model's id. Resolves null if index.json lists no
 * usable model (the caller then shows its own "not trained yet"); a failed
 * index.json shows Retry until it is read, or until `opts.signal` aborts (then null too).
 */
export async function mountModelSlot(root: HTMLElement, into: HTMLElement, opts: SlotOptions): Promise<ModelSlot | null> {
  adoptCss(css);
  const { signal } = opts;
  const models = await fetchModelsWithRetry(root, signal, opts.filter, { own: opts.own });
  if (models.length === 0 || signal.aborted) return null;
  const loader = new ModelLoader(root, models, {
    signal,
    selected: preferredModel(models, opts.corpora ?? []),
    label: opts.label,
    retry: () => void loadPicked(),
    ownKeep: opts.own ? (opts.filter ?? (() => true)) : undefined,
    onPick: () => {
      opts.onSwitch?.();
      void loadPicked();
    },
  });
  into.prepend(loader.element);
  let loaded: { entry: ModelEntry; meta: ModelMeta } | null = null;

  async function loadPicked(): Promise<void> {
    const entry = loader.entry;
    loaded = null;
    delete root.dataset.model;
    setState(root, "loading");
    try {
      const meta = await loader.load();
      if (signal.aborted || !meta) return;
      loaded = { entry, meta };
      root.dataset.model = entry.id;
      setState(root, "ready");
      opts.onReady(entry, meta);
    } catch (err) {
      if (!signal.aborted) loader.fail(err);
    }
  }
  await loadPicked();
  return {
    element: loader.element,
    models,
    current: () => loaded,
  };
}
