/**
 * Live Demo Gallery (Module 5): one fence per demo, `demo: shakespeare |
 * latex | c | names`. The demo runs on a model of its corpus listed in
 * index.json; where none is listed (a build without that model) it says
 * so, and shows no invented output. Names: ten new names, each marked as
 * in the training list or new (docs/data/train-lines/<corpus>.json, made by
 * `python -m build_models.train_names`), and the share that is new.
 *
 * Hooks for tests: root `data-demo`, `data-status` (untrained | idle |
 * running | done); `[data-role="input"]`, `[data-action="generate|stop"]`,
 * `input[data-role="rng-seed"]`, `[data-role="output"]`; names: `li[data-name]`
 * with `data-known` "true"/"false", `[data-role="novel-share"]` (`data-share`).
 * Names also get a 👍 toggle each ("Keep <name>") that adds the name to a
 * "Your favourites" list saved in this browser: see ./favourites.ts.
 */
import { generate, type Generation, type ModelMeta } from "../runtime/onnx/client.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { fetchModels, trainingListUrl, modelUrl, type ModelEntry } from "../model-kit/models.ts";
import { mountModelSlot } from "../model-kit/loader.ts";
import { unknownNote } from "../model-kit/ui.ts";
import { h } from "../lib/dom.ts";
import { checkVocab, seedNote, seedTail } from "../model-kit/vocab.ts";
import { swapRunButtons } from "../lib/run-buttons.ts";
import { DEMOS, namesOf, novelty, type Demo } from "./logic.ts";
import { favourites } from "./favourites.ts";
import css from "./demo-gallery.css" with { type: "text" };
import type { MountContext } from "../main.ts";
import { uniqueId } from "../lib/ids.ts";
import { percent } from "../lib/numbers.ts";

/** The training split's names, once per model URL. */
const trainingLists = new Map<string, Promise<Set<string> | null>>();
function trainingNames(entry: ModelEntry): Promise<Set<string> | null> {
  const url = trainingListUrl(entry);
  if (!trainingLists.has(url)) {
    const p = fetch(url)
      .then(async (r) => (r.ok ? new Set<string>(((await r.json()) as { names: string[] }).names) : null))
      .catch(() => null);
    trainingLists.set(url, p);
  }
  return trainingLists.get(url)!;
}

function untrained(el: HTMLElement, demo: Demo): void {
  el.dataset.status = "untrained";
  const p = h("p", "rnn-dg__untrained", undefined, { "data-role": "untrained" });
  p.textContent =
    `This model is not trained yet. The demo needs a character model trained on ${demo.corpusLabel} ` +
    `(corpus "${demo.corpora[0]}"); such models are trained on a GPU, which this build of the course has not had. ` +
    `When one is added to pretrained/, this demo runs here without any change. Nothing below is made up in the meantime.`;
  el.replaceChildren(h("h3", "rnn-dg__title", demo.title), p);
}

