/**
 * A small kit the model widgets of Module 3, 4 and 5 share (heatmap explorer,
 * cell intervention, neuron detective, gates reveal, timelapse): the list of
 * models from `pretrained/index.json` (written by widgets/build.mjs), a model
 * picker, a download progress bar, and an error line with a Retry button.
 * Not a widget itself (no index.ts): widgets import it.
 */
import { load, type LoadProgress, type ModelMeta } from "../runtime/onnx/client.ts";

/** One entry of pretrained/index.json (paths are relative to pretrained/). */
export interface IndexModel {
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
  bytes: number;
  val_loss_nats: number;
  val_bits_per_char: number;
  gpu_trained: boolean;
  files: Record<string, string | null>;
  timelapse: { iter: number; onnx: string | null }[];
}

/**
 * The site's root URL. This module runs from <root>/assets/build/widgets/
 * (or its chunks/ folder), so the root is found in our own URL: the site
 * works under any path prefix.
 */
export function siteRoot(): string {
  const here = import.meta.url;
  const i = here.lastIndexOf("/assets/build/");
  return i < 0 ? new URL("/", here).href : here.slice(0, i + 1);
}

/** Absolute URL of a path relative to the site's pretrained/ folder. */
export function pretrainedUrl(rel: string): string {
  return new URL(`pretrained/${rel}`, siteRoot()).href;
}

/** Fetch and parse a JSON file, with a reader's sentence on failure. */
export async function fetchJson<T>(url: string, what: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin" });
  } catch {
    throw new Error(`Could not load ${what}: the server did not answer. Check the connection and press Retry.`);
  }
  if (!res.ok) throw new Error(`Could not load ${what} (HTTP ${res.status}). The site may have been built without its models (make site).`);
  try {
    return (await res.json()) as T;
  } catch {
    throw new Error(`Could not read ${what}: it is not valid JSON. Rebuild the site (make site).`);
  }
}

/** The models that exist, from pretrained/index.json; `keep` filters them (e.g. those with neurons.json). */
export async function fetchModels(keep: (m: IndexModel) => boolean = () => true): Promise<IndexModel[]> {
  const index = await fetchJson<{ models: IndexModel[] }>(pretrainedUrl("index.json"), "the list of models");
  const models = (index.models ?? []).filter(keep);
  if (models.length === 0) throw new Error("No model for this widget was found in this build of the site (make models, then make site).");
  return models;
}

/** "tinyshakespeare: 2 × 256 LSTM, 3.5 MB" */
export function modelLabel(m: IndexModel): string {
  return `${m.id}: ${m.layers} × ${m.hidden} ${m.cell.toUpperCase()}, ${(m.bytes / 1e6).toFixed(1)} MB`;
}

/** Escape text for an HTML template (reader text never goes in unescaped). */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The largest model (most parameters): the default, whose cells and samples say most. */
export function largest(models: IndexModel[]): IndexModel {
  return models.reduce((a, b) => (b.parameters > a.parameters ? b : a));
}

/** `<option>`s for the models; `selected` is an id. */
export function modelOptions(models: IndexModel[], selected?: string): string {
  return models.map((m) => `<option value="${esc(m.id)}"${m.id === selected ? " selected" : ""}>${esc(modelLabel(m))}</option>`).join("");
}

/** The markup of a load-status area; `ModelLoader` fills it. */
export function loaderHtml(): string {
  return `<div class="rnn-mk__status" data-model-status>
    <label class="rnn-mk__progress" data-progress hidden>Downloading the model
      <progress max="1" value="0"></progress> <span data-progress-text></span></label>
    <div data-model-error hidden><p class="rnn-mk__error" role="alert"></p><button type="button" data-retry>Retry</button></div>
  </div>`;
}

/**
 * Loads a model into the ONNX worker while showing a progress bar in a
 * `loaderHtml()` area; on failure shows the runtime's sentence and a Retry
 * button that calls `retry`.
 */
export class ModelLoader {
  private readonly bar: HTMLElement;
  private readonly errorBox: HTMLElement;
  private token = 0;

