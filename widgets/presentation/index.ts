/**
 * Presentation Mode (Module 10): "Build my slides" assembles a deck of the reader's project from what
 * this browser keeps (lib/achievements.ts's log and milestones, the project chosen in
 * widgets/project-template, lib/samples.ts's kept samples and the gallery's likes, the studio's
 * latest saved run in IndexedDB, the model kept for the pickers) and the site's figures
 * (templates.json, challenges.json). The kept model runs live on two slides through the shared ONNX
 * client, as the Heatmap Explorer and the Temperature Playground run it. Previous / Next, arrow keys
 * on the focused deck, Full screen, and Print / Save as PDF (one slide per landscape page). Nothing
 * is written to storage and nothing is sent anywhere.
 *
 * Hooks for tests: the root's `data-built` and `data-slides`, `data-current` (1-based);
 * `section[data-slide]` (title, approach, curves, results, samples, neurons, demo, badges, next);
 * `[data-role=status]`; `[data-role=neuron]` with the root's `data-neuron-cell` ("layer:unit");
 * `[data-role=output]` after Generate with the root's `data-demo` ("done" or "error").
 */
import { evaluate, readSources, type Course } from "../lib/achievements.ts";
import { BADGE_AT } from "../neuron-detective/logic.ts";
import { finder } from "../lib/dom.ts";
import { idbGet, idbKeys } from "../lib/idb.ts";
import { LINEPLOT_CSS } from "../lib/lineplot.ts";
import { readKept } from "../lib/samples.ts";
import { siteRoot } from "../lib/site.ts";
import { describeError, setState } from "../lib/state.ts";
import { load as loadStored } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";
import courseRaw from "../achievements/course.json" with { type: "json" };
import { normalizeMarks } from "../capstone-share/logic.ts";
import { cellSeries, capText } from "../heatmap-explorer/logic.ts";
import { paintText } from "../heatmap-explorer/view.ts";
import { ownEntry, ownModels, type OwnModel } from "../model-kit/own-models.ts";
import { modelUrl, pretrainedUrl } from "../model-kit/models.ts";
import { checkVocab } from "../model-kit/vocab.ts";
import kitCss from "../model-kit/kit.css" with { type: "text" };
import { projectOf, type Catalogue } from "../project-template/logic.ts";
import { generate, load, runText } from "../runtime/onnx/client.ts";
import type { StepRecord } from "../training-studio/logic.ts";
import { buildDeck, liveliestCell, referencesFrom, unigramNats, type ProjectInfo, type SavedCurve } from "./logic.ts";
import css from "./presentation.css" with { type: "text" };
import { skeleton, slideElement } from "./view.ts";

const course = courseRaw as Course;
const DEMO_CHARS = 200;
let counter = 0;

/** The studio's runs saved in IndexedDB ("studio-runs", one per placement): the latest, read only. */
async function latestSavedRun(): Promise<SavedCurve | null> {
  type Saved = { version: number; savedAt: number; name: string; text: string; records: StepRecord[]; val: [number, number][] };
  const all = await Promise.all((await idbKeys("studio-runs")).map((k) => idbGet<Saved>("studio-runs", k)));
  const ok = all.filter((s): s is Saved => !!s && s.version === 1 && Array.isArray(s.records) && Array.isArray(s.val) && typeof s.savedAt === "number");
  const s = ok.sort((a, b) => b.savedAt - a.savedAt)[0];
  if (!s) return null;
  return { savedAt: s.savedAt, name: String(s.name), records: s.records, val: s.val, unigramNats: typeof s.text === "string" ? unigramNats(s.text) : null };
}

async function fetchJson(path: string, signal: AbortSignal): Promise<unknown> {
  try {
    const r = await fetch(new URL(path, siteRoot()), { signal });
    return r.ok ? await r.json() : null;
  } catch {
    return null;
  }
}

