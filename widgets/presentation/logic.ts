/**
 * Presentation Mode's pure logic (Module 10): the slides of a reader's project, built from what this
 * browser keeps (the chosen project, the log of finished studio runs, the studio's latest saved run,
 * kept and liked samples, milestones and badges, the kept model's name) and from the site's own
 * figures (templates.json, challenges.json). Every slide says in a sentence what is missing rather
 * than staying empty. No DOM: view.ts draws what these return, always as text.
 */
import { textStats } from "../dataset-explorer/logic.ts";
import type { Earned, StudioRun } from "../lib/achievements.ts";
import type { KeptSample } from "../lib/samples.ts";
import { overfitting, smoothCurve, type StepRecord } from "../training-studio/logic.ts";

/** The chosen capstone project, as templates.json describes it (only what the slides use). */
export interface ProjectInfo {
  title: string;
  goal: string;
  /** Our run of the defaults: validation perplexity, and that of character frequencies alone. */
  measured: { val_perplexity: number; unigram_perplexity: number } | null;
  targets: { val_perplexity: number } | null;
}

/** The studio's latest saved run (IndexedDB "studio-runs"), as much as the slides use. */
export interface SavedCurve {
  savedAt: number;
  name: string;
  records: StepRecord[];
  val: [number, number][];
  /** Validation loss of character frequencies alone on this run's text (unigramNats); null if unknown. */
  unigramNats: number | null;
}

/** Our reference runs, from docs/data/studio/challenges.json. */
export interface Reference {
  what: string;
  perplexity: number;
}

/** Everything a deck is built from. */
export interface DeckInputs {
  project: ProjectInfo | null;
  runs: StudioRun[];
  curve: SavedCurve | null;
  kept: KeptSample[];
  /** Ids ("kept:<at>") of the kept samples the reader liked in the gallery. */
  liked: ReadonlySet<string>;
  earned: { milestones: Earned[]; badges: Earned[] } | null;
  references: Reference[];
  /** The kept model the live slides run, by id; null when none is kept. */
  model: { id: string; textName: string } | null;
  now: number;
}

/** A link a slide offers (a path from the site root). */
export interface SlideLink {
  text: string;
  where: string;
}

/** One slide: a heading, sentences, an optional list and link, and what the view adds live. */
export interface Slide {
  id: "title" | "approach" | "curves" | "results" | "samples" | "neurons" | "demo" | "badges" | "next";
  heading: string;
  lines: string[];
  items?: { text: string; note: string }[];
  link?: SlideLink;
  /** The curves slide: the training curve (smoothed) and the validation checks to draw. */
  chart?: { train: [number, number][]; val: [number, number][] };
  /** The neuron slide: the text to read with the kept model. */
  neuronText?: string;
}

const STUDIO = "modules/05-experiments/own-data/";
const PROJECTS = "modules/10-capstone/projects/";
const CELLS: Record<string, string> = { lstm: "LSTM", gru: "GRU", rnn: "vanilla RNN" };
const fmt = (x: number, d = 2) => x.toFixed(d);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
const shape = (r: { cell: string; layers: number; hidden: number }) =>
  `${r.layers} layer${r.layers === 1 ? "" : "s"} × ${r.hidden} ${CELLS[r.cell] ?? r.cell}`;
const textLabel = (t: string) => (t === "upload" ? "your own text" : t === "challenge" ? "a challenge level's text" : `our ${t} excerpt`);

/** The run with the lowest validation loss, or null. */
export function bestRun(runs: readonly StudioRun[]): StudioRun | null {
  return runs.reduce<StudioRun | null>((a, r) => (!a || r.bestValLoss < a.bestValLoss ? r : a), null);
}

/**
 * The auto-written summary of the approach, from the log: how many runs, on what, the best model
 * and what it reached, and the training time in all. Null when no run finished.
 */
