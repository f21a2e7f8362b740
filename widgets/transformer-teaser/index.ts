/**
 * Transformer Teaser (Module 8): one sentence of the stress test's world read by its small
 * Transformer and by its LSTM. Left, the Transformer's self-attention: a layer and a head (or the
 * mean of a layer's heads), the full matrix of who reads from whom (row: the word that reads;
 * columns: the words it may read, itself and those before), and a sentence on the picked row.
 * Right, the LSTM's hidden state after each word, for the units that change most: one vector
 * carried forward, where the Transformer looks back at every word directly.
 *
 * Hooks for tests: `input[data-role="sentence"]`, example buttons `[data-example]`,
 * `select[data-role="layer"]`, `select[data-role="head"]` ("mean" or 0..heads-1); the matrix
 * `table[data-role="attention"]` with cells `td[data-q][data-k]` (`data-value`) and row buttons
 * `button[data-query]` (`aria-pressed`); `table[data-role="states"]` with cells
 * `td[data-t][data-unit]` (`data-value`); `[data-role="row-said"]` (aria-live), `[data-role="problem"]`.
 */
import { scoreWords, type ScoreResult } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { describeError, setState } from "../lib/state.ts";
import { latest } from "../lib/latest.ts";
import { tableHead } from "../lib/table.ts";
import { heat } from "../translator-kit/alignment.ts";
import { heatCss } from "../model-kit/format.ts";
import { showRetry, withRetry } from "../model-kit/ui.ts";
import { byCell, fetchWordModels, type WordModelEntry } from "../word-model-kit/models.ts";
import { words as splitWords } from "../word-model-kit/grammar.ts";
import { loadAll, useWordModelCss, type LoadedWordModel } from "../word-model-kit/live.ts";
import { attentionMatrix, busiestUnits, describeRow, meanOverHeads } from "./logic.ts";
import css from "./transformer-teaser.css" with { type: "text" };
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";

const EXAMPLES = [
  "the cat that the dogs near the house chase sleeps .",
  "the children near the tree that the woman sees laugh .",
  "\\begin{proof} let x = y + 1 \\begin{equation} f ( x ) = 0 \\end{equation} so we have \\end{proof}",
];
const MAX_WORDS = 40;
const UNITS = 12;

