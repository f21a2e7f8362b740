/**
 * Neuron Detective (Module 5): a real interpretable cell of a trained LSTM
 * (from neurons.json) lights up a fresh snippet of the model's test split;
 * the reader picks what it detects among four features. Score saved
 * locally; a badge after five right answers.
 *
 * Hooks for tests: root `data-model`, `data-kind`, `data-layer`,
 * `data-unit`, `data-start`, `data-length`, `data-result` (right/wrong);
 * `[data-choice]` buttons; `[data-snippet] [data-t]` spans;
 * `[data-values] td[data-value]`; `[data-score]`; `[data-badge]`.
 */
import { runText } from "../runtime/onnx/client.ts";
import { setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { load as loadSaved, saveAndSay } from "../lib/storage.ts";
import { mulberry32 } from "../lib/random.ts";
import { esc } from "../lib/html.ts";
import { fetchJson, largest, modelUrl, pretrainedUrl, requireModels, type ModelEntry } from "../model-kit/models.ts";
import { heatCss } from "../model-kit/format.ts";
import { fixed } from "../lib/numbers.ts";
import { ModelLoader } from "../model-kit/loader.ts";
import { checkVocab, showChar } from "../model-kit/vocab.ts";
import css from "./neuron-detective.css" with { type: "text" };
import { BADGE_AT, describe, makeRound, scoreAfter, type NeuronsFile, type Round, type Score } from "./logic.ts";
import type { MountContext } from "../main.ts";
import { latest } from "../lib/latest.ts";
import { finder, h } from "../lib/dom.ts";

const KEY = "neuron-detective:score";

/** Mount the game in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const models = await requireModels((m) => m.cell === "lstm" && !!m.files["neurons.json"] && !!m.files["losses.json"]);
  if (signal.aborted) return;
  el.classList.add("rnn-mk", "rnn-nd");
  el.innerHTML = `
    <div class="rnn-mk__controls">
      <div data-slot></div>
      <button type="button" data-next>New cell</button>
    </div>
    <p data-cell-title></p>
    <div class="rnn-mk__text rnn-nd__snippet" data-snippet tabindex="0" role="group" aria-label="Snippet coloured by the cell's value"></div>
    <p class="rnn-mk__note">Colour: <span class="rnn-mk__legend" aria-hidden="true"></span> blue negative, white zero, red positive. A cell may signal its feature by going negative.</p>
    <details><summary>Table: the cell's value at each character</summary>
      <div class="rnn-mk__scroll" tabindex="0" role="region" aria-label="Cell values"><table class="rnn-mk__table" data-values><thead><tr><th scope="col">step</th><th scope="col">character</th><th scope="col">value</th></tr></thead><tbody></tbody></table></div></details>
    <fieldset class="rnn-nd__choices"><legend>What does this cell detect?</legend><div data-choices></div></fieldset>
    <p data-feedback aria-live="polite"></p>
    <p><span data-score aria-live="polite"></span> <span class="rnn-nd__badge" data-badge hidden>🏅 Neural Interpreter</span></p>
    <p class="rnn-mk__note" data-save-note></p>`;
  const $ = finder(el);
  const loader = new ModelLoader(el, models, { signal, selected: largest(models), retry: () => void next(), onPick: () => void next() });
  $("[data-slot]").replaceWith(loader.element);
  const rng = mulberry32((Date.now() ^ (performance.now() * 1000)) >>> 0);
  let score = loadSaved<Score>(KEY, { right: 0, answered: 0 });
  let round: Round | null = null;
  /** neurons.json and the test text, fetched once per model. */
  const files = new Map<string, Promise<[NeuronsFile, { text: string }]>>();
  let answered = false;
  // New cell (or another model) supersedes the round still being prepared.
  const rounds = latest(signal);
  const model = (): ModelEntry => loader.entry;

  function paintScore(): void {
    $("[data-score]").textContent = `Score: ${score.right} right of ${score.answered}.`;
    $<HTMLElement>("[data-badge]").hidden = score.right < BADGE_AT;
  }

  async function next(): Promise<void> {
    const s = rounds.next();
    const m = model();
    setState(el, "running");
    try {
      if (!files.has(m.id)) {
        const both = Promise.all([
          fetchJson<NeuronsFile>(pretrainedUrl(m.files["neurons.json"]!), "the neuron analysis (neurons.json)"),
          fetchJson<{ text: string }>(pretrainedUrl(m.files["losses.json"]!), "a sample of the test split"),
        ]);
        files.set(m.id, both);
        both.catch(() => files.delete(m.id)); // a failed fetch is retried by the next round
      }
      const [neurons, losses] = await files.get(m.id)!;
      const meta = await loader.load();
      if (!meta || s.aborted) return;
      const r = makeRound(neurons, losses.text, rng);
      if (!r) throw new Error(`neurons.json of ${m.id} names no cell that follows a feature strongly; try another model.`);
      const snippet = Array.from(losses.text).slice(r.start, r.start + r.length).join("");
      const mapped = checkVocab(snippet, meta.vocab);
      const kept = Array.from(mapped.fed);
      const run = await runText(modelUrl(m), mapped.fed, { outputs: [r.cell.kind], unknown: "skip", signal: s });
      if (s.aborted) return;
      const values = run[r.cell.kind]!;
      const at = (t: number) => values[(t * meta.layers + r.cell.layer) * meta.hidden + r.cell.cell];
      const series = Array.from({ length: run.ids.length }, (_, t) => at(t));
      const scale = r.cell.kind === "h" ? 1 : Math.max(1, ...series.map(Math.abs));
      const box = $("[data-snippet]");
      box.replaceChildren(...kept.map((ch, t) => {
        const span = h("span", "rnn-mk__ch", showChar(ch, true), { "data-t": String(t), title: fixed(series[t], 3) });
        span.style.background = heatCss(series[t], scale);
        return ch === "\n" ? [span, "\n"] : [span];
      }).flat());
      $("[data-values] tbody").innerHTML = series.map((v, t) => `<tr><th scope="row">${t + 1}</th><td><code>${esc(showChar(kept[t]))}</code></td><td data-value="${v}">${fixed(v)}</td></tr>`).join("");
      $("[data-cell-title]").textContent = `Layer ${r.cell.layer}, ${r.cell.kind} cell ${r.cell.cell} of ${m.id}, reading ${kept.length} characters of the test split from a zero state${mapped.unknown.length ? ` (${mapped.unknown.length} unknown characters skipped)` : ""}.`;
      $("[data-choices]").innerHTML = r.choices.map((f) => `<button type="button" class="rnn-mk__quiet" data-choice="${esc(f)}">${esc(describe(f))}</button>`).join(" ");
      $("[data-feedback]").textContent = "";
      round = r;
      answered = false;
      Object.assign(el.dataset, { model: m.id, kind: r.cell.kind, layer: String(r.cell.layer), unit: String(r.cell.cell), start: String(r.start), length: String(r.length) });
      delete el.dataset.result;
      setState(el, "ready");
    } catch (err) {
      loader.fail(err, s);
    }
  }

  function answer(e: Event): void {
    const b = (e.target as HTMLElement).closest<HTMLElement>("[data-choice]");
    if (!b || !round || answered) return;
    answered = true;
    const right = b.dataset.choice === round.feature;
    score = scoreAfter(score, right);
    saveAndSay(KEY, score, $("[data-save-note]"));
    const r = round.cell.score;
    $("[data-feedback]").textContent = `${right ? "Right" : "Not this time"}: over the test split this cell follows ${describe(round.feature)} with Pearson r = ${r.toFixed(2)}${r < 0 ? " (negative: it goes down where the feature holds)" : ""}. Press New cell for another.`;
    for (const c of el.querySelectorAll<HTMLButtonElement>("[data-choice]")) {
      c.disabled = true;
      if (c.dataset.choice === round.feature) c.classList.add("rnn-nd__true");
    }
    el.dataset.result = right ? "right" : "wrong";
    paintScore();
    if (right && score.right === BADGE_AT) $("[data-feedback]").textContent += " Five right: you earned the Neural Interpreter badge.";
  }

  $("[data-next]").addEventListener("click", () => void next(), { signal });
  $("[data-choices]").addEventListener("click", answer, { signal });
  paintScore();
  void next();
}