/** Mount the demo in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const demo = DEMOS[el.dataset.demo ?? ""];
  if (!demo) throw new Error(`"${el.dataset.demo}" is not a demo of the gallery (choose ${Object.keys(DEMOS).join(", ")})`);
  el.classList.add("rnn-dg");
  const all = await fetchModels().catch(() => null);
  if (all && !all.some((m) => demo.corpora.includes(m.corpus))) {
    untrained(el, demo);
    return;
  }
  if (signal.aborted) return;
  const id = uniqueId("rnn-dg");
  el.dataset.status = "idle";
  const title = h("h3", "rnn-dg__title", demo.title);
  const controls = h("div", "rnn-dg__controls");
  let input: HTMLInputElement | HTMLTextAreaElement | null = null;
  if (demo.input) {
    const label = h("label", "", demo.input.label);
    input = demo.input.multiline ? Object.assign(h("textarea"), { rows: 2 }) : h("input");
    input.id = label.htmlFor = `${id}-in`;
    input.dataset.role = "input";
    input.value = demo.input.value;
    input.spellcheck = false;
    controls.append(label, input);
  }
  const rngLabel = h("label", "", "Random seed");
  const rng = h("input", "", undefined, { type: "number", min: "0", step: "1", value: "1" });
  rng.id = rngLabel.htmlFor = `${id}-rng`;
  rng.dataset.role = "rng-seed";
  const go = h("button", "rnn-primary", demo.key === "names" ? "10 new names" : "Generate", { type: "button" });
  go.dataset.action = "generate";
  const stop = Object.assign(h("button", "", "Stop"), { type: "button", disabled: true });
  stop.dataset.action = "stop";
  const row = h("div", "rnn-dg__row");
  row.append(rngLabel, rng, go, stop);
  controls.append(row);
  const note = unknownNote();
  const said = h("p", "rnn-dg__said", undefined, { "aria-live": "polite" });
  const out = h(demo.key === "names" ? "ol" : "pre", "rnn-dg__output");
  out.dataset.role = "output";
  out.tabIndex = 0;
  // One region per demo on the page, so each needs its own name (axe: landmark-unique).
  out.setAttribute("aria-label", demo.key === "names" ? "Generated names" : `Generated text: ${demo.title}`);
  if (demo.key !== "names") out.setAttribute("role", "region");
  const share = h("p", "rnn-dg__share", undefined, { "data-role": "novel-share", "aria-live": "polite" });
  const favs = demo.key === "names" ? favourites(id, signal) : null;
  el.replaceChildren(title, controls, note.element, said, out, share, ...(favs ? [favs.element] : []));

  let model: { entry: ModelEntry; meta: ModelMeta } | null = null;
  let gen: Generation | null = null;

  async function showNames(text: string, entry: ModelEntry): Promise<void> {
    const names = namesOf(text);
    const training = await trainingNames(entry);
    if (signal.aborted) return;
    const { marked, novelShare } = novelty(names, training ?? new Set());
    out.replaceChildren(
      ...marked.map((m) => {
        const li = h("li", "", m.name);
        li.dataset.name = m.name;
        if (training) {
          li.dataset.known = String(m.known);
          li.append(h("span", "rnn-dg__mark", m.known ? " — in the training list" : " — new"));
        }
        if (favs) li.append(" ", favs.keepButton(m.name));
        return li;
      }),
    );
    share.textContent = training
      ? `${marked.filter((m) => !m.known).length} of ${names.length} names (${percent(novelShare)}) are not in the training list: the model made them up.`
      : "The training list is not on this site, so the names cannot be checked against it.";
    if (training) share.dataset.share = String(novelShare);
  }

  function start(): void {
    if (!model || gen) return;
    const { entry, meta } = model;
    // A pasted book is read from its end only, as in the Temperature Playground.
    const tail = seedTail(demo.seedFor(input?.value ?? "", entry.corpus));
    const check = checkVocab(tail.text, meta.vocab);
    note.show(check);
    const seed = Number(rng.value);
    if (!Number.isInteger(seed) || seed < 0) {
      said.textContent = "The random seed must be a whole number ≥ 0.";
      return;
    }
    let text = "";
    out.textContent = "";
    share.textContent = "";
    delete share.dataset.share;
    el.dataset.status = "running";
    setState(el, "running");
    swapRunButtons(go, stop, true);
    said.textContent = `${seedNote(tail)} Writing…`.trimStart();
    const g = generate(
      modelUrl(entry),
      { seedText: check.fed, length: demo.length, temperature: demo.temperature, rngSeed: seed, unknown: "skip" },
      {
        onChunk: (chunk) => {
          if (signal.aborted || demo.endOf(text) !== null) return;
          text += chunk;
          const end = demo.endOf(text);
          if (end !== null) {
            text = text.slice(0, end);
            g.cancel();
          }
          if (demo.key === "names") out.textContent = namesOf(text).join(", ");
          else out.textContent = text;
        },
        signal,
      },
    );
    gen = g;
    g.done
      .then(async (r) => {
        if (signal.aborted) return;
        if (demo.key === "names") await showNames(text, entry);
        said.textContent = r.cancelled && demo.endOf(text) === null ? "Stopped." : `Done: ${Array.from(text).length} characters at temperature ${demo.temperature}.`;
      })
      .catch((err: unknown) => {
        if (!signal.aborted) said.textContent = describeError(err);
      })
      .finally(() => {
        gen = null;
        if (signal.aborted) return;
        el.dataset.status = "done";
        swapRunButtons(go, stop, false);
        setState(el, "ready");
      });
  }
  go.addEventListener("click", start, { signal });
  stop.addEventListener("click", () => gen?.cancel(), { signal });
  input?.addEventListener("input", () => model && note.show(checkVocab(demo.seedFor(input!.value, model.entry.corpus), model.meta.vocab)), { signal });

  const slot = await mountModelSlot(el, controls, {
    signal,
    corpora: demo.corpora,
    filter: (m) => demo.corpora.includes(m.corpus),
    onSwitch: () => gen?.cancel(),
    onReady: (entry, meta) => {
      model = { entry, meta };
    },
  });
  if (!slot && !signal.aborted) untrained(el, demo);
}
