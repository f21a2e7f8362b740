/**
 * LSTM Gate Playground (Module 3): one cell of one unit with its gates set by
 * hand. Sliders for the forget, input and output gates, the candidate and the
 * previous cell state; the cell-state and hidden-state equations are shown
 * with the current numbers, live. Settings are kept in localStorage.
 * Arithmetic lives in ./cell.ts.
 *
 * Hooks for tests: sliders `input[data-key="f|i|o|g|cPrev"]`; results
 * `[data-result="kept|written|c|tanhC|h"]` with `data-value` (full precision).
 */
import { load, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./gate-playground.css" with { type: "text" };
import { cellUpdate, clampTo, explain, PRESETS, RANGES, restoreInput, type CellInput, type CellOutput } from "./cell.ts";
import type { MountContext } from "../main.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";

const KEY = "gate-playground:values";
const KEYS = Object.keys(RANGES) as (keyof CellInput)[];
const CLASS: Record<keyof CellInput, string> = { f: "f", i: "i", o: "o", g: "g", cPrev: "c" };

/** A number with a true minus sign; `digits` decimals. */
const n = (v: number, digits: number) => (Object.is(v, -0) ? 0 : v).toFixed(digits).replace("-", "\u2212");
const val = (key: keyof CellOutput, y: CellOutput, cls: string) =>
  `<span class="rnn-gp__${cls}" data-result="${key}" data-value="${y[key]}">${n(y[key], 3)}</span>`;
const inp = (key: keyof CellInput, x: CellInput) => `<span class="rnn-gp__${CLASS[key]}">${n(x[key], 2)}</span>`;
/** Parenthesise a negative factor so "0.5 × (−0.8)" reads right. */
const par = (key: keyof CellInput, x: CellInput) => (x[key] < 0 ? `(${inp(key, x)})` : inp(key, x));

function equations(x: CellInput, y: CellOutput): string {
  return `<p class="rnn-gp__eq">c<sub>t</sub> = <span class="rnn-gp__f">f</span> × <span class="rnn-gp__c">c<sub>t−1</sub></span> + <span class="rnn-gp__i">i</span> × <span class="rnn-gp__g">c̃</span>
      = ${inp("f", x)} × ${par("cPrev", x)} + ${inp("i", x)} × ${par("g", x)}
      = ${val("kept", y, "c")} + ${y.written < 0 ? "(" : ""}${val("written", y, "g")}${y.written < 0 ? ")" : ""} = ${val("c", y, "c")}</p>
    <p class="rnn-gp__eq"><span class="rnn-gp__h">h<sub>t</sub></span> = <span class="rnn-gp__o">o</span> × tanh(c<sub>t</sub>)
      = ${inp("o", x)} × tanh(${n(y.c, 3)}) = ${inp("o", x)} × ${val("tanhC", y, "c")} = ${val("h", y, "h")}</p>`;
}

/** Mount the playground in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-gp");
  const x: CellInput = restoreInput(load<unknown>(KEY, null));
  const slider = (k: keyof CellInput) => {
    const r = RANGES[k];
    return `<label class="rnn-gp__knob" for="${uid}-${k}"><span class="rnn-gp__${CLASS[k]}">${r.label}</span>
      <input id="${uid}-${k}" type="range" min="${r.min}" max="${r.max}" step="${r.step}" value="${x[k]}" data-key="${k}">
      <output for="${uid}-${k}" data-out="${k}"></output></label>`;
  };
  el.classList.add("rnn-gp");
  el.innerHTML = `
    <form data-form>
      <fieldset class="rnn-gp__sliders"><legend>Set the gates and the inputs of one cell</legend>${KEYS.map(slider).join("")}</fieldset>
      <div class="rnn-gp__presets" role="group" aria-label="Presets">${Object.entries(PRESETS)
        .map(([id, p]) => `<button type="button" data-preset="${id}">${p.label}</button>`)
        .join("")}</div>
    </form>
    <div data-equations></div>
    <p class="rnn-gp__explain" aria-live="polite" data-explain></p>
    <p role="status" data-saved></p>`;
  const $ = finder(el);
  const form = $<HTMLFormElement>("[data-form]");

  function paint(): void {
    const y = cellUpdate(x);
    for (const k of KEYS) {
      $<HTMLInputElement>(`input[data-key="${k}"]`).value = String(x[k]);
      $(`[data-out="${k}"]`).textContent = n(x[k], 2);
    }
    $("[data-equations]").innerHTML = equations(x, y);
    $("[data-explain]").textContent = explain(x, y);
    saveAndSay(KEY, x, $("[data-saved]"));
  }
  const onInput = (ev: Event) => {
    const t = ev.target as HTMLInputElement;
    const k = t.dataset.key as keyof CellInput | undefined;
    if (!k) return;
    x[k] = clampTo(k, Number(t.value));
    paint();
  };
  const onClick = (ev: Event) => {
    const id = (ev.target as HTMLElement).closest<HTMLElement>("[data-preset]")?.dataset.preset;
    if (!id || !PRESETS[id]) return;
    Object.assign(x, PRESETS[id].values);
    paint();
  };
  const onSubmit = (ev: Event) => ev.preventDefault();
  form.addEventListener("input", onInput, { signal });
  form.addEventListener("click", onClick, { signal });
  form.addEventListener("submit", onSubmit, { signal });
  paint();
}
