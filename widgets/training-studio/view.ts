/**
 * The training studio's markup and drawings: the four steps (text, model, training, using the
 * model), the summary of a prepared text, the loss chart with its table, the samples. Pure
 * functions of their data returning elements or markup; index.ts places them.
 */
import { esc } from "../lib/html.ts";
import { linePlotSvg } from "../lib/lineplot.ts";
import { CELL_NAMES, CELLS, LIMITS, MAX_TEXT_BYTES, SIZES, formatBytes, perplexity, type Settings } from "./logic.ts";

export interface CorpusChoice {
  id: string;
  file: string;
  what: string;
  licence: string;
  licence_files: string[];
  characters: number;
  bytes: number;
  distinct: number;
}

/** What Python's Corpus.summary() returns. */
export interface TextSummary {
  characters: number;
  distinct: number;
  vocabulary: string[];
  folded_distinct: number;
  folded_count: number;
  train_chars: number;
  val_chars: number;
  top: [string, number][];
  /** The validation loss of character frequencies alone: the line a model must get below. */
  unigram_nats: number;
}

const num = (v: number): string => v.toLocaleString("en");

/** A character as a reader can see it: whitespace and control characters by name. */
export function showChar(c: string): string {
  const names: Record<string, string> = { "\n": "↵", " ": "␣", "\t": "⇥", "\r": "␍", "\uFFFD": "�" };
  if (c in names) return names[c];
  const code = c.codePointAt(0) ?? 0;
  return code < 32 || code === 127 ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}` : c;
}

const option = (value: string, label: string, selected: boolean) =>
  `<option value="${esc(value)}"${selected ? " selected" : ""}>${esc(label)}</option>`;

const numberField = (uid: string, key: keyof typeof LIMITS, label: string, value: number, step: string, help: string) => {
  const [min, max] = LIMITS[key];
  return `<label class="rnn-ts__field" for="${uid}-${key}">${label}
    <input id="${uid}-${key}" type="number" inputmode="decimal" min="${min}" max="${max}" step="${step}" value="${value}" data-setting="${key}" aria-describedby="${uid}-${key}-help">
    <small id="${uid}-${key}-help">${help}</small></label>`;
};

/** The studio's skeleton; `heading` names the placement (Module 5's own dataset, the dashboard, a level). */
export function studioMarkup(uid: string, s: Settings, heading: string, fixedText?: string): string {
  const cells = CELLS.map((c) =>
    `<label class="rnn-ts__choice"><input type="radio" name="${uid}-cell" value="${c}" data-setting="cell"${c === s.cell ? " checked" : ""}> ${CELL_NAMES[c]}</label>`).join("");
  const sizes = Object.entries(SIZES).map(([k, v]) => option(k, v.label, k === s.size)).join("");
  // A placement with one fixed text (a challenge level) names it instead of offering a choice.
  const textSources = fixedText !== undefined ? `    <p class="rnn-ts__note" data-role="fixed-text">${esc(fixedText)}</p>
` : `    <fieldset class="rnn-ts__sources"><legend>Where the text comes from</legend>
      <label class="rnn-ts__choice"><input type="radio" name="${uid}-source" value="ours" checked data-source> One of our texts</label>
      <label class="rnn-ts__choice"><input type="radio" name="${uid}-source" value="paste" data-source> Paste</label>
      <label class="rnn-ts__choice"><input type="radio" name="${uid}-source" value="upload" data-source> Upload a file</label>
    </fieldset>
    <div data-pane="ours"><label for="${uid}-corpus">Text</label> <select id="${uid}-corpus" data-role="corpus"><option value="">Loading the list…</option></select>
      <p class="rnn-ts__note" data-role="corpus-note"></p></div>
    <div data-pane="paste" hidden><label for="${uid}-paste">Your text (at most ${formatBytes(MAX_TEXT_BYTES)})</label>
      <textarea id="${uid}-paste" rows="6" spellcheck="false" data-role="paste"></textarea></div>
    <div data-pane="upload" hidden><label for="${uid}-file">A plain-text file (UTF-8, at most ${formatBytes(MAX_TEXT_BYTES)}); it stays in this browser</label>
      <input id="${uid}-file" type="file" accept=".txt,.md,.csv,.py,.js,.c,.h,.tex,.html,.json,text/*" data-role="file"></div>
`;
  return `
  <p class="rnn-ts__heading">${esc(heading)}</p>
  <p class="rnn-ts__saved-run" data-role="saved-run" hidden></p>
  <section class="rnn-ts__step" data-step="text" aria-labelledby="${uid}-h-text">
    <h3 id="${uid}-h-text">1. The text</h3>
