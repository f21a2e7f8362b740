/**
 * A reflection prompt: a text area whose content is saved in localStorage as
 * the reader types, restored on reload, and downloadable as a Markdown file.
 * Attributes: `data-prompt` (the question), `data-key` (names the saved note
 * and the download), optional `data-title` (the heading of the file).
 *
 * Hooks for tests: `textarea[data-note]`, `[data-saved]` (status line), a
 * Download button.
 */
import { setState } from "../lib/state.ts";
import { load, save } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./reflection.css" with { type: "text" };
import { fileName, storageKey, toMarkdown, type Note } from "./note.ts";
import type { MountContext } from "../main.ts";
import { onAbort } from "../lib/abort.ts";
import { finder } from "../lib/dom.ts";
import { downloadText } from "../lib/download.ts";
import { uniqueId } from "../lib/ids.ts";

/** Save at most this often while the reader types; leaving the box saves at once. */
const SAVE_DELAY_MS = 300;

/** Mount the reflection prompt in `el`; leaving the page saves pending text. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-rf");
  const prompt = el.dataset.prompt ?? "Write your thoughts here.";
  const key = el.dataset.key ?? location.pathname;
  const title = el.dataset.title ?? "Apply it: my notes";
  const note = load<Note>(storageKey(key), { text: "", savedAt: null });
  let timer: number | undefined;

  el.classList.add("rnn-rf");
  el.innerHTML = `
    <label class="rnn-rf__prompt" for="${uid}-text"></label>
    <textarea id="${uid}-text" data-note rows="9" spellcheck="true"></textarea>
    <div class="rnn-rf__bar">
      <button type="button" data-action="download">Download as Markdown</button>
      <span class="rnn-rf__saved" role="status" data-saved></span>
    </div>`;
  const $ = finder(el);
  $(".rnn-rf__prompt").textContent = prompt;
  const area = $<HTMLTextAreaElement>("textarea");
  area.value = typeof note.text === "string" ? note.text : "";
  const status = $("[data-saved]");

  function setStatus(text: string): void {
    // Written only on change, so the status region does not repeat itself on every keystroke.
    if (status.textContent !== text) status.textContent = text;
  }

  function flush(): void {
    window.clearTimeout(timer);
    timer = undefined;
    const result = save(storageKey(key), { text: area.value, savedAt: Date.now() } satisfies Note);
    setStatus(result.ok ? "Saved in this browser." : result.reason);
  }

  const onInput = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(flush, SAVE_DELAY_MS);
  };
  const onBlur = () => {
    if (timer !== undefined) flush();
  };
  const onClick = (ev: Event) => {
    if (!(ev.target as Element).closest('[data-action="download"]')) return;
    if (timer !== undefined) flush();
    downloadText(el, fileName(key), toMarkdown(title, prompt, area.value, new Date()), "text/markdown");
  };
  area.addEventListener("input", onInput, { signal });
  area.addEventListener("blur", onBlur, { signal });
  el.addEventListener("click", onClick, { signal });
  if (note.savedAt) setStatus("Restored from this browser.");
  setState(el, "ready");
  // What the reader typed in the last moments before leaving is saved, not dropped with the timer.
  onAbort(signal, onBlur);
}
