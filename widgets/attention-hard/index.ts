/**
 * Soft vs hard attention (Module 7): one sentence translated three ways by the attention
 * translator: soft weights (as trained), hard attention on the heaviest word (argmax), and hard
 * attention on a position sampled from the weights (seed field, Resample). Each hard run shows, per
 * step, the position used (◆) among that step's soft weights, and a paragraph computed by
 * comparing its output with the soft one (./logic.ts).
 *
 * Root: `[data-widget="attention-hard"]`. Hooks for tests: `input[data-role="sentence"]`,
 * `button[data-action="translate"]`, `input[data-role="seed"]`, `button[data-action="resample"]`;
 * sections `[data-run="soft|argmax|sample"]` with `[data-role="translation"]` (`data-text`), the
 * table of ../translator-kit/live.ts (focus cells `td[data-focus]`) and `[data-role="explain"]`;
 * `[data-role="summary"]`; the root's `data-translated` (a counter).
 */
import { translate, type TranslateResult } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { latest } from "../lib/latest.ts";
import { setState } from "../lib/state.ts";
import type { MountContext } from "../main.ts";
import { clip } from "../translator-kit/alignment.ts";
import { alignmentTable, showFailure, notesBox, sentenceForm, translatorLoader } from "../translator-kit/live.ts";
import { EXAMPLES, explain } from "./logic.ts";

type Kind = "soft" | "argmax" | "sample";
const TITLES: Record<Kind, string> = {
  soft: "Soft attention (as trained): a weighted average of every English word",
  argmax: "Hard attention, argmax: only the heaviest English word at each step",
  sample: "Hard attention, sampled: one English word drawn from the weights at each step",
};

export function render(el: HTMLElement, { signal }: MountContext): void {
  el.classList.add("rnn-ah");
  const runs = latest(signal);
  const loader = translatorLoader(el);
  const form = sentenceForm({ label: "English sentence", action: "Translate", examples: EXAMPLES, onSubmit: (t) => void run(t), signal });
  const seedId = uniqueId("rnn-ah-seed");
  const seed = h("input", "", undefined, { id: seedId, type: "number", min: "1", max: "999999", step: "1", value: "1", "data-role": "seed" });
  const resample = h("button", "", "Resample", { type: "button", "data-action": "resample" });
  const seedRow = h("p", "rnn-tk__row", [h("label", "", "Seed of the sampled run", { for: seedId }), seed, resample]);
  const said = h("p", "rnn-tk__summary", "Press Translate (the translator downloads once, the first time).", { "data-role": "summary", "aria-live": "polite" });
  const notes = notesBox();
  const sections = {} as Record<Kind, HTMLElement>;
  for (const k of ["soft", "argmax", "sample"] as Kind[]) {
    sections[k] = h("section", "rnn-ah__run", [h("h3", "", TITLES[k])], { "data-run": k });
    sections[k].hidden = true;
  }
  el.replaceChildren(loader.element, form.element, seedRow, said, notes.element, sections.soft, sections.argmax, sections.sample);
  let soft: TranslateResult | null = null;
  let count = 0;

  const seedValue = (): number => {
    const v = Math.trunc(Number(seed.value));
    return Number.isFinite(v) && v >= 1 ? v : 1;
  };

  function show(k: Kind, r: TranslateResult, text?: string): void {
    const focus = k === "soft" ? undefined : r.steps.map((st) => st.focus ?? -1);
    const out = h("p", "rnn-tk__out-text", `French: ${clip(r.text || "(nothing)")}`, { "data-role": "translation", "data-text": r.text });
    const caption = k === "soft" ? "Soft weights per French word" : "Soft weights at each step; ◆ marks the one position the decoder was given";
    const parts: Node[] = [h("h3", "", TITLES[k]), out, h("div", "rnn-tk__scroll", [alignmentTable(r, { caption, focus })])];
    if (text) parts.push(h("p", "", text, { "data-role": "explain" }));
    sections[k].replaceChildren(...parts);
    sections[k].hidden = false;
  }

  async function run(text: string, only?: "sample"): Promise<void> {
    const s = runs.next();
    setState(el, "running");
    said.textContent = only ? "Sampling again…" : "Translating three ways…";
    try {
      const live = await loader.get();
      if (s.aborted) return;
      if (!only || !soft) {
        const [sr, ar] = await Promise.all([
          translate(live.url, { text, strategy: "greedy" }, { signal: s }),
          translate(live.url, { text, strategy: "greedy", hard: "argmax" }, { signal: s }),
        ]);
        if (s.aborted) return;
        soft = sr;
        notes.show(sr);
        show("soft", sr);
        show("argmax", ar, explain(sr, ar, "argmax"));
      }
      const n = seedValue();
      const sm = await translate(live.url, { text, strategy: "greedy", hard: "sample", seed: n }, { signal: s });
      if (s.aborted || !soft) return;
      show("sample", sm, explain(soft, sm, "sampled"));
      count += 1;
      el.dataset.translated = String(count);
      said.textContent = `Done: soft, argmax and sampled (seed ${n}) translations are below.`;
      setState(el, "ready");
    } catch (err) {
      showFailure(err, s, { el, said, fail: (e, r) => loader.fail(e, r), retry: () => void run(form.input.value) });
    }
  }

  resample.addEventListener("click", () => {
    seed.value = String(seedValue() + 1);
    void run(form.input.value, "sample");
  }, { signal });
  form.input.addEventListener("input", () => { soft = null; }, { signal });
  setState(el, "ready");
}