${textSources}    <p><button type="button" class="rnn-primary" data-action="prepare">Read the text</button></p>
    <p class="rnn-ts__problem" role="alert" data-role="text-problem"></p>
    <div data-role="summary" aria-live="polite"></div>
  </section>
  <section class="rnn-ts__step" data-step="model" aria-labelledby="${uid}-h-model">
    <h3 id="${uid}-h-model">2. The model and the run</h3>
    <fieldset class="rnn-ts__cells"><legend>Cell</legend>${cells}</fieldset>
    <div class="rnn-ts__grid">
      <label class="rnn-ts__field" for="${uid}-size">Size <select id="${uid}-size" data-setting="size">${sizes}</select></label>
      ${numberField(uid, "minutes", "Train for (minutes)", s.minutes, "0.25", "of training time; Pause does not count")}
      ${numberField(uid, "seqLen", "Window (characters)", s.seqLen, "1", "backpropagation through this many steps")}
      ${numberField(uid, "batch", "Batch (windows)", s.batch, "1", "trained side by side")}
      ${numberField(uid, "lr", "Learning rate", s.lr, "0.0005", "Adam; gradients clipped at norm 5")}
      ${numberField(uid, "sampleEvery", "Sample every (iterations)", s.sampleEvery, "10", "and check the validation loss")}
      ${numberField(uid, "temperature", "Sample temperature", s.temperature, "0.1", "0 always takes the likeliest character")}
    </div>
    <label class="rnn-ts__choice"><input type="checkbox" data-setting="autoStop"${s.autoStop ? " checked" : ""}> Stop on its own when the validation loss stops improving (early stopping; the best model is kept)</label>
  </section>
  <section class="rnn-ts__step" data-step="train" aria-labelledby="${uid}-h-train">
    <h3 id="${uid}-h-train">3. Training</h3>
    <p class="rnn-ts__buttons">
      <button type="button" class="rnn-primary" data-action="start" disabled>Start training</button>
      <button type="button" data-action="pause" disabled>Pause</button>
      <button type="button" data-action="resume" disabled>Resume</button>
      <button type="button" data-action="stop" disabled>Stop</button>
      <button type="button" data-action="early-stop" disabled>Stop early, keep the best</button>
    </p>
    <p class="rnn-ts__status" role="status" data-role="status">Read a text first.</p>
    <dl class="rnn-ts__figures" data-role="figures"></dl>
    <p class="rnn-ts__warning" data-role="overfit" hidden></p>
    <p class="rnn-ts__key" aria-hidden="true">Solid blue: training loss (mean of recent iterations). Dashed orange: validation loss.</p>
    <div class="rnn-ts__plot" data-role="plot"></div>
    <details class="rnn-ts__more"><summary>The losses as a table</summary><div data-role="table"></div></details>
    <p class="rnn-ts__label">Samples as it learns</p>
    <ol class="rnn-ts__samples" data-role="samples" reversed></ol>
    <p class="rnn-ts__save" role="status" data-role="save"></p>
  </section>
  <section class="rnn-ts__step" data-step="use" aria-labelledby="${uid}-h-use">
    <h3 id="${uid}-h-use">4. Use the model</h3>
    <div class="rnn-ts__grid">
      <label class="rnn-ts__field" for="${uid}-seed">Seed text <input id="${uid}-seed" type="text" data-role="seed" spellcheck="false"></label>
      <label class="rnn-ts__field" for="${uid}-length">Characters <input id="${uid}-length" type="number" min="1" max="2000" value="400" data-role="length"></label>
      <label class="rnn-ts__field" for="${uid}-gen-t">Temperature <input id="${uid}-gen-t" type="number" min="0" max="2" step="0.1" value="0.8" data-role="gen-temperature"></label>
    </div>
    <p class="rnn-ts__buttons">
      <button type="button" class="rnn-primary" data-action="generate" disabled>Generate</button>
      <button type="button" data-action="download" disabled>Download the model</button>
      <button type="button" data-action="keep" disabled>Keep it for the model pickers</button>
    </p>
    <p class="rnn-ts__load"><label for="${uid}-model-file">Or load a model file you downloaded from the studio (.npz)</label>
      <input id="${uid}-model-file" type="file" accept=".npz,application/octet-stream" data-role="model-file">
      <button type="button" data-action="load-model">Load the model</button></p>
    <pre class="rnn-ts__generated" data-role="generated" tabindex="0" aria-label="Generated text" aria-live="polite"></pre>
    <p class="rnn-ts__status" role="status" data-role="use-status"></p>
  </section>`;
}

/** The prepared text in numbers: size, split, vocabulary (folded characters said). */
export function summaryMarkup(t: TextSummary, name: string): string {
  const vocab = t.vocabulary.map((c) => `<code>${esc(showChar(c))}</code>`).join(" ");
  const folded = t.folded_distinct > 0
    ? `<p class="rnn-ts__note" data-role="folded">It has more distinct characters than the studio's vocabulary holds: the ${num(t.folded_distinct)} rarest (${num(t.folded_count)} occurrences in all) are all read as one character, �.</p>`
    : "";
  const top = t.top.slice(0, 8).map(([c, n]) => `<code>${esc(showChar(c))}</code> ${num(n)}`).join(", ");
  return `
    <dl class="rnn-ts__facts" data-characters="${t.characters}" data-distinct="${t.distinct}" data-vocab="${t.vocabulary.length}" data-train="${t.train_chars}" data-val="${t.val_chars}">
      <div><dt>Text</dt><dd>${esc(name)}</dd></div>
      <div><dt>Characters</dt><dd>${num(t.characters)}</dd></div>
      <div><dt>Vocabulary</dt><dd>${num(t.vocabulary.length)} characters</dd></div>
      <div><dt>Split</dt><dd>${num(t.train_chars)} to train on, the last ${num(t.val_chars)} to validate</dd></div>
      <div><dt>Commonest</dt><dd>${top}</dd></div>
      <div data-unigram="${t.unigram_nats}"><dt>Frequencies alone</dt><dd>${t.unigram_nats.toFixed(3)} nats per character on the validation text: the line to beat</dd></div>
    </dl>${folded}
    <details class="rnn-ts__more"><summary>The whole vocabulary</summary><p class="rnn-ts__vocab">${vocab}</p></details>`;
}

