/**
 * Temperature Playground (Module 4): one seed text, three generations one
 * under the other (each wide enough for a line of text) at their own
 * temperatures (0.5 / 1.0 / 1.5 to start), streamed from the ONNX worker,
 * with Stop; optional top-k and top-p; below them the next-character
 * distribution after the seed at each column's temperature, as bars with a
 * key to their colours and as a table. Pure logic in ./logic.ts; the model picker,
 * progress bar, Retry and vocabulary note come from ../model-kit/.
 *
 * Hooks for tests: `textarea[data-role="seed"]`; columns `[data-column="0|1|2"]`
 * with `input[data-role="temperature"]`, `[data-role="output"]` and
 * `data-status` (idle|running|done|stopped|invalid); `input[data-role="top-k"]`,
 * `input[data-role="top-p"]`, `input[data-role="rng-seed"]`, `input[data-role="length"]`; buttons
 * `[data-action="generate"]`, `[data-action="stop"]`; the distribution table's
 * rows `tr[data-char]` with `data-p0…2`, the bars' key `[data-role="key"]`; `select[data-role="dist-source"]`
 * (-1: after the seed, i: after the seed plus output i); the root's
 * `data-dist-for` (the text the distribution is for); `[data-role="seed-note"]` (how much of the
 * seed the model read), the root's `data-seed-read` / `data-seed-total` (characters read / typed)
 * and `data-reads` (seed reads so far: one read serves the three columns and the distribution),
 * `progress[data-role="read-progress"]` while a long seed is read; `data-stop-ms` (Stop to idle,
 * for the benchmark).
 *
 * A seed is read once per model and text (prime), capped to its last MAX_SEED_CHARS characters;
 * every generation starts from that read, and the distribution after an output reads only the
 * characters that came since it last looked.
 */
import { generate, prime, type Generation, type JobProgress, type ModelMeta, type PrimeResult, type Primed } from "../runtime/onnx/client.ts";
import { latest } from "../lib/latest.ts";
import { swapRunButtons } from "../lib/run-buttons.ts";
import { describeError, setState } from "../lib/state.ts";
import type { MountContext } from "../main.ts";
import { adoptCss } from "../lib/style.ts";
import { modelUrl, type ModelEntry } from "../model-kit/models.ts";
import { mountModelSlot } from "../model-kit/loader.ts";
import { uniqueId } from "../lib/ids.ts";
import { h, probabilityView, unknownNote } from "../model-kit/ui.ts";
import { checkVocab, defaultSeed, seedNote as describeSeedCap, seedTail, speakChar } from "../model-kit/vocab.ts";
import { DEFAULT_TEMPERATURES, distributionRows, MAX_TEMPERATURE, parseTemperature, parseTopK, parseTopP, type Parsed } from "./logic.ts";
import css from "./temperature-playground.css" with { type: "text" };

/** Characters per column per Generate: the default and the most the reader may ask for. */
const LENGTH = 400;
const MAX_LENGTH = 5000;

function field(id: string, labelText: string, input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, role: string): HTMLElement {
  const wrap = h("span", "rnn-tp__field");
  const label = h("label", "", labelText);
  label.htmlFor = id;
  input.id = id;
  input.dataset.role = role;
  wrap.append(label, input);
  return wrap;
}

function numberInput(value: string, min: number, max: number, step: string): HTMLInputElement {
  const i = h("input");
  i.type = "number";
  i.min = String(min);
  i.max = String(max);
  i.step = step;
  i.value = value;
  i.inputMode = "decimal";
  return i;
}