export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  useWordModelCss();
  adoptCss(css);
  el.classList.add("rnn-wm", "rnn-tt");
  const all = await withRetry(el, signal, fetchWordModels, []);
  if (signal.aborted) return;
  const entries = [byCell(all, "transformer"), byCell(all, "lstm")].filter((e): e is WordModelEntry => e !== null);
  const id = uniqueId("rnn-tt");
  const input = h("input", "", undefined, { type: "text", id: `${id}-s`, "data-role": "sentence", spellcheck: "false", autocomplete: "off", value: EXAMPLES[0] });
  const exampleButtons = EXAMPLES.map((s, i) => h("button", "", i < 2 ? `Sentence ${i + 1}` : "Brackets", { type: "button", "data-example": String(i), title: s }));
  const layer = h("select", "", undefined, { id: `${id}-l`, "data-role": "layer" });
  const head = h("select", "", undefined, { id: `${id}-h`, "data-role": "head" });
  const status = h("span", "rnn-wm__note", "", { "aria-live": "polite", "data-role": "load-status" });
  const progress = h("progress", "rnn-progress", undefined, { max: "1", value: "0", "aria-label": "Model download" });
  progress.hidden = true;
  const problem = h("p", "rnn-wm__said rnn-wm__error", "", { "data-role": "problem", role: "alert" });
  problem.hidden = true;
  const rowSaid = h("p", "rnn-wm__said", "", { "aria-live": "polite", "data-role": "row-said" });
  const attBox = h("div", "rnn-wm__scroll", undefined, { tabindex: "0", role: "region", "aria-label": "The Transformer's attention (scrolls sideways on a narrow screen)" });
  const stateBox = h("div", "rnn-wm__scroll", undefined, { tabindex: "0", role: "region", "aria-label": "The LSTM's hidden state (scrolls sideways on a narrow screen)" });
  el.replaceChildren(
    h("div", "rnn-wm__controls", [h("label", "", "Sentence", { for: input.id }), input]),
    h("div", "rnn-wm__controls", [h("span", "", "Examples:"), ...exampleButtons]),
    h("div", "", [status, progress]), problem,
    h("div", "rnn-tt__panes", [
      h("section", "rnn-tt__pane", [h("h3", "", "Transformer: every word looks back at every earlier word"),
        h("div", "rnn-wm__controls", [h("label", "", "Layer", { for: layer.id }), layer, h("label", "", "Head", { for: head.id }), head]),
        attBox, rowSaid]),
      h("section", "rnn-tt__pane", [h("h3", "", "LSTM: one state vector carried from word to word"),
        h("p", "rnn-wm__note", `Its hidden state after each word, for the ${UNITS} units that change most on this sentence (blue negative, red positive). Everything the LSTM knows about earlier words must be in this vector.`),
        stateBox]),
    ]),
  );

  let models: LoadedWordModel[] = [];
  let words: string[] = [];
  let att: ScoreResult | null = null;
  let query = -1;
  const runs = latest(signal);

  function drawAttention(): void {
    const tf = models.find((m) => m.meta.cell === "transformer");
    if (!tf || !att?.attention) return;
    const T = att.ids.length, heads = tf.meta.heads, l = Number(layer.value);
    const matrix = head.value === "mean" ? meanOverHeads(att.attention, heads, T, l) : attentionMatrix(att.attention, heads, T, l, Number(head.value));
    const labels = ["<s>", ...words];
    // Start on the main verb's row when the sentence ends with "verb .": where agreement is decided.
    if (query < 0 || query >= T) query = labels[T - 1] === "." && T > 2 ? T - 2 : T - 1;
    const rows = matrix.map((row, q) => {
      const button = h("button", "rnn-tt__q", labels[q], { type: "button", "data-query": String(q), "aria-pressed": String(q === query) });
      button.addEventListener("click", () => { query = q; drawAttention(); }, { signal });
      return h("tr", q === query ? "rnn-tt__row--picked" : "", [h("th", "", [button], { scope: "row" }), ...row.map((v, k) => {
        if (k > q) return h("td", "rnn-tt__future", "", { "aria-label": "future word: not visible" });
        const c = heat(v);
        return h("td", "rnn-wm__num", String(Math.round(v * 100)), { "data-q": String(q), "data-k": String(k), "data-value": v.toFixed(6),
          style: `background:${c.background};color:${c.color}` });
      })]);
    });
    attBox.replaceChildren(h("table", "rnn-wm__table rnn-tt__matrix", [
      h("caption", "", `Attention in percent, ${head.value === "mean" ? `mean of layer ${l + 1}'s heads` : `layer ${l + 1}, head ${Number(head.value) + 1}`}: row = the word that reads, column = the word read. Pick a row.`),
      tableHead(["reads ↓ / from →", ...labels]), h("tbody", "", rows)], { "data-role": "attention" }));
    rowSaid.textContent = describeRow(labels, matrix[query], query);
  }

  function drawStates(r: ScoreResult, H: number): void {
    const T = r.ids.length, s = r.states!;
    const units = busiestUnits(s, T, H, UNITS);
    const labels = ["<s>", ...words];
    const rows = labels.map((w, t) => h("tr", "", [h("th", "", w, { scope: "row" }), ...units.map((u) => {
      const v = s[t * H + u];
      return h("td", "rnn-wm__num", v.toFixed(2), { "data-t": String(t), "data-unit": String(u), "data-value": v.toFixed(6), style: `background:${heatCss(v)};color:#000` });
    })]));
    stateBox.replaceChildren(h("table", "rnn-wm__table", [h("caption", "", "LSTM hidden state h after each word (rows), busiest units (columns)"),
      tableHead(["after", ...units.map((u) => `unit ${u}`)]), h("tbody", "", rows)], { "data-role": "states" }));
  }

  async function read(): Promise<void> {
    const ws = splitWords(input.value);
    problem.hidden = true;
    const vocab = new Set(models[0].meta.vocabulary);
    const unknown = [...new Set(ws.filter((w) => !vocab.has(w)))];
    if (!ws.length || ws.length > MAX_WORDS || unknown.length) {
      problem.textContent = !ws.length ? "Type a sentence of the small world, or pick an example."
        : ws.length > MAX_WORDS ? `Use at most ${MAX_WORDS} words here (the matrix has a row and a column per word); your text is kept.`
          : `The models know only this small world's words; ${unknown.slice(0, 5).map((w) => `“${w}”`).join(", ")} ${unknown.length === 1 ? "is" : "are"} not among them. Start from an example and change its nouns, verbs or numbers.`;
      problem.hidden = false;
      return;
    }
    const ticket = runs.next();
    setState(el, "running");
    try {
      const results: ScoreResult[] = [];
      for (const m of models) results.push(await scoreWords(m.url, { words: ws, outputs: ["extra"] }, { signal: ticket }));
      if (ticket.aborted) return;
      words = ws;
      query = -1;
      models.forEach((m, i) => {
        if (m.meta.cell === "transformer") att = results[i];
        else drawStates(results[i], m.meta.hidden);
      });
      drawAttention();
      setState(el, "ready");
    } catch (err) {
      if (ticket.aborted || signal.aborted) return;
      showRetry(el, describeError(err), () => { setState(el, "ready"); void read(); });
    }
  }

  let typing: number | undefined;
  input.addEventListener("input", () => { clearTimeout(typing); typing = window.setTimeout(() => void read(), 300); }, { signal });
  signal.addEventListener("abort", () => clearTimeout(typing));
  exampleButtons.forEach((b, i) => b.addEventListener("click", () => { input.value = EXAMPLES[i]; void read(); }, { signal }));
  layer.addEventListener("change", drawAttention, { signal });
  head.addEventListener("change", drawAttention, { signal });

  const controls = [input, layer, head, ...exampleButtons];
  for (const c of controls) c.disabled = true;
  setState(el, "loading");
  models = await withRetry(el, signal, () => loadAll(entries, status, progress), []);
  if (signal.aborted || !models.length) return;
  const tf = models.find((m) => m.meta.cell === "transformer")!;
  layer.replaceChildren(...Array.from({ length: tf.meta.layers }, (_, l) => h("option", "", `${l + 1}`, { value: String(l) })));
  layer.value = String(tf.meta.layers - 1);
  head.replaceChildren(h("option", "", "mean of heads", { value: "mean" }),
    ...Array.from({ length: tf.meta.heads }, (_, k) => h("option", "", `${k + 1}`, { value: String(k) })));
  for (const c of controls) c.disabled = false;
  setState(el, "ready");
  await read();
}