export interface Figures {
  step: number;
  trainLoss: number | null;
  valLoss: number | null;
  bestStep: number | null;
  charsPerS: number | null;
  left: string;
  memory: string;
  parameters: number;
}

/** The dashboard's figures as a description list, each carrying its value for tests. */
export function figuresMarkup(f: Figures): string {
  const item = (key: string, label: string, value: string, raw: string | number | null) =>
    `<div data-figure="${key}"${raw === null ? "" : ` data-value="${raw}"`}><dt>${label}</dt><dd>${value}</dd></div>`;
  const loss = (v: number | null) => (v === null ? "–" : `${v.toFixed(3)} nats/char (perplexity ${perplexity(v).toFixed(2)})`);
  return [
    item("step", "Iteration", num(f.step), f.step),
    item("train", "Training loss", loss(f.trainLoss), f.trainLoss),
    item("val", "Validation loss", loss(f.valLoss) + (f.bestStep !== null ? `, best at iteration ${num(f.bestStep)}` : ""), f.valLoss),
    item("speed", "Speed", f.charsPerS === null ? "–" : `${num(Math.round(f.charsPerS))} characters per second`, f.charsPerS === null ? null : Math.round(f.charsPerS)),
    item("left", "Time left", f.left, null),
    item("memory", "Memory", f.memory, null),
    item("parameters", "Parameters", num(f.parameters), f.parameters),
  ].join("");
}

/** The loss chart: training (smoothed) and validation, in nats per character. */
export function lossChart(train: [number, number][], val: [number, number][], uid: string, width: number): string {
  const last = (pts: [number, number][]) => (pts.length ? pts[pts.length - 1][1].toFixed(2) : "none yet");
  return linePlotSvg(
    [
      { name: "training", points: train, className: "rnn-ts__series--train" },
      { name: "validation", points: val, className: "rnn-ts__series--val" },
    ],
    {
      title: "Loss while training",
      description: `Training loss (latest ${last(train)}) and validation loss (latest ${last(val)}) in nats per character, by iteration.`,
      xLabel: "iteration",
      yLabel: "loss (nats/char)",
      idPrefix: `${uid}-loss`,
      width,
      height: 240,
    },
  );
}

/** The chart's text alternative: the validation checks with the training loss beside them. */
export function lossTable(val: [number, number][], train: [number, number][]): string {
  const trainAt = (step: number) => train.filter((p) => p[0] <= step).at(-1)?.[1];
  const rows = val.map(([step, v]) => {
    const t = trainAt(step);
    return `<tr data-step="${step}"><th scope="row">${num(step)}</th><td>${t === undefined ? "–" : t.toFixed(3)}</td><td data-value="${v}">${v.toFixed(3)}</td></tr>`;
  }).join("");
  return `<table><caption>Training and validation loss (nats per character)</caption>
    <thead><tr><th scope="col">Iteration</th><th scope="col">Training (mean of recent iterations)</th><th scope="col">Validation</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
}

export interface Sample {
  step: number;
  seed: string;
  temperature: number;
  text: string;
}

/** One sample with what made it: the iteration, the seed and the temperature. */
export function sampleItem(s: Sample): HTMLLIElement {
  const li = document.createElement("li");
  li.dataset.step = String(s.step);
  const head = document.createElement("p");
  head.className = "rnn-ts__sample-head";
  head.textContent = `Iteration ${num(s.step)} · seed “${s.seed.replace(/\n/g, "↵")}” · temperature ${s.temperature}`;
  const pre = document.createElement("pre");
  pre.tabIndex = 0;
  pre.setAttribute("aria-label", `Sample at iteration ${s.step}`);
  // The seed in a quieter colour, then what the model wrote after it.
  const seed = document.createElement("span");
  seed.className = "rnn-ts__seed";
  seed.textContent = s.seed;
  pre.append(seed, s.text);
  // Keeps the sample for Module 10's gallery (index.ts handles the click for the whole list).
  const keep = document.createElement("button");
  keep.type = "button";
  keep.className = "rnn-ts__keep";
  keep.dataset.action = "keep-sample";
  keep.setAttribute("aria-label", "Keep this sample");
  keep.textContent = "Keep";
  head.append(" ", keep);
  li.append(head, pre);
  return li;
}