export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(kitCss);
  adoptCss(LINEPLOT_CSS);
  adoptCss(css);
  const uid = `rnn-pres-${++counter}`;
  el.classList.add("rnn-pres");
  el.innerHTML = skeleton(uid);
  const $ = finder(el);
  const deck = $("[data-role='deck']");
  const status = $("[data-role='status']");
  const href = (where: string) => new URL(where, siteRoot()).href;
  let slides: HTMLElement[] = [];
  let current = 0;
  let model: OwnModel | null = null;
  let demo: AbortController | null = null;

  function show(i: number): void {
    if (!slides.length) return;
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach((s, k) => s.classList.toggle("rnn-pres__slide--current", k === current));
    status.textContent = `Slide ${current + 1} of ${slides.length}`;
    $<HTMLButtonElement>("[data-action='prev']").disabled = current === 0;
    $<HTMLButtonElement>("[data-action='next']").disabled = current === slides.length - 1;
    el.dataset.current = String(current + 1);
  }

  async function build(): Promise<void> {
    const note = $("[data-role='note']");
    note.textContent = "Building your slides from what this browser keeps…";
    setState(el, "running");
    const [templates, challenges, curve, models] = await Promise.all([
      fetchJson("data/capstone/templates.json", signal), fetchJson("data/studio/challenges.json", signal), latestSavedRun(), ownModels(),
    ]);
    if (signal.aborted) return;
    const sources = readSources();
    const choice = loadStored<unknown>("project-template:choice", null);
    const cat = templates as Catalogue | null;
    const p = cat?.projects && choice && typeof choice === "object" ? projectOf(cat, choice as { difficulty: string; domain: string }) : undefined;
    const project: ProjectInfo | null = p ? { title: p.title, goal: p.goal, measured: p.measured, targets: p.targets } : null;
    const marks = normalizeMarks(loadStored<unknown>("capstone:marks", {}));
    model = models.at(-1) ?? null;
    const deckSlides = buildDeck({
      project, runs: sources.log.runs, curve, kept: readKept(),
      liked: new Set(Object.entries(marks).filter(([, m]) => m.liked).map(([id]) => id)),
      earned: evaluate(sources, course, BADGE_AT), references: referencesFrom(challenges),
      model: model ? { id: model.id, textName: model.textName } : null, now: Date.now(),
    });
    slides = deckSlides.map((s, i) => slideElement(s, i + 1, deckSlides.length, uid, href));
    deck.replaceChildren(...slides);
    deck.hidden = false;
    $("[data-role='controls']").hidden = false;
    Object.assign(el.dataset, { built: "true", slides: String(slides.length) });
    note.textContent = `Built ${slides.length} slides on ${new Date().toLocaleString()}. Build again after training to bring them up to date.`;
    show(0);
    setState(el, "ready");
    const neuron = deckSlides.find((s) => s.neuronText !== undefined);
    if (neuron && model) void drawNeuron(model, neuron.neuronText!);
  }

  /** The kept model reads the text; the cell of largest variance colours it (as the Heatmap Explorer draws one cell). */
  async function drawNeuron(m: OwnModel, text: string): Promise<void> {
    const noteEl = $("[data-role='neuron-note']");
    try {
      const entry = ownEntry(m);
      const url = modelUrl(entry);
      const meta = await load(url, { metaUrl: pretrainedUrl(entry.meta) });
      const mapped = checkVocab(capText(text, 600).text, meta.vocab);
      if (!mapped.fed) throw new Error("none of the sample's characters is in the kept model's vocabulary");
      const run = await runText(url, mapped.fed, { outputs: ["h"], unknown: "skip", signal });
      if (signal.aborted || !run.h) return;
      const d = { T: run.ids.length, L: meta.layers, H: meta.hidden };
      const cell = liveliestCell(run.h, d.T, d.L, d.H);
      paintText($("[data-role='neuron']"), mapped, cellSeries(run.h, d, cell.layer, cell.unit), 1);
      noteEl.textContent = `Layer ${cell.layer}, h cell ${cell.unit} of ${d.H}: of all ${d.L * d.H} cells, its value varies most over this text (variance ${cell.variance.toFixed(3)}). Blue negative, white zero, red positive.`;
      el.dataset.neuronCell = `${cell.layer}:${cell.unit}`;
    } catch (err) {
      if (!signal.aborted) noteEl.textContent = `The kept model could not read the text (${describeError(err)}).`;
    }
  }

  async function runDemo(): Promise<void> {
    if (!model) return;
    demo?.abort();
    const mine = (demo = new AbortController());
    signal.addEventListener("abort", () => mine.abort(), { once: true });
    const out = $("[data-role='output']");
    out.textContent = "";
    try {
      const entry = ownEntry(model);
      const url = modelUrl(entry);
      const meta = await load(url, { metaUrl: pretrainedUrl(entry.meta) });
      const fed = checkVocab($<HTMLInputElement>("[data-role='seed']").value, meta.vocab).fed || meta.vocab[0];
      out.textContent = fed;
      const gen = generate(url, { seedText: fed, length: DEMO_CHARS, temperature: 0.8, rngSeed: Date.now() % 100_000 }, {
        signal: mine.signal, onChunk: (t) => out.append(t),
      });
      await gen.done;
      if (!mine.signal.aborted) el.dataset.demo = "done";
    } catch (err) {
      if (mine.signal.aborted) return;
      out.textContent = `The kept model could not generate (${describeError(err)}).`;
      el.dataset.demo = "error";
    }
  }

  function fullScreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen();
    else if (el.requestFullscreen) el.requestFullscreen().catch(() => el.classList.toggle("rnn-pres--full"));
    else el.classList.toggle("rnn-pres--full"); // no Fullscreen API: a fixed overlay over the page
    deck.focus();
  }

  $("[data-action='build']").addEventListener("click", () => void build().catch((err) => setState(el, "error", describeError(err))), { signal });
  $("[data-action='prev']").addEventListener("click", () => show(current - 1), { signal });
  $("[data-action='next']").addEventListener("click", () => show(current + 1), { signal });
  $("[data-action='fullscreen']").addEventListener("click", fullScreen, { signal });
  $("[data-action='print']").addEventListener("click", () => window.print(), { signal });
  deck.addEventListener("click", (e) => {
    if ((e.target as Element).closest("[data-action='generate']")) void runDemo();
  }, { signal });
  deck.addEventListener("keydown", (e) => {
    if ((e.target as Element).closest("input, textarea, button")) return;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    if (e.key === "Home" || e.key === "End") show(e.key === "Home" ? 0 : slides.length - 1);
    else if (e.key in moves) show(current + moves[e.key]);
    else if (e.key === "Escape" && el.classList.contains("rnn-pres--full")) el.classList.remove("rnn-pres--full");
    else return;
    e.preventDefault();
  }, { signal });
  signal.addEventListener("abort", () => demo?.abort());
  setState(el, "ready");
}
