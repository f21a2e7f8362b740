/**
 * Attention Weight Calculator (Module 7, difficulty ⭐⭐): a query, 2 to 8 keys and their values
 * in 2 to 4 dimensions, typed by the reader; the dot-product and the additive (Bahdanau) scores,
 * their softmax and the context vector, recomputed on every keystroke. The arithmetic is in
 * ./logic.ts, the result tables and the arrow picture in ./view.ts; this file wires the form.
 *
 * Root: `[data-widget="attention-calculator"]`. Hooks for tests: `input[data-field="q1"]`,
 * `"k2.1"`, `"val1.1"`, `"Wq1.1"`, `"Wk1.1"`, `"v1"`; `[data-dim]`, `[data-scaled]`,
 * `[data-sharpness]`; `[data-errors]`, `[data-summary]` (the live region); the root's
 * `data-valid` ("true" while the typed numbers are the ones shown) and `data-updates` (a counter).
 */
import { adoptCss } from "../lib/style.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder, h } from "../lib/dom.ts";
import { short } from "../lib/numbers.ts";
import type { MountContext } from "../main.ts";
import css from "./attention-calculator.css" with { type: "text" };
import {
  attend,
  fieldLabel,
  MAX_KEYS,
  MIN_KEYS,
  readDraft,
  setField,
  SHARPNESS_START,
  SHARPNESS_STEPS,
  sharpnessAt,
  startDraft,
  sub,
  summary,
  whyAdditive,
  whyWinner,
  withDimension,
  withKeyAdded,
  withKeyRemoved,
  type Draft,
  type Inputs,
  type Result,
} from "./logic.ts";
import { additiveTable, arrowsSvg, barsTable, contextTable, num, scoresTable, softmaxTable } from "./view.ts";

/** One labelled number field. */
function field(uid: string, name: string, text: string): HTMLElement {
  const id = `${uid}-${name.replace(".", "-")}`;
  return h("span", "rnn-ac__cell", [
    h("label", "rnn-sr-only", fieldLabel(name), { for: id }),
    h("input", "rnn-ac__num", undefined, {
      id, type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", size: "5",
      "data-field": name, value: text,
    }),
  ]);
}

/** A row of fields: a visible row name, the fields `prefix<i>.<j>` (or `prefix<j>`), extras after. */
function row(uid: string, head: string, prefix: string, texts: string[], extra: Node[] = []): HTMLElement {
  const fields = texts.map((t, j) => field(uid, `${prefix}${j + 1}`, t));
  return h("div", "rnn-ac__row", [h("span", "rnn-ac__rowhead", head, { "aria-hidden": "true" }), ...fields, ...extra]);
}

/** The fieldsets of the draft: query, keys (with Remove), values, the additive score's parameters. */
function fieldsets(uid: string, dr: Draft, additiveOpen: boolean): Node[] {
  const n = dr.keys.length;
  const keys = dr.keys.map((k, i) =>
    row(uid, `k${sub(i + 1)}`, `k${i + 1}.`, k, [
      h("button", "rnn-ac__remove", "Remove", {
        type: "button", "data-action": "remove", "data-key": String(i), "aria-label": `Remove key ${i + 1}`,
        ...(n <= MIN_KEYS ? { disabled: "" } : {}),
      }),
    ]));
  const radios = (["keys", "own"] as const).map((v) =>
    h("label", "rnn-ac__choice", [
      h("input", "", undefined, {
        type: "radio", name: `${uid}-values`, value: v, "data-values-mode": v,
        ...((v === "own") === dr.ownValues ? { checked: "" } : {}),
      }),
      v === "keys" ? " values = keys" : " my own values",
    ]));
  const values = dr.ownValues ? dr.values.map((v, i) => row(uid, `v${sub(i + 1)}`, `val${i + 1}.`, v)) : [];
  const matrix = (name: string, m: string[][]) =>
    h("div", "rnn-ac__matrix", [h("p", "rnn-ac__mhead", name), ...m.map((r, i) => row(uid, "", `${name.replace("_", "")}${i + 1}.`, r))]);
  const details = h("details", "rnn-ac__additive", [
    h("summary", "", "Parameters of the additive score: W_q, W_k and v"),
    h("p", "rnn-ac__note", "In a trained model these are learned. They start as the identity and ones, so that " +
      "e_i = sum of tanh(q + k_i); change them to see the additive score follow."),
    h("div", "rnn-ac__matrices", [matrix("W_q", dr.Wq), matrix("W_k", dr.Wk),
      h("div", "rnn-ac__matrix", [h("p", "rnn-ac__mhead", "v"), row(uid, "", "v", dr.v)])]),
  ]);
  details.open = additiveOpen;
  return [
    h("fieldset", "rnn-ac__set", [h("legend", "", "Query q"), row(uid, "q", "q", dr.query)]),
    h("fieldset", "rnn-ac__set", [h("legend", "", `Keys: ${n} (${MIN_KEYS} to ${MAX_KEYS} allowed)`), ...keys,
      h("button", "", "Add a key", { type: "button", "data-action": "add", ...(n >= MAX_KEYS ? { disabled: "" } : {}) })]),
    h("fieldset", "rnn-ac__set", [h("legend", "", "Values"), h("div", "rnn-ac__choices", radios), ...values]),
    details,
  ];
}

