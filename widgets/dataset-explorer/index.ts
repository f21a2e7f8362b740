/**
 * Dataset Explorer (Module 10): our texts and the reader's own file, each with its size, lines,
 * vocabulary, a preview and seeded random snippets, the character-frequency chart with a table,
 * the entropy of the frequencies, the licence, and advice on model size and training time from
 * our measurements (advice.json, python -m coursekit.data_advice). A text is fetched only when
 * picked; a file is read in the tab with the training studio's own checks and never sent anywhere.
 *
 * Hooks for tests: the root's `data-shown` (the corpus id, or "upload"), `data-loading`, and the
 * data attributes of `[data-role=stats]` and `[data-role=advice]`.
 */
import { recordEvent } from "../lib/achievements.ts";
import { finder } from "../lib/dom.ts";
import { siteRoot } from "../lib/site.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";
import { decodeUpload, tooBig, MAX_TEXT_BYTES } from "../training-studio/logic.ts";
import type { CorpusChoice } from "../training-studio/view.ts";
import raw from "./advice.json" with { type: "json" };
import css from "./dataset-explorer.css" with { type: "text" };
import { preview, recommend, snippet, studioVerdict, textStats, type Advice } from "./logic.ts";
import { adviceMarkup, chartMarkup, listMarkup, originMarkup, previewMarkup, skeleton, snippetText, statsMarkup } from "./view.ts";

const advice = raw as Advice;
type Corpus = CorpusChoice & { source?: string };

let counter = 0;

export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const uid = `rnn-de-${++counter}`;
  el.classList.add("rnn-de");
  el.innerHTML = skeleton(uid);
  const $ = finder(el);
  const problem = $("[data-role='problem']");
  const status = $("[data-role='status']");
  const shown = $("[data-role='shown']");
  const texts = new Map<string, string>();
  let corpora: Corpus[] = [];
  let current = "";
  let seed = 1;

  /** A failure with a Retry button that calls `again`. */
  function failed(where: HTMLElement, message: string, again: () => void): void {
    where.textContent = message + " ";
    const retry = document.createElement("button");
    retry.type = "button";
    retry.textContent = "Retry";
    retry.dataset.action = "retry";
    retry.addEventListener("click", again, { signal });
    where.append(retry);
  }

  async function loadList(): Promise<void> {
    const list = $("[data-role='list']");
    list.innerHTML = `<legend>Our texts</legend><p data-role="list-status">Loading the list…</p>`;
    try {
      const r = await fetch(new URL("data/studio/corpora.json", siteRoot()), { signal });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      corpora = ((await r.json()) as { corpora: Corpus[] }).corpora;
    } catch (err) {
      if (signal.aborted) return;
      failed($("[data-role='list-status']"), `Our texts could not be listed (${describeError(err)}); your own file still works.`, () => void loadList());
      return;
    }
    list.innerHTML = listMarkup(uid, corpora);
    list.querySelectorAll<HTMLInputElement>("input[data-corpus]").forEach((r) =>
      r.addEventListener("change", () => void pick(r.value), { signal }));
  }

  async function pick(id: string): Promise<void> {
    const c = corpora.find((x) => x.id === id);
    if (!c) return;
    problem.textContent = "";
    current = id;
    let text = texts.get(id);
    if (text === undefined) {
      el.dataset.loading = id;
      status.textContent = `Loading ${c.id} (${c.bytes.toLocaleString("en")} bytes)…`;
      try {
        const r = await fetch(new URL(`data/studio/${c.file}`, siteRoot()), { signal });
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        text = await r.text();
        texts.set(id, text);
      } catch (err) {
        if (signal.aborted) return;
        delete el.dataset.loading;
        failed(status, `${c.id} did not download (${describeError(err)}).`, () => void pick(id));
        return;
      }
      delete el.dataset.loading;
      if (current !== id) return; // the reader picked another text meanwhile
    }
    status.textContent = "";
    show(text, c, c.file);
  }

  function show(text: string, c: Corpus | null, name: string, note?: string): void {
    const t0 = performance.now();
    const stats = textStats(text);
    const ms = performance.now() - t0;
    seed = 1;
    el.dataset.shown = c ? c.id : "upload";
    recordEvent({ kind: "data-explored", text: c ? c.id : "upload" });
    el.dataset.statsMs = ms.toFixed(1);
    shown.innerHTML = originMarkup(c, name, (f) => new URL(`data/studio/${f}`, siteRoot()).href) +
      statsMarkup(stats) + previewMarkup(uid, preview(text), snippet(text, seed), seed) +
      chartMarkup(uid, stats) + adviceMarkup(recommend(stats.characters, advice), note ?? studioVerdict(stats).note);
    const seedInput = $<HTMLInputElement>("[data-role='seed']");
    $("[data-action='snippet']").addEventListener("click", () => {
      seed = Math.max(0, Math.floor(Number(seedInput.value) || 0)) + 1;
      seedInput.value = String(seed);
      drawSnippet(text);
    }, { signal });
    seedInput.addEventListener("change", () => {
      seed = Math.max(0, Math.floor(Number(seedInput.value) || 0));
      drawSnippet(text);
    }, { signal });
  }

  function drawSnippet(text: string): void {
    const s = snippet(text, seed);
    const box = $("[data-role='snippet']");
    box.innerHTML = snippetText(s.text);
    box.dataset.start = String(s.start);
  }

  /** A file from the input or a drop: refused (with the studio's reason) or measured; nothing else changes on refusal. */
  async function upload(file: File | undefined): Promise<void> {
    if (!file) return;
    problem.textContent = "";
    // Refused before reading: a 100 MB file is never loaded into the page.
    if (file.size > MAX_TEXT_BYTES) return void (problem.textContent = `${file.name}: ${tooBig(file.size)}`);
    const c = decodeUpload(new Uint8Array(await file.arrayBuffer()), file.name);
    if (signal.aborted) return;
    if (!c.ok) return void (problem.textContent = c.reason);
    const refuse = studioVerdict(textStats(c.text)).refuse;
    if (refuse) return void (problem.textContent = `${file.name}: ${refuse}`);
    current = "upload";
    el.querySelectorAll<HTMLInputElement>("input[data-corpus]").forEach((r) => (r.checked = false));
    show(c.text, null, file.name);
  }

  const input = $<HTMLInputElement>("[data-role='file']");
  input.addEventListener("change", () => void upload(input.files?.[0]), { signal });
  const drop = $("[data-role='drop']");
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("rnn-de__drop--over");
  }, { signal });
  drop.addEventListener("dragleave", () => drop.classList.remove("rnn-de__drop--over"), { signal });
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("rnn-de__drop--over");
    void upload(e.dataTransfer?.files?.[0]);
  }, { signal });

  await loadList();
  if (!signal.aborted) setState(el, "ready");
}
