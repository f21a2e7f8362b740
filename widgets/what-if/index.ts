/**
 * "What If?" Explorer (Module 2): pick W_hh (identity, zero, large, or a
 * scaled rotation) and an input sequence; a 2-unit RNN runs 30 steps and the
 * hidden state is drawn, explained, and listed in a table, live on every
 * change. Numbers come from ./model.ts, the SVG from ./plot.ts.
 *
 * Hooks for tests: `[data-matrix="Whh|Wxh|b"]` show the weights used;
 * `[data-values] tbody tr` hold t, x_t and both units (`data-value` keeps
 * full precision; the text is rounded to 3 decimals).
 */
import { h } from "../lib/dom.ts";
import { type Mat } from "../lib/rnn.ts";
import { short } from "../lib/numbers.ts";
import { INPUTS, PRESETS, simulate, notes, type InputId, type PresetId, type Run, type Setup } from "./model.ts";
import { plotSvg } from "./plot.ts";
import { watchWidth } from "../lib/fit.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./what-if.css" with { type: "text" };
import type { MountContext } from "../main.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";


function matrixHtml(key: string, label: string, rows: Mat): string {
  const body = rows.map((r) => `<tr>${r.map((v) => `<td>${short(v)}</td>`).join("")}</tr>`).join("");
  return `<span class="rnn-wi__given"><span class="rnn-wi__given-label">${label} =</span>
    <table class="rnn-wi__mat" data-matrix="${key}" aria-label="${key}, ${rows.length} by ${rows[0].length}">${body}</table></span>`;
}

/** "W_hh" in a label becomes W<sub>hh</sub> (plain text keeps the underscore for the SVG description). */
const withSubscripts = (text: string) => text.replace(/W_(hh|xh)/g, "W<sub>$1</sub>");

/** Table cells keep three decimals (trailing zeros too, so columns line up) and the full value. */
const num = (v: number) => `<td data-value="${v}">${(Object.is(v, -0) ? 0 : v).toFixed(3).replace("-", "\u2212")}</td>`;

function tableRows(run: Run): string {
  return run.hs
    .map((h, t) => `<tr><th scope="row">${t + 1}</th><td data-value="${run.xs[t]}">${short(run.xs[t])}</td>${num(h[0])}${num(h[1])}</tr>`)
    .join("");
}

/** Mount the explorer in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-wi");
  const setup: Setup = { preset: "identity", input: "pulse", scale: 1 };

  const radios = (name: string, options: Record<string, string>, checked: string) =>
    Object.entries(options)
      .map(
        ([value, text]) =>
          `<label class="rnn-wi__choice"><input type="radio" name="${uid}-${name}" value="${value}"${value === checked ? " checked" : ""}> ${withSubscripts(text)}</label>`,
      )
      .join("");
  const presetLabels = Object.fromEntries(Object.entries(PRESETS).map(([k, v]) => [k, v.label]));

  el.classList.add("rnn-wi");
  el.innerHTML = `
    <form class="rnn-wi__controls" data-controls>
      <fieldset><legend>Recurrent weights W<sub>hh</sub></legend>${radios("preset", presetLabels, setup.preset)}
        <label class="rnn-wi__scale" for="${uid}-scale">scale s (Custom only)
          <input id="${uid}-scale" type="range" min="0" max="3" step="0.1" value="${setup.scale}" data-scale>
          <output for="${uid}-scale" data-scale-out></output></label>
      </fieldset>
      <fieldset><legend>Input sequence</legend>${radios("input", INPUTS, setup.input)}</fieldset>
    </form>
    <p class="rnn-wi__weights" data-weights></p>
    <div class="rnn-wi__figure" data-plot></div>
    <div aria-live="polite" data-explain>
      <p class="rnn-wi__explain" data-sentence></p>
      <ul class="rnn-wi__notes" data-notes></ul>
    </div>
    <details class="rnn-wi__table">
      <summary>Table of the plotted values</summary>
      <table class="rnn-wi__values" data-values>
        <caption>h_t for t = 1 … 30, starting from h_0 = 0</caption>
        <thead><tr><th scope="col">t</th><th scope="col">x_t</th><th scope="col">unit 1</th><th scope="col">unit 2</th></tr></thead>
        <tbody></tbody>
      </table>
    </details>`;

  const $ = finder(el);
  const form = $<HTMLFormElement>("[data-controls]");
  const scale = $<HTMLInputElement>("[data-scale]");
  // The plot is drawn as wide as it is shown, so its labels keep their size on a phone.
  const fit = watchWidth($<HTMLElement>("[data-plot]"), () => paint(), { signal });

  /** The one place that writes a run into the DOM. */
  function paint(): void {
    const run = simulate(setup);
    const found = notes(run);
    scale.disabled = setup.preset !== "custom";
    $("[data-scale-out]").textContent = short(setup.scale, 1);
    $("[data-weights]").innerHTML =
      matrixHtml("Whh", "W<sub>hh</sub>", run.Whh) + matrixHtml("Wxh", "W<sub>xh</sub>", run.Wxh) + matrixHtml("b", "b", run.b.map((v) => [v]));
    $("[data-plot]").innerHTML = plotSvg(run.hs, `${uid}-plot`, `${PRESETS[setup.preset].label}, ${INPUTS[setup.input]}. ${found.join(" ")}`, fit.width());
    // The explanation is a live region: rewrite it only when its words change,
    // so dragging the slider does not make a screen reader repeat itself.
    const sentence = $<HTMLElement>("[data-sentence]");
    if (sentence.dataset.preset !== setup.preset) {
      sentence.dataset.preset = setup.preset;
      sentence.innerHTML = withSubscripts(PRESETS[setup.preset].explain);
    }
    const items = $("[data-notes]");
    if (Array.from(items.children, (li) => li.textContent).join("\n") !== found.join("\n")) {
      items.replaceChildren(...found.map((n) => h("li", "", n)));
    }
    $("[data-values] tbody").innerHTML = tableRows(run);
    el.dataset.preset = setup.preset;
    el.dataset.input = setup.input;
  }

  // One listener for every control: "input" fires on each radio click and slider move.
  const onInput = (ev: Event) => {
    const t = ev.target as HTMLInputElement;
    if (t.name === `${uid}-preset`) setup.preset = t.value as PresetId;
    else if (t.name === `${uid}-input`) setup.input = t.value as InputId;
    else if (t === scale) setup.scale = Number(t.value);
    paint();
  };
  const onSubmit = (ev: Event) => ev.preventDefault();
  form.addEventListener("input", onInput, { signal });
  form.addEventListener("submit", onSubmit, { signal });
  paint();

}