/** Mount the calculator in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-ac");
  let draft = startDraft();
  let shown: { inputs: Inputs; result: Result } | null = null;
  let updates = 0;

  el.classList.add("rnn-ac");
  el.innerHTML = `
    <p>Type a query, keys and values (number fields; Tab moves between them). Every number below the form is
      computed from them as you type: scores, softmax, weights and the context vector.</p>
    <form class="rnn-ac__form" novalidate>
      <div data-fields></div>
      <div class="rnn-ac__controls">
        <label>Dimension d <select data-dim>${[2, 3, 4].map((d) => `<option value="${d}">${d}</option>`).join("")}</select></label>
        <label class="rnn-ac__choice"><input type="checkbox" data-scaled aria-describedby="${uid}-scale-note"> scale the dot products by 1/√d</label>
        <button type="button" data-action="reset">Back to the start numbers</button>
      </div>
      <p class="rnn-ac__note" id="${uid}-scale-note">Scaling: a dot product of d entries grows with d, and large
        scores push the softmax towards one key. Dividing by √d keeps scores of random vectors near size 1
        whatever d is (Transformers do this).</p>
      <div class="rnn-ac__slider">
        <label for="${uid}-sharp">Sharpness (multiplies every score before the softmax)</label>
        <input type="range" id="${uid}-sharp" data-sharpness min="0" max="${SHARPNESS_STEPS}" step="1"
          value="${SHARPNESS_START}" aria-describedby="${uid}-sharp-note">
        <output data-sharpness-out for="${uid}-sharp"></output>
      </div>
      <p class="rnn-ac__note" id="${uid}-sharp-note">0 makes every weight equal (uniform); large values give
        nearly all the weight to the best key (one-hot). A temperature T is a sharpness of 1/T.</p>
    </form>
    <ul class="rnn-ac__errors" data-errors hidden></ul>
    <p class="rnn-ac__summary" data-summary aria-live="polite"></p>
    <div class="rnn-ac__results" data-results></div>`;

  const $ = finder(el);
  const form = $<HTMLFormElement>("form");
  const fieldsBox = $("[data-fields]");
  const errorsBox = $("[data-errors]");
  const summaryBox = $("[data-summary]");
  const results = $("[data-results]");
  const dim = $<HTMLSelectElement>("[data-dim]");
  const scaled = $<HTMLInputElement>("[data-scaled]");
  const slider = $<HTMLInputElement>("[data-sharpness]");
  const sliderOut = $("[data-sharpness-out]");

  /** Rebuild the fields after a change of shape (keys added or removed, d, values mode). */
  function rebuild(): void {
    const open = fieldsBox.querySelector("details")?.open ?? false;
    fieldsBox.replaceChildren(...fieldsets(uid, draft, open));
    dim.value = String(draft.query.length);
  }

  function paintResults(r: Result, inp: Inputs): void {
    const plot = r.d === 2
      ? `<figure class="rnn-ac__figure">${arrowsSvg(r, inp.query, inp.keys, `${uid}-plot`)}
          <figcaption>q, the keys (thicker: more dot-product weight; green: the winner) and the context vector c (dashed).</figcaption></figure>`
      : `<p class="rnn-ac__note">The arrow picture is drawn for d = 2.</p>`;
    results.innerHTML = `
      <p class="rnn-ac__why" data-why>${whyWinner(r, (v) => num(v))} ${whyAdditive(r, (v) => num(v))}</p>
      <div class="rnn-ac__top">${barsTable(r)}${plot}</div>
      ${scoresTable(r, inp.query, inp.keys)}
      ${softmaxTable(r, r.dot, "dot", "2. Softmax of the dot-product scores")}
      ${contextTable(r)}
      ${additiveTable(r)}
      ${softmaxTable(r, r.additive, "additive", "5. Softmax of the additive scores")}`;
  }

  /** Read the fields, compute, and write the results, the errors and the live summary. */
  function update(): void {
    draft.scaled = scaled.checked;
    draft.sharpness = sharpnessAt(Number(slider.value));
    sliderOut.textContent = `× ${short(draft.sharpness, 2)}`;
    slider.setAttribute("aria-valuetext", `sharpness ${short(draft.sharpness, 2)}`);
    const read = readDraft(draft);
    const bad = new Map(read.errors.map((e) => [e.field, e.message]));
    errorsBox.replaceChildren(...read.errors.map((e) => h("li", "", e.message, { id: `${uid}-err-${e.field.replace(".", "-")}` })));
    errorsBox.hidden = read.errors.length === 0;
    for (const input of fieldsBox.querySelectorAll<HTMLInputElement>("input[data-field]")) {
      const f = input.dataset.field ?? "";
      input.setAttribute("aria-invalid", String(bad.has(f)));
      if (bad.has(f)) input.setAttribute("aria-describedby", `${uid}-err-${f.replace(".", "-")}`);
      else input.removeAttribute("aria-describedby");
    }
    if (read.inputs) {
      shown = { inputs: read.inputs, result: attend(read.inputs) };
      paintResults(shown.result, shown.inputs);
      summaryBox.textContent = summary(shown.result);
    } else {
      const more = read.errors.length > 1 ? ` (and ${read.errors.length - 1} more)` : "";
      summaryBox.textContent = `${read.errors[0].message}${more} The results below are still those of the last valid numbers.`;
    }
    results.classList.toggle("rnn-ac__results--stale", !read.inputs && shown !== null);
    el.dataset.valid = String(read.inputs !== null);
    updates += 1;
    el.dataset.updates = String(updates);
  }

  form.addEventListener("submit", (ev) => ev.preventDefault(), { signal });
  form.addEventListener("input", (ev) => {
    const t = ev.target as HTMLInputElement;
    if (t.dataset.field) setField(draft, t.dataset.field, t.value);
    if (t.dataset.field || t === slider) update();
  }, { signal });
  form.addEventListener("change", (ev) => {
    const t = ev.target as HTMLElement;
    if (t === dim) {
      draft = withDimension(draft, Number(dim.value));
      rebuild();
    } else if (t.dataset.valuesMode) {
      const own = t.dataset.valuesMode === "own";
      // Own values start as a copy of the keys as typed now, so the results do not jump.
      if (own && !draft.ownValues) draft.values = draft.keys.map((k) => [...k]);
      draft.ownValues = own;
      rebuild();
      fieldsBox.querySelector<HTMLInputElement>(`[data-values-mode="${t.dataset.valuesMode}"]`)?.focus();
    } else if (t !== scaled) {
      return;
    }
    update();
  }, { signal });
  el.addEventListener("click", (ev) => {
    const button = (ev.target as HTMLElement).closest<HTMLButtonElement>("button[data-action]");
    if (!button || button.disabled) return;
    const action = button.dataset.action;
    if (action === "add") {
      draft = withKeyAdded(draft);
      rebuild();
      fieldsBox.querySelector<HTMLInputElement>(`[data-field="k${draft.keys.length}.1"]`)?.focus();
    } else if (action === "remove") {
      const i = Number(button.dataset.key);
      draft = withKeyRemoved(draft, i);
      rebuild();
      const buttons = fieldsBox.querySelectorAll<HTMLButtonElement>('[data-action="remove"]');
      const next = buttons[Math.min(i, buttons.length - 1)];
      (next && !next.disabled ? next : fieldsBox.querySelector<HTMLButtonElement>('[data-action="add"]'))?.focus();
    } else if (action === "reset") {
      draft = startDraft();
      scaled.checked = false;
      slider.value = String(SHARPNESS_START);
      rebuild();
    } else {
      return;
    }
    update();
  }, { signal });

  rebuild();
  update();
}