export function summarySentence(runs: readonly StudioRun[]): string | null {
  const best = bestRun(runs);
  if (!best) return null;
  const texts = [...new Set(runs.map((r) => r.text))];
  const minutes = runs.reduce((a, r) => a + r.trainedS, 0) / 60;
  const shapes = new Set(runs.map(shape)).size;
  return `I trained ${plural(runs.length, "model")} (${plural(shapes, "architecture")}) on ${texts.map(textLabel).join(", ")} `
    + `for ${fmt(minutes, 1)} minutes in all; the best, a ${shape(best)}, reached a validation perplexity of `
    + `${fmt(best.bestValPerplexity)} (${fmt(best.bestValLoss, 3)} nats per character) after ${plural(best.steps, "iteration")} `
    + `at about ${Math.round(best.charsPerS).toLocaleString("en")} characters per second.`;
}

/**
 * Whether the validation loss rose after its best: the studio's own test (validation up at the
 * last two checks while training kept falling) when the training curve is known, else the last
 * check above the best earlier one.
 */
export function overfitted(val: readonly [number, number][], train: readonly [number, number][]): boolean {
  if (train.length) return overfitting(val, train);
  if (val.length < 2) return false;
  const best = Math.min(...val.slice(0, -1).map((p) => p[1]));
  return val[val.length - 1][1] > best;
}

/**
 * The validation loss (nats per character) of a model that knows only the training text's
 * character frequencies: the Dataset Explorer's figure, which is the studio's own line
 * (session.py unigram_nats on its split). Null for a text too short to split.
 */
export function unigramNats(text: string): number | null {
  const s = textStats(text);
  return s.valChars ? s.heldOutNats : null;
}

/** Up to `n` samples to show: the liked ones first (newest first), then the newest others. */
export function bestSamples(kept: readonly KeptSample[], liked: ReadonlySet<string>, n = 3): KeptSample[] {
  const newest = [...kept].sort((a, b) => b.at - a.at);
  const isLiked = (s: KeptSample) => liked.has(`kept:${s.at}`);
  return [...newest.filter(isLiked), ...newest.filter((s) => !isLiked(s))].slice(0, n);
}

/** The cell (layer, unit) whose values vary most over the text, from states [T,L,H]; its variance. */
export function liveliestCell(values: Float32Array, T: number, L: number, H: number): { layer: number; unit: number; variance: number } {
  let best = { layer: 0, unit: 0, variance: -1 };
  for (let l = 0; l < L; l++) {
    for (let u = 0; u < H; u++) {
      let s = 0;
      let s2 = 0;
      for (let t = 0; t < T; t++) {
        const v = values[(t * L + l) * H + u];
        s += v;
        s2 += v * v;
      }
      const variance = T ? s2 / T - (s / T) ** 2 : 0;
      if (variance > best.variance) best = { layer: l, unit: u, variance };
    }
  }
  return best;
}

/** Our reference runs, from challenges.json (level 2's reached perplexity, the Boss's two runs). */
export function referencesFrom(challenges: unknown): Reference[] {
  const levels = (challenges as { levels?: Record<string, unknown>[] } | null)?.levels;
  if (!Array.isArray(levels)) return [];
  const out: Reference[] = [];
  for (const lv of levels) {
    const m = lv.measured as { reached?: { value?: number; minutes?: number } | null } | undefined;
    if (lv.metric === "val_ppl" && typeof m?.reached?.value === "number") {
      out.push({ what: `${String(lv.title)}: our 1 × 128 LSTM after ${m.reached.minutes} minutes (validation)`, perplexity: m.reached.value });
    }
    for (const k of ["reference", "beaten_by"] as const) {
      const r = lv[k] as { perplexity?: number; minutes?: number } | undefined;
      if (typeof r?.perplexity === "number") out.push({ what: `${String(lv.title)}: our run of ${r.minutes} minutes (hidden text)`, perplexity: r.perplexity });
    }
  }
  return out;
}

const dateText = (at: number) => new Date(at).toLocaleDateString("en", { year: "numeric", month: "long", day: "numeric" });

