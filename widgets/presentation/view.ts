/**
 * Presentation Mode's drawing: the widget's frame and one <section> per slide. Everything that came
 * from storage goes in through lib/dom.ts's h() (text, never HTML); the loss chart is the studio's own
 * lossChart, whose labels are ours.
 */
import { h } from "../lib/dom.ts";
import { lossChart } from "../training-studio/view.ts";
import type { Slide } from "./logic.ts";

/** The widget's frame: the Build button, the controls (hidden until built), the deck. */
export function skeleton(uid: string): string {
  return `
    <p><button type="button" class="rnn-primary" data-action="build">Build my slides</button></p>
    <p class="rnn-pres__note" role="status" data-role="note"></p>
    <div class="rnn-pres__controls" data-role="controls" hidden>
      <button type="button" data-action="prev">Previous</button>
      <span data-role="status" aria-live="polite"></span>
      <button type="button" data-action="next">Next</button>
      <button type="button" data-action="fullscreen">Full screen</button>
      <button type="button" data-action="print">Print / Save as PDF</button>
    </div>
    <div class="rnn-pres__deck" data-role="deck" tabindex="0" role="region" aria-roledescription="slide deck" aria-label="Your slides (arrow keys move between them)" id="${uid}-deck" hidden></div>`;
}

/** One slide as a section: heading, sentences, list, chart and link; `href` resolves a site path. */
export function slideElement(s: Slide, n: number, total: number, uid: string, href: (where: string) => string): HTMLElement {
  const id = `${uid}-s${n}`;
  const sec = h("section", "rnn-pres__slide", [], { "data-slide": s.id, "aria-labelledby": id, "aria-roledescription": "slide" });
  sec.append(h("h3", "rnn-pres__heading", s.heading, { id }));
  for (const line of s.lines) sec.append(h("p", "", line));
  if (s.chart) {
    const box = h("div", "rnn-pres__chart", [], { "data-role": "chart" });
    box.innerHTML = lossChart(s.chart.train, s.chart.val, `${uid}-c`, 640);
    sec.append(box);
  }
  if (s.items) {
    const list = h(s.id === "samples" ? "ol" : "ul", "rnn-pres__items");
    for (const it of s.items) {
      const li = h("li", "", [], { "data-item": "" });
      li.append(s.id === "samples" ? h("pre", "rnn-pres__sample", it.text) : h("span", "", it.text));
      if (it.note) li.append(s.id === "samples" ? h("span", "rnn-pres__figures", it.note) : ` (${it.note})`);
      list.append(li);
    }
    sec.append(list);
  }
  if (s.neuronText !== undefined) sec.append(h("p", "rnn-pres__live", "Reading the text with the kept model…", { "data-role": "neuron-note" }),
    h("div", "rnn-mk__text rnn-pres__neuron", [], { "data-role": "neuron", role: "group", "aria-label": "The sample coloured by one cell" }));
  if (s.id === "demo" && !s.link) sec.append(demoControls(uid));
  if (s.link) sec.append(h("p", "", [h("a", "", s.link.text, { href: href(s.link.where) })]));
  sec.append(h("p", "rnn-pres__number", `${n} / ${total}`, { "aria-hidden": "true" }));
  return sec;
}

function demoControls(uid: string): HTMLElement {
  const box = h("div", "rnn-pres__demo");
  box.append(
    h("label", "", "Seed", { for: `${uid}-seed` }), h("input", "", [], { id: `${uid}-seed`, type: "text", value: "The ", "data-role": "seed", spellcheck: "false" }),
    h("button", "rnn-primary", "Generate", { type: "button", "data-action": "generate" }),
    h("pre", "rnn-pres__sample", "", { "data-role": "output", "aria-live": "polite" }),
  );
  return box;
}
