/**
 * Translation Sandbox (Module 6 § 6.2): the reader's English through the two translators of the
 * site's main pair (mainPair of translators.json: the same size with and without attention).
 * Shows the encoder reading word by word (a heat strip of each word's forward state), the fixed
 * context vector c, greedy decoding step by step (the top-5 next words at each step) side by side
 * for both models, and the measured BLEU by English length. The models download on the first
 * Translate, never before.
 *
 * Hooks for tests: `textarea[data-role="source"]`, `[data-action="translate"]`, `[data-example]`
 * buttons, `[data-role="message"]` (input that cannot be translated), `[data-role="unknown-note"]`,
 * `[data-role="truncated-note"]`, `[data-role="summary"]` (aria-live), encoder controls
 * `[data-action="enc-prev|enc-play|enc-next"]` and `li[data-enc-word]`, `[data-role="context"]`
 * (c, a slider over its cells), decoding controls `[data-action="dec-prev|dec-play|dec-next"]`,
 * columns `[data-column="attention|plain"]` with `[data-role="output"]` and the step's
 * `li[data-word][data-p]`; `input[data-role="beam"]`, `svg[data-chart="bleu"]`,
 * `[data-role="bleu-sentence"]`. The root's `data-translations` (count), `data-enc-step`,
 * `data-dec-step`, `data-dec-last`.
 */
import { loadTranslator, translate, OnnxRuntimeError, type TranslateResult } from "../runtime/onnx/client.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { latest } from "../lib/latest.ts";
import { player } from "../lib/player.ts";
import { watchWidth } from "../lib/fit.ts";
import { formatBytes } from "../model-kit/models.ts";
import { showRetry, withRetry } from "../model-kit/ui.ts";
import { fetchTranslators, mainPair, translatorUrl } from "../translator-kit/translators.ts";
import { bleuSentence, bleuSeries, endNote, EXAMPLES, forwardState, inputNotes, inputProblem, summary } from "./logic.ts";
import { bleuChartSvg, bleuTable, legend, stepList, stripSvg } from "./view.ts";
import kitCss from "../model-kit/kit.css" with { type: "text" };
import css from "./translation-sandbox.css" with { type: "text" };
import type { MountContext } from "../main.ts";

/** GRU states lie in −1…1: one colour scale for every strip and for c. */
const SCALE = 1;

const button = (text: string, action: string, label?: string) =>
  h("button", "", text, { type: "button", "data-action": action, ...(label ? { "aria-label": label } : {}) });