/** The nine slides, in order; each says what is missing instead of being empty. Pure. */
export function buildDeck(d: DeckInputs): Slide[] {
  const best = bestRun(d.runs);
  const latest = d.runs.reduce<StudioRun | null>((a, r) => (!a || r.at > a.at ? r : a), null);
  const train = d.curve ? smoothCurve(d.curve.records, 200) : [];
  const over = d.curve ? overfitted(d.curve.val, train) : false;
  const slides: Slide[] = [];

  slides.push({
    id: "title", heading: d.project ? d.project.title : "My character-level language model",
    lines: [
      d.project ? d.project.goal : "No capstone project is chosen in this browser yet: pick one in 10.2 to name this deck after it.",
      `Presented on ${dateText(d.now)}.`,
    ],
    link: d.project ? undefined : { text: "Choose a project (10.2)", where: PROJECTS },
  });

  const summary = summarySentence(d.runs);
  slides.push({
    id: "approach", heading: "Approach",
    lines: latest && summary
      ? [
        `Data: ${textLabel(latest.text)} (latest run); ${plural(latest.chars, "character")} read in training.`,
        `Model: ${shape(latest)}, ${plural(latest.steps, "iteration")} in ${fmt(latest.trainedS / 60, 1)} minutes of training.`,
        ...(d.curve ? [`Latest saved run: “${d.curve.name}”, ${plural(d.curve.val.length, "validation check")}.`] : []),
        summary,
      ]
      : ["No studio run has finished in this browser yet, so there is no approach to summarise: train a model in the training studio, then build the slides again."],
    link: latest ? undefined : { text: "Open the training studio", where: STUDIO },
  });

  slides.push(d.curve && (train.length || d.curve.val.length)
    ? {
      id: "curves", heading: "Loss curves",
      lines: [`Training and validation loss of the studio's latest saved run (“${d.curve.name}”, saved ${dateText(d.curve.savedAt)}), in nats per character: the solid line is training (mean of recent iterations), the dashed one the validation checks.`
        + (over ? " The validation loss rose after its best: the model began to overfit." : "")],
      chart: { train, val: d.curve.val },
    }
    : {
      id: "curves", heading: "Loss curves",
      lines: ["No saved studio run is in this browser, so there is no curve to draw: the studio saves each run as it trains."],
      link: { text: "Open the training studio", where: STUDIO },
    });

  const results: string[] = [];
  if (best) {
    results.push(`Best validation perplexity: ${fmt(best.bestValPerplexity)} (${shape(best)} on ${textLabel(best.text)}).`);
    const base = d.curve?.unigramNats ?? null;
    if (base !== null) {
      results.push(`Characters by frequency alone reach ${fmt(Math.exp(base))} on the latest saved run's text: ${best.bestValPerplexity < Math.exp(base) ? "the model learned context beyond that" : "the model has not yet beaten that"}.`);
    } else if (d.project?.measured) {
      results.push(`Characters by frequency alone reach ${fmt(d.project.measured.unigram_perplexity)} on the project's text (our measurement).`);
    } else {
      results.push("The frequencies-only baseline is not known here: no saved run's text and no chosen project to measure it on.");
    }
    if (d.project?.targets) results.push(`The project's target: below ${fmt(d.project.targets.val_perplexity, 1)}${best.bestValPerplexity < d.project.targets.val_perplexity ? " (met)" : " (not met yet)"}.`);
  } else {
    results.push("No finished studio run yet, so there is no perplexity to compare.");
  }
  slides.push({
    id: "results", heading: "Results", lines: results,
    items: d.references.length ? d.references.map((r) => ({ text: r.what, note: `perplexity ${fmt(r.perplexity)}` })) : undefined,
    link: best ? undefined : { text: "Open the training studio", where: STUDIO },
  });
  slides[slides.length - 1].lines.push(d.references.length
    ? "Our reference runs from the training challenges (Module 4), on Shakespeare:"
    : "Our reference runs could not be read (docs/data/studio/challenges.json).");

  const picked = bestSamples(d.kept, d.liked);
  const anyLiked = picked.some((s) => d.liked.has(`kept:${s.at}`));
  slides.push(picked.length
    ? {
      id: "samples", heading: "Best samples",
      lines: [anyLiked ? "The samples I liked in the gallery first, then the newest." : "The newest samples I kept (none is liked in the gallery yet)."],
      items: picked.map((s) => ({
        text: s.seed + s.text,
        note: `Iteration ${s.step.toLocaleString("en")} · temperature ${s.temperature} · ${s.textName}, ${shape(s)}`
          + (s.bestValPerplexity === null ? " · no validation check yet" : ` · best validation perplexity ${fmt(s.bestValPerplexity)}`),
      })),
    }
    : {
      id: "samples", heading: "Best samples",
      lines: ["No sample is kept in this browser yet: press Keep under a sample in the training studio."],
      link: { text: "Open the training studio", where: STUDIO },
    });

  const sample = picked[0] ? picked[0].seed + picked[0].text : "";
  const noModel = "No model is kept in this browser yet: in the training studio, after a run, press “Keep it for the model pickers”.";
  slides.push(d.model
    ? {
      id: "neurons", heading: "A neuron picture",
      lines: sample ? [`The kept model ${d.model.id} reads my best sample; each character is coloured by the one cell whose value varies most over this text.`]
        : ["No sample is kept, so the kept model reads a line of its own training text's name instead."],
      neuronText: sample || d.model.textName,
    }
    : { id: "neurons", heading: "A neuron picture", lines: [noModel], link: { text: "Open the training studio", where: STUDIO } });

  slides.push(d.model
    ? { id: "demo", heading: "Live demo", lines: [`Type a seed and press Generate: the kept model ${d.model.id} (trained on ${d.model.textName}) writes on from it, here in the page.`] }
    : { id: "demo", heading: "Live demo", lines: [noModel], link: { text: "Open the training studio", where: STUDIO } });

  if (d.earned) {
    const all = [...d.earned.milestones, ...d.earned.badges];
    const done = all.filter((e) => e.done);
    slides.push({
      id: "badges", heading: "Milestones and badges",
      lines: [done.length ? `${done.length} of ${all.length} earned.` : `None of the ${all.length} milestones and badges is earned yet in this browser.`],
      items: done.length ? done.map((e) => ({ text: e.name, note: e.imported ? "imported from a progress file" : e.at ? dateText(e.at) : "" })) : undefined,
      link: done.length ? undefined : { text: "See the milestones (10.3)", where: "modules/10-capstone/milestones/" },
    });
  } else {
    slides.push({ id: "badges", heading: "Milestones and badges", lines: ["The milestones could not be read on this page."] });
  }

  const next: string[] = [];
  if (!best) next.push("Train a first model in the studio: nothing here is measured yet.");
  if (over) next.push("Overfitting: the validation loss rose while the training loss kept falling. Next: more text, a smaller model, or stopping at the best check (auto stop).");
  else if (d.curve && d.curve.val.length >= 2) next.push("The validation loss was still falling or flat at the end: a longer run could lower it further.");
  if (best && d.project?.targets && best.bestValPerplexity >= d.project.targets.val_perplexity) next.push(`The project's target (perplexity below ${fmt(d.project.targets.val_perplexity, 1)}) is not met yet: train longer or try a larger model.`);
  if (best && new Set(d.runs.map((r) => r.cell)).size < 2) next.push(`Only the ${CELLS[best.cell] ?? best.cell} cell was tried: compare another cell on the same text.`);
  if (d.runs.length && d.runs.every((r) => r.trainedS < 300)) next.push("Every run trained for less than 5 minutes: the browser limits how far a model gets; the project's script trains longer.");
  next.push("Limits of the method: a character model learns spelling and local form, not meaning; perplexity says how surprised it is, not whether the text is good, so readers must judge the samples too.");
  slides.push({ id: "next", heading: "Limitations and next steps", lines: next });
  return slides;
}