  constructor(area: HTMLElement, private readonly retry: () => void) {
    this.bar = area.querySelector("[data-progress]")!;
    this.errorBox = area.querySelector("[data-model-error]")!;
    this.errorBox.querySelector("[data-retry]")!.addEventListener("click", () => this.retry());
  }

  /** Load `modelUrl` (meta from `metaUrl` when given); resolves null if a newer load superseded it. */
  async load(modelUrl: string, metaUrl?: string): Promise<ModelMeta | null> {
    const token = ++this.token;
    this.errorBox.hidden = true;
    this.bar.hidden = false;
    const progress = this.bar.querySelector("progress")!;
    const text = this.bar.querySelector("[data-progress-text]")!;
    progress.value = 0;
    text.textContent = "";
    const onProgress = (p: LoadProgress) => {
      if (token !== this.token) return;
      if (p.total) progress.value = p.loaded / p.total;
      else progress.removeAttribute("value");
      text.textContent = `${(p.loaded / 1e6).toFixed(1)}${p.total ? ` of ${(p.total / 1e6).toFixed(1)}` : ""} MB`;
    };
    try {
      const meta = await load(modelUrl, { onProgress, metaUrl });
      return token === this.token ? meta : null;
    } catch (err) {
      if (token === this.token) this.fail(err);
      throw err;
    } finally {
      if (token === this.token) this.bar.hidden = true;
    }
  }

  /** Show a failure (a runtime error's message is already a sentence) with the Retry button. */
  fail(err: unknown): void {
    this.bar.hidden = true;
    this.errorBox.hidden = false;
    this.errorBox.querySelector("p")!.textContent = err instanceof Error ? err.message : String(err);
  }

  /** Hide the error line (after a successful retry of some other step). */
  clear(): void {
    this.errorBox.hidden = true;
  }

  /** Forget pending loads (on unmount). */
  dispose(): void {
    this.token++;
  }
}

/** A visible stand-in for a character the model does not know. */
export const PLACEHOLDER = "\u25a1";

/** Text split into code points, with which ones the vocabulary knows. */
export interface MappedText {
  chars: string[];
  known: boolean[];
  /** How many characters are outside the vocabulary (shown as PLACEHOLDER, not fed). */
  unknown: number;
}

/** Split `text` into characters (code points, as the runtime does) and mark those outside `vocab`. */
export function mapText(text: string, vocab: readonly string[]): MappedText {
  const set = new Set(vocab);
  const chars = Array.from(text);
  const known = chars.map((ch) => set.has(ch));
  return { chars, known, unknown: known.filter((k) => !k).length };
}

/**
 * A character as shown in a cell of text: visible stand-ins for newline, tab
 * and unknowns (and for space too when `visibleSpace`, e.g. alone in a list).
 */
export function shownChar(ch: string, known = true, visibleSpace = false): string {
  if (!known) return PLACEHOLDER;
  if (ch === " " && visibleSpace) return "\u2423";
  if (ch === "\n") return "\u21b5";
  if (ch === "\t") return "\u21e5";
  return ch;
}

/**
 * Background colour for a value in [-scale, scale]: white at 0, to red for
 * positive and blue for negative (pale enough that black text stays readable).
 */
export function heatColour(v: number, scale = 1): [number, number, number] {
  const t = Math.max(-1, Math.min(1, scale > 0 ? v / scale : 0));
  const [r, g, b] = t >= 0 ? [230, 97, 80] : [80, 140, 230];
  const a = Math.abs(t);
  return [Math.round(255 + (r - 255) * a), Math.round(255 + (g - 255) * a), Math.round(255 + (b - 255) * a)];
}

/** CSS of heatColour. */
export function heatCss(v: number, scale = 1): string {
  const [r, g, b] = heatColour(v, scale);
  return `rgb(${r},${g},${b})`;
}

/** A number for a table: 4 decimals with a true minus sign. */
export function fmt(v: number, digits = 4): string {
  return (Object.is(v, -0) ? 0 : v).toFixed(digits).replace("-", "\u2212");
}