/** Mount the sandbox in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(kitCss);
  adoptCss(css);
  el.classList.add("rnn-ts", "rnn-mk");
  const all = await withRetry(el, signal, fetchTranslators, []);
  if (signal.aborted) return;
  const pair = mainPair(all);
  if (!pair.attention || !pair.plain) {
    el.replaceChildren(h("p", "", "This sandbox needs two translators, one with attention and one without; this build of the site does not have both yet."));
    setState(el, "ready");
    return;
  }
  const models = [
    { key: "attention", name: "With attention", entry: pair.attention },
    { key: "plain", name: "Without attention (c only)", entry: pair.plain },
  ] as const;
  const id = uniqueId("rnn-ts");

  // ---- input ----
  const source = h("textarea", "", undefined, { rows: "2", spellcheck: "false", "data-role": "source", id: `${id}-src` });
  source.value = EXAMPLES[0].text;
  const label = h("label", "", [h("span", "", "English sentence"), source]);
  const examples = h("div", "rnn-ts__examples", [h("span", "", "Examples:")], { role: "group", "aria-label": "Example sentences" });
  for (const ex of EXAMPLES) {
    const b = h("button", "rnn-mk__quiet", ex.label, { type: "button", "data-example": ex.label, title: ex.text });
    b.addEventListener("click", () => {
      source.value = ex.text;
      void run();
    }, { signal });
    examples.append(b);
  }
  const go = button("Translate", "translate");
  const progress = Object.assign(h("progress", "rnn-progress"), { max: 1, value: 0, hidden: true });
  progress.setAttribute("aria-label", "Translator download");
  const status = h("p", "rnn-mk__note", "", { "aria-live": "polite", "data-role": "status" });
  const message = h("p", "rnn-ts__message", "", { "aria-live": "polite", "data-role": "message" });
  const said = h("p", "rnn-ts__summary", "", { "aria-live": "polite", "data-role": "summary" });
  const unknownNote = h("p", "rnn-kit__unknown", "", { "data-role": "unknown-note", hidden: "" });
  const truncatedNote = h("p", "rnn-kit__unknown", "", { "data-role": "truncated-note", hidden: "" });
  const bytes = models.reduce((s, m) => s + m.entry.bytes, 0);
  const controls = h("div", "rnn-mk__controls rnn-ts__input", [label, h("div", "rnn-ts__go", [go, h("span", "rnn-mk__note", `First use downloads both translators (${formatBytes(bytes)}).`)])]);

  // ---- 1. encoder ----
  const encList = h("ol", "rnn-ts__enc");
  const encSay = h("span", "rnn-mk__note", "", { "aria-live": "polite" });
  const encPrev = button("Previous word", "enc-prev"), encPlay = button("Play", "enc-play", "Play the encoder"), encNext = button("Next word", "enc-next");
  // ---- 2. c ----
  const cBar = h("div", "rnn-ts__c", undefined, { role: "slider", tabindex: "0", "data-role": "context", "aria-label": "Context vector c: move along its numbers with the arrow keys" });
  const cRead = h("p", "rnn-mk__note", "Hover over the bar, or focus it and use the arrow keys, to read each number.", { "data-role": "context-value" });
  // ---- 3. decoding ----
  const decPrev = button("Previous", "dec-prev", "Previous decoding step"), decPlay = button("Play", "dec-play", "Play the decoding"), decNext = button("Next", "dec-next", "Next decoding step");
  const decSay = h("span", "rnn-mk__note", "", { "aria-live": "polite" });
  const columns = models.map((m) => {
    const box = h("section", "rnn-ts__col", undefined, { "data-column": m.key, "aria-label": m.name });
    const output = h("p", "rnn-ts__out", "", { "data-role": "output" });
    const sofar = h("p", "rnn-mk__note", "");
    const step = h("div", "rnn-ts__step");
    box.append(h("h4", "", `${m.name}: ${m.entry.id}`), output, sofar, step);
    return { m, box, output, sofar, step };
  });
  const results = h("div", "rnn-ts__results", [
    h("h3", "", "1. The encoder reads the English, word by word"),
    h("p", "rnn-mk__note", "Each row is the state of the forward encoder (model without attention) after reading that word: one coloured cell per number."),
    h("div", "rnn-ts__buttons", [encPrev, encPlay, encNext, encSay]), encList,
    h("h3", "", "2. The fixed context vector c"),
    h("p", "rnn-mk__note", "What the decoder of the model without attention gets: the forward state after the last word and the backward state after the first, side by side. Everything it knows about the sentence is in these numbers."),
    cBar, legend(SCALE), cRead,
    h("h3", "", "3. Decoding, step by step (greedy: the most probable word each time)"),
    h("div", "rnn-ts__buttons", [decPrev, decPlay, decNext, decSay]),
    h("div", "rnn-ts__cols", columns.map((c) => c.box)),
  ]);
  results.hidden = true;

  // ---- 4. BLEU by length ----
  const beam = h("input", "", undefined, { type: "checkbox", "data-role": "beam" });
  const figure = h("figure", "rnn-ts__figure", undefined, { id: `${id}-bleu` });
  const bleuSaid = h("p", "rnn-mk__note", "", { "data-role": "bleu-sentence" });
  const tableBox = h("details", "");
  const bleu = h("div", "", [
    h("h3", "", "4. Measured: BLEU by English sentence length"),
    h("label", "rnn-ts__check", [beam, " Beam search instead of greedy decoding"]), figure, bleuSaid, tableBox,
  ]);
  el.replaceChildren(controls, examples, progress, status, message, unknownNote, truncatedNote, said, results, bleu);

  const fit = watchWidth(figure, () => drawBleu(), { signal });
  function drawBleu(): void {
    const strategy = beam.checked ? "beam" : "greedy";
    const series = models.map((m) => ({ name: m.name, points: bleuSeries(m.entry, strategy) }));
    const title = `BLEU by English length, ${strategy === "beam" ? "beam search" : "greedy decoding"}: with and without attention`;
    figure.innerHTML = bleuChartSvg(series, fit.width(), title, `${id}-chart`);
    bleuSaid.textContent = bleuSentence(pair.attention!, pair.plain!, strategy);
    tableBox.replaceChildren(h("summary", "", "The numbers as a table"), bleuTable(series, title));
  }
  beam.addEventListener("change", drawBleu, { signal });
  drawBleu();

  // ---- state of the last translation ----
  let sourceVocab: number | null = null;
  let shown: { results: TranslateResult[]; hidden: number } | null = null;
  let enc = 0, dec = 0, cIndex = 0;
  const encLast = () => Math.max(0, (shown?.results[1].sourceWords.length ?? 1) - 1);
  const decLast = () => Math.max(0, ...(shown?.results.map((r) => r.steps.length - 1) ?? [0]));
  const encPlayer = player({ get: () => enc, set: (i) => (enc = i), last: encLast, ms: 700, paint: () => paintEncoder(), signal });
  const decPlayer = player({ get: () => dec, set: (i) => (dec = i), last: decLast, ms: 900, paint: () => paintDecoder(), signal });

  function paintEncoder(): void {
    if (!shown) return;
    const r = shown.results[1];
    encList.replaceChildren(...r.sourceWords.slice(0, enc + 1).map((w, i) => {
      const unknown = r.unknown.includes(w);
      const li = h("li", i === enc ? "rnn-ts__encrow rnn-ts__encrow--now" : "rnn-ts__encrow", undefined, { "data-enc-word": w });
      li.append(h("span", "rnn-ts__word", unknown ? `${w} → <unk>` : w), h("span", "rnn-ts__strip", undefined));
      li.lastElementChild!.innerHTML = stripSvg(forwardState(r.states, shown!.hidden, i), SCALE, "rnn-ts__svg");
      return li;
    }));
    encSay.textContent = `Word ${enc + 1} of ${r.sourceWords.length}: “${r.sourceWords[enc]}”`;
    encPrev.disabled = enc === 0;
    encNext.disabled = enc >= encLast();
    encPlay.textContent = encPlayer.playing ? "Pause" : "Play";
    el.dataset.encStep = String(enc);
  }

  function paintContext(): void {
    if (!shown) return;
    const c = shown.results[1].final, H = shown.hidden;
    cIndex = Math.min(Math.max(0, cIndex), c.length - 1);
    const part = cIndex < H ? `forward direction, number ${cIndex + 1} of ${H}` : `backward direction, number ${cIndex - H + 1} of ${H}`;
    const text = `c[${cIndex + 1}] = ${c[cIndex].toFixed(3)} (${part})`;
    cBar.setAttribute("aria-valuemin", "1");
    cBar.setAttribute("aria-valuemax", String(c.length));
    cBar.setAttribute("aria-valuenow", String(cIndex + 1));
    cBar.setAttribute("aria-valuetext", text);
    cBar.style.setProperty("--at", `${((cIndex + 0.5) / c.length) * 100}%`);
    cRead.textContent = text;
  }

  function paintDecoder(): void {
    if (!shown) return;
    for (const [k, col] of columns.entries()) {
      const r = shown.results[k];
      col.output.textContent = r.text || "(nothing: it ended at once)";
      if (dec < r.steps.length) {
        col.sofar.textContent = `Step ${dec + 1}: so far “${r.words.slice(0, dec + 1).join(" ")}”`;
        col.step.replaceChildren(h("p", "rnn-mk__note", "The five most probable next words:"), stepList(r.steps[dec]));
      } else {
        col.sofar.textContent = `Finished after ${r.steps.length} word${r.steps.length === 1 ? "" : "s"}.`;
        col.step.replaceChildren(h("p", "rnn-mk__note", endNote(r)));
      }
    }
    decSay.textContent = `Step ${dec + 1} of ${decLast() + 1}`;
    decPrev.disabled = dec === 0;
    decNext.disabled = dec >= decLast();
    decPlay.textContent = decPlayer.playing ? "Pause" : "Play";
    el.dataset.decStep = String(dec);
    el.dataset.decLast = String(decLast());
  }

  function show(text: string, rs: TranslateResult[]): void {
    encPlayer.stop();
    decPlayer.stop();
    shown = { results: rs, hidden: pair.plain!.hidden };
    enc = 0;
    dec = 0;
    cIndex = 0;
    cBar.innerHTML = stripSvg(rs[1].final, SCALE, "rnn-ts__svg");
    const notes = inputNotes(rs[0], sourceVocab ?? 0);
    unknownNote.textContent = notes.unknown;
    unknownNote.hidden = !notes.unknown;
    truncatedNote.textContent = notes.truncated;
    truncatedNote.hidden = !notes.truncated;
    results.hidden = false;
    paintEncoder();
    paintContext();
    paintDecoder();
    const typed = text.trim().replace(/\s+/gu, " ");
    said.textContent = summary(typed.length > 120 ? `${typed.slice(0, 117)}…` : typed, rs.map((r, k) => ({ name: models[k].name, text: r.text })));
    el.dataset.translations = String(Number(el.dataset.translations ?? 0) + 1);
  }

  // ---- loading and translating ----
  let loaded = false;
  const runs = latest(signal);
  async function load(s: AbortSignal): Promise<void> {
    const parts = new Map<string, number>();
    progress.hidden = false;
    progress.value = 0;
    status.textContent = `Downloading the two translators (${formatBytes(bytes)})…`;
    try {
      const metas = await Promise.all(models.map((m) => loadTranslator(translatorUrl(m.entry), {
        onProgress: (p) => {
          if (!p.total) return;
          parts.set(m.key, p.loaded / p.total);
          progress.value = [...parts.values()].reduce((a, b) => a + b, 0) / models.length;
        },
      }).catch((err: unknown) => {
        throw new Error(`${m.entry.id}: ${describeError(err)}`);
      })));
      if (s.aborted) return;
      sourceVocab = metas[0].source.filter((w) => !/^<.+>$/.test(w)).length; // the markers <pad>, <unk>, <s>, </s> are no words
      loaded = true;
      status.textContent = "Both translators loaded.";
    } finally {
      progress.hidden = true;
    }
  }

  async function run(): Promise<void> {
    const text = source.value;
    const problem = inputProblem(text);
    if (problem) {
      message.textContent = problem;
      return;
    }
    message.textContent = "";
    const s = runs.next();
    setState(el, "running");
    try {
      if (!loaded) await load(s);
      if (s.aborted) return;
      status.textContent = "Translating…";
      const rs = await Promise.all(models.map((m) => translate(translatorUrl(m.entry), { text, strategy: "greedy", topK: 5 }, { signal: s })));
      if (s.aborted) return;
      status.textContent = "";
      show(text, rs);
      setState(el, "ready");
    } catch (err) {
      if (s.aborted || signal.aborted) return;
      status.textContent = "";
      if (err instanceof OnnxRuntimeError && err.code === "invalid-request") {
        message.textContent = err.message;
        setState(el, "ready");
        return;
      }
      showRetry(el, `The translators could not run: ${describeError(err)}`, () => void run());
    }
  }

  go.addEventListener("click", () => void run(), { signal });
  source.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void run();
    }
  }, { signal });
  encPrev.addEventListener("click", () => encPlayer.go(-1), { signal });
  encNext.addEventListener("click", () => encPlayer.go(1), { signal });
  encPlay.addEventListener("click", () => encPlayer.toggle(), { signal });
  decPrev.addEventListener("click", () => decPlayer.go(-1), { signal });
  decNext.addEventListener("click", () => decPlayer.go(1), { signal });
  decPlay.addEventListener("click", () => decPlayer.toggle(), { signal });
  cBar.addEventListener("pointermove", (e) => {
    if (!shown) return;
    const box = cBar.getBoundingClientRect();
    cIndex = Math.floor(((e.clientX - box.left) / Math.max(1, box.width)) * shown.results[1].final.length);
    paintContext();
  }, { signal });
  cBar.addEventListener("keydown", (e) => {
    if (!shown) return;
    const n = shown.results[1].final.length;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 16, PageDown: -16, Home: -n, End: n };
    if (!(e.key in moves)) return;
    e.preventDefault();
    cIndex += moves[e.key];
    paintContext();
  }, { signal });
  setState(el, "ready");
}
