/**
 * The read-aloud widget's markup: the sample picker, Read aloud and Stop,
 * the sentence that says why reading is off, a status line, and the sample
 * itself as text. Text is set with textContent only.
 */
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { sampleLabel, type Timelapse } from "./logic.ts";

export interface ReadAloudView {
  select: HTMLSelectElement;
  speak: HTMLButtonElement;
  stop: HTMLButtonElement;
  /** Why the button is off (empty when reading works). */
  why: HTMLElement;
  said: HTMLElement;
  text: HTMLElement;
}


/** Build the widget inside `el` for the samples of `tl`, with the sample at `selected` chosen. */
export function buildView(el: HTMLElement, tl: Timelapse, modelName: string, selected: number): ReadAloudView {
  const id = uniqueId("rnn-ra");
  const intro = h("p", "rnn-ra__intro");
  intro.append("Samples that ", h("code", "", modelName), " wrote while it trained",
    tl.temperature === null ? "." : `, at temperature ${tl.temperature}.`);
  const label = h("label", "", "Sample", { for: `${id}-sample` });
  const select = h("select", "", undefined, { id: `${id}-sample`, "data-role": "sample" });
  tl.points.forEach((p, i) => {
    const o = new Option(sampleLabel(p), String(i));
    o.dataset.iter = String(p.iter);
    select.append(o);
  });
  select.value = String(selected);
  const speak = h("button", "rnn-primary", "Read aloud", { type: "button", "data-action": "speak", "aria-describedby": `${id}-why` });
  const stop = h("button", "", "Stop", { type: "button", "data-action": "stop" });
  stop.disabled = true;
  const row = h("div", "rnn-ra__row");
  row.append(label, select, speak, stop);
  const why = h("p", "rnn-ra__why", "", { id: `${id}-why`, "data-role": "why" });
  const said = h("p", "rnn-ra__said", "", { role: "status", "data-role": "said" });
  const text = h("pre", "rnn-ra__text", "", { "data-role": "text", role: "region", "aria-label": "The chosen sample", tabindex: "0" });
  el.replaceChildren(intro, row, why, said, text);
  return { select, speak, stop, why, said, text };
}