/** Mount the playground in `el`; everything it starts ends with `signal` (the reader left). */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const id = uniqueId("rnn-tp");
  el.classList.add("rnn-tp");
  const controls = h("div", "rnn-tp__controls");
  const seed = h("textarea");
  seed.rows = 2;
  seed.value = el.dataset.seed?.replace(/\\n/g, "\n") ?? "The ";
  seed.spellcheck = false;
  const topKIn = numberInput("", 0, 1000, "1");
  const topPIn = numberInput("", 0, 1, "0.05");
  const rngIn = numberInput("1", 0, 2 ** 31 - 1, "1");
  const lengthIn = numberInput(String(LENGTH), 1, MAX_LENGTH, "100");
  const go = Object.assign(h("button", "rnn-primary", "Generate"), { type: "button" });
  go.dataset.action = "generate";
  const stop = Object.assign(h("button", "", "Stop"), { type: "button", disabled: true });
  stop.dataset.action = "stop";
  const optional = h("div", "rnn-tp__row");
  optional.append(
    field(`${id}-k`, "top-k (0 or empty: off)", topKIn, "top-k"),
    field(`${id}-p`, "top-p (empty or 1: off)", topPIn, "top-p"),
    field(`${id}-rng`, "Random seed", rngIn, "rng-seed"),
    field(`${id}-len`, "Characters per column", lengthIn, "length"),
  );
  const buttons = h("div", "rnn-tp__row");
  buttons.append(go, stop);
  const seedNote = h("p", "rnn-tp__seednote");
  seedNote.dataset.role = "seed-note";
  seedNote.id = `${id}-seed-note`;
  seed.setAttribute("aria-describedby", seedNote.id);
  const readBar = h("progress", "rnn-tp__read");
  readBar.dataset.role = "read-progress";
  readBar.hidden = true;
  readBar.setAttribute("aria-label", "Reading the seed");
  controls.append(field(`${id}-seed`, "Seed text", seed, "seed"), seedNote, readBar, optional, buttons);
  const note = unknownNote();
  const said = h("p", "rnn-tp__said");
  said.setAttribute("aria-live", "polite");
  said.dataset.role = "announce";

  const columns = DEFAULT_TEMPERATURES.map((t, i) => {
    const box = h("section", "rnn-tp__column");
    box.dataset.column = String(i);
    box.dataset.status = "idle";
    box.setAttribute("aria-label", `Output ${i + 1}`);
    const temp = numberInput(String(t), 0, MAX_TEMPERATURE, "0.1");
    const problem = h("span", "rnn-tp__problem");
    problem.id = `${id}-t${i}-problem`;
    temp.setAttribute("aria-describedby", problem.id);
    const out = h("div", "rnn-tp__output");
    out.dataset.role = "output";
    out.tabIndex = 0;
    out.setAttribute("role", "region");
    out.setAttribute("aria-label", `Generated text ${i + 1}`);
    box.append(field(`${id}-t${i}`, `Temperature τ${i + 1}`, temp, "temperature"), problem, out);
    return { box, temp, problem, out, gen: null as Generation | null };
  });
  const grid = h("div", "rnn-tp__grid");
  grid.append(...columns.map((c) => c.box));
  const probs = probabilityView("Probability of each next character after the seed, per temperature", []);
  const distNote = h("p", "rnn-tp__distnote");
  // Which text the distribution follows: the seed, or the seed plus one column's output so far (live while it streams).
  const source = h("select");
  source.dataset.role = "dist-source";
  ["the seed", ...columns.map((_, i) => `the end of output ${i + 1}`)].forEach((t, i) => source.append(Object.assign(h("option", "", t), { value: String(i - 1) })));
  const side = h("div", "rnn-tp__side");
  side.append(h("p", "rnn-tp__side-title", "Next character after…"), field(`${id}-src`, "Distribution after", source, "dist-source"), distNote, probs.element);
  const body = h("div", "rnn-tp__body");
  body.append(grid, side);
  el.replaceChildren(controls, note.element, said, body);

  let model: { entry: ModelEntry; meta: ModelMeta } | null = null;
  let distTimer = 0;
  let followTimer = 0;
  signal.addEventListener("abort", () => {
    window.clearTimeout(distTimer);
    window.clearTimeout(followTimer);
  });
  // The seed read, the distribution's reads and the generations: each new one supersedes the last.
  const seedReads = latest(signal);
  const distReads = latest(signal);
  const gens = latest(signal);
  let reading = false;
  let stopAt = 0;

  const temps = (): Parsed[] => columns.map((c) => parseTemperature(c.temp.value));
  const running = () => reading || columns.some((c) => c.gen);

  /** The text the model reads for the seed box: its known characters, capped to the last MAX_SEED_CHARS. */
  function seedText(meta: ModelMeta): { fed: string; empty: boolean } {
    const tail = seedTail(seed.value);
    const check = checkVocab(tail.text, meta.vocab);
    note.show(check);
    el.dataset.seedTotal = String(tail.total);
    el.dataset.seedRead = String(Array.from(check.fed).length);
    seedNote.textContent = describeSeedCap(tail);
    return check.fed === "" ? { fed: defaultSeed(meta.vocab), empty: true } : { fed: check.fed, empty: false };
  }

  function showReadProgress(p: JobProgress): void {
    readBar.hidden = false;
    readBar.max = p.total;
    readBar.value = p.done;
    said.textContent = `Reading the seed: ${p.done.toLocaleString("en")} of ${p.total.toLocaleString("en")} characters…`;
  }

  /** One read of the seed per model and text, shared by the columns and the distribution. */
  let seedRead: { key: string; read: Promise<PrimeResult> } | null = null;
  function readSeed(entry: ModelEntry, fed: string): Promise<PrimeResult> {
    const key = `${modelUrl(entry)}\u0000${fed}`;
    if (seedRead?.key === key) return seedRead.read;
    const read = prime(modelUrl(entry), fed, { signal: seedReads.next(), onProgress: showReadProgress });
    const mine = (seedRead = { key, read });
    el.dataset.reads = String(Number(el.dataset.reads ?? 0) + 1);
    void read.then(
      () => (readBar.hidden = true),
      () => {
        readBar.hidden = true;
        if (seedRead === mine) seedRead = null; // a stopped or failed read is not kept
      },
    );
    return read;
  }

  /** Where the distribution last left an output: read on from there as the output grows. */
  let followed: { column: number; seedKey: string; text: string; at: Primed } | null = null;
  async function readAfterOutput(entry: ModelEntry, base: PrimeResult, column: number, written: string, s: AbortSignal): Promise<Primed> {
    const seedKey = seedRead?.key ?? "";
    let from: Primed = base;
    let text = "";
    if (followed && followed.column === column && followed.seedKey === seedKey && written.startsWith(followed.text)) {
      ({ at: from, text } = followed);
    }
    const rest = written.slice(text.length);
    const at = rest ? await prime(modelUrl(entry), rest, { state: from.state, signal: s }) : from;
    followed = { column, seedKey, text: written, at };
    return at;
  }

  function showProblems(): void {
    temps().forEach((t, i) => {
      columns[i].problem.textContent = t.ok ? (t.value === 0 ? "τ = 0: always the likeliest character (greedy)." : "") : t.reason;
      columns[i].temp.setAttribute("aria-invalid", String(!t.ok));
    });
  }

  async function updateDistribution(): Promise<void> {
    if (!model || signal.aborted) return;
    showProblems();
    const { meta, entry } = model;
    const { fed, empty } = seedText(meta);
    // The text this distribution is for, taken now: the seed may change while the model reads it.
    const seedNow = seed.value;
    const from = Number(source.value);
    const written = from >= 0 ? columns[from].out.textContent ?? "" : "";
    const k = parseTopK(topKIn.value, meta.vocab.length);
    const p = parseTopP(topPIn.value);
    const s = distReads.next();
    try {
      const base = await readSeed(entry, fed);
      const last = from >= 0 && written ? (await readAfterOutput(entry, base, from, written, s)).logits : base.logits;
      if (s.aborted) return;
      const ts = temps();
      const rows = distributionRows(last, meta.vocab, ts.map((t) => (t.ok ? t.value : null)), k.ok ? k.value : 0, p.ok ? p.value : 1);
      probs.show(
        rows,
        ts.map((t, i) => (t.ok ? `τ = ${t.value}` : `τ${i + 1} (unreadable)`)),
        ts.map((t, i) => `output ${i + 1} (${t.ok ? `τ = ${t.value}` : "unreadable τ"})`),
      );
      const top = rows[0];
      distNote.textContent =
        (from >= 0 ? `After the ${Array.from(written).length} characters of output ${from + 1} so far. ` : "") +
        (empty ? `The seed is empty, so the model starts from ${speakChar(fed)}. ` : "") +
        `The model's favourite is ${speakChar(top.char)}; the bars show how each temperature sharpens or flattens the odds` +
        (k.ok && k.value ? `, with only the ${k.value} likeliest kept` : "") + (p.ok && p.value < 1 ? `, within a mass of ${p.value}` : "") + ".";
      el.dataset.distFor = seedNow + written;
    } catch (err) {
      if (!s.aborted && !isStopped(err)) distNote.textContent = describeError(err);
    }
  }
  const isStopped = (err: unknown) => (err as { code?: string }).code === "cancelled";
  const scheduleDistribution = () => {
    window.clearTimeout(distTimer);
    distTimer = window.setTimeout(() => void updateDistribution(), 120);
  };
  /** While a column streams, at most one update per 300 ms (a debounce would wait for the end). */
  const followStream = (i: number) => {
    if (Number(source.value) !== i || followTimer) return;
    followTimer = window.setTimeout(() => {
      followTimer = 0;
      void updateDistribution();
    }, 300);
  };

  function stopAll(): void {
    if (running()) stopAt = performance.now();
    seedReads.cancel();
    gens.cancel();
    for (const c of columns) c.gen?.cancel();
  }

  const setRunning = (on: boolean) => swapRunButtons(go, stop, on);

  function finishOne(): void {
    if (running()) return;
    setRunning(false);
    if (stopAt) {
      el.dataset.stopMs = (performance.now() - stopAt).toFixed(1);
      stopAt = 0;
    }
    if (!signal.aborted && el.dataset.state === "running") setState(el, "ready");
  }

  async function startAll(): Promise<void> {
    if (!model || running()) return;
    const { meta, entry } = model;
    const k = parseTopK(topKIn.value, meta.vocab.length);
    const p = parseTopP(topPIn.value);
    const rng = Number(rngIn.value);
    const length = Number(lengthIn.value);
    const lengthOk = Number.isInteger(length) && length >= 1 && length <= MAX_LENGTH;
    if (!k.ok || !p.ok || !Number.isInteger(rng) || !lengthOk) {
      said.textContent = !k.ok ? k.reason : !p.ok ? p.reason : !lengthOk ? `Ask for 1 to ${MAX_LENGTH} characters per column.` : "The random seed must be a whole number.";
      return;
    }
    const { fed } = seedText(meta);
    setState(el, "running");
    reading = true;
    setRunning(true);
    said.textContent = "Generating…";
    const ts = temps();
    for (const [i, c] of columns.entries()) {
      c.out.textContent = "";
      c.box.dataset.status = ts[i].ok ? "running" : "invalid";
    }
    const s = gens.next();
    let start: PrimeResult;
    try {
      start = await readSeed(entry, fed);
    } catch (err) {
      reading = false;
      const stopped = isStopped(err);
      for (const [i, c] of columns.entries()) if (ts[i].ok) c.box.dataset.status = stopped ? "stopped" : "invalid";
      if (!signal.aborted) said.textContent = stopped ? "Stopped while reading the seed." : describeError(err);
      finishOne();
      return;
    }
    reading = false;
    if (s.aborted) {
      for (const [i, c] of columns.entries()) if (ts[i].ok) c.box.dataset.status = "stopped";
      finishOne();
      return;
    }
    said.textContent = "Generating…";
    ts.forEach((t, i) => {
      const c = columns[i];
      if (!t.ok) return;
      const gen = generate(
        modelUrl(entry),
        { seedText: "", start, length, temperature: t.value, topK: k.value || undefined, topP: p.value < 1 ? p.value : undefined, rngSeed: rng },
        {
          signal: s,
          onChunk: (text) => {
            c.out.append(text);
            followStream(i);
          },
        },
      );
      c.gen = gen;
      gen.done
        .then((r) => {
          c.box.dataset.status = r.cancelled ? "stopped" : "done";
          if (!signal.aborted) said.textContent = `${r.cancelled ? "Stopped" : "Done"}: ${r.text.length} characters at τ = ${t.value}.`;
        })
        .catch((err: unknown) => {
          c.box.dataset.status = "invalid";
          c.problem.textContent = describeError(err);
        })
        .finally(() => {
          c.gen = null;
          if (Number(source.value) === i) scheduleDistribution();
          finishOne();
        });
    });
    finishOne();
  }

  go.addEventListener("click", () => void startAll(), { signal });
  stop.addEventListener("click", stopAll, { signal });
  for (const input of [seed, topKIn, topPIn, ...columns.map((c) => c.temp)]) input.addEventListener("input", scheduleDistribution, { signal });
  source.addEventListener("change", scheduleDistribution, { signal });

  const slot = await mountModelSlot(el, el, {
    signal,
    corpora: (el.dataset.corpora ?? "tinyshakespeare,shakespeare").split(","),
    own: true,
    onSwitch: stopAll,
    onReady: (entry, meta) => {
      model = { entry, meta };
      void updateDistribution();
    },
  });
  if (!slot && !signal.aborted) setState(el, "error", "No trained model is listed on this site yet, so there is nothing to sample from.");
}
