/**
 * Image Captioning (Module 6 § 6.1, Module 7's attention over an image): the reader builds a scene
 * of this small world (./editor.ts) or uploads a photo; the captioner (build_models/scenes) writes
 * its caption word by word in the ONNX worker with soft attention, the hard-attention model and
 * cells sampled from the soft model's alpha side by side; each word shows the grid cells it read;
 * the CNN's feature maps; what the caption got right against the grammar's true caption; and a
 * guess game (click where the next word will look, then see).
 *
 * Root: `[data-widget="image-captioning"]`, optional `data-soft` / `data-hard` (model ids; default
 * captioner-soft, captioner-hard), `data-focus="attention"` starts with the guess game on. Hooks for tests: the root's `data-captioned` (a counter) and `data-scene` (the scene's
 * JSON); `[data-role="caption"]` (the soft caption's words, `data-words`), `[data-run="soft|hard|sample"]` with `data-words`; `[data-role="true-caption"]`,
 * `[data-role="verdicts"] li[data-ok]`, `input[data-role="upload"]`, `[data-role="upload-status"]`,
 * `[data-role="editor-status"]`, `input[data-role="guess-mode"]`, `[data-role="guess-score"]`,
 * `button[data-word]` (the soft caption's words), `[data-role="fmap"] canvas`.
 */
import { captionImage, loadCaptioner, type CaptionResult } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { latest } from "../lib/latest.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";
import { pretrainedUrl } from "../model-kit/models.ts";
import { showRetry } from "../model-kit/ui.ts";
import { editor } from "./editor.ts";
import { cellName, channelMap, energy, liveliestChannels, row, scoreGuess, sizeProblem, uploadProblem, verdicts, EMPTY_SCENE } from "./logic.ts";
import { caption, GRID, render as rasterise, SIZE, toInput } from "./scene.ts";
import { drawHeat, drawMarks, drawPixels } from "./view.ts";
import css from "./image-captioning.css" with { type: "text" };

type Run = "soft" | "hard" | "sample";
const TITLES: Record<Run, string> = {
  soft: "Soft attention: each word reads a weighted mix of all 64 cells",
  hard: "Hard attention, trained with REINFORCE: each word reads one cell",
  sample: "One cell sampled from the soft model's weights (not trained for it)",
};
const PHOTO_NOTE = "This model has only ever seen flat circles, squares and triangles in six colours on a plain or speckled background. Whatever it says about your photo is the nearest thing in that world, not a description of the photo.";

export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  el.classList.add("rnn-ic");
  const ids: Record<"soft" | "hard", string> = { soft: el.dataset.soft || "captioner-soft", hard: el.dataset.hard || "captioner-hard" };
  const metaUrl = (id: string) => pretrainedUrl(`${encodeURIComponent(id)}/meta.json`);
  const runs = latest(signal);
  let results: Partial<Record<Run, CaptionResult>> = {};
  let word = 0, count = 0, seed = 1, guess: number | null = null, revealed = Infinity, hasHard = true;
  let photoRgb: Uint8ClampedArray | null = null;

  const ed = editor({ signal, onChange: () => void captionNow(), onPointer: guessAt, onKey: guessKey });
  const loadStatus = h("p", "rnn-ic__status", "", { "data-role": "load-status", "aria-live": "polite" });
  const uploadId = uniqueId("rnn-ic-up");
  const upload = h("input", "", undefined, { id: uploadId, type: "file", accept: "image/*", "data-role": "upload" });
  const uploadStatus = h("p", "rnn-ic__status", "", { "data-role": "upload-status", "aria-live": "polite" });
  const back = h("button", "", "Back to my scene", { type: "button", "data-action": "back" });
  back.hidden = true;
  const captionBox = h("div", "rnn-ic__caption", [], { "data-role": "caption", "aria-live": "polite" });
  const truth = h("p", "rnn-ic__truth", "", { "data-role": "true-caption" });
  const judged = h("ul", "rnn-ic__verdicts", [], { "data-role": "verdicts" });
  const stepRow = h("p", "rnn-ic__row");
  const guessId = uniqueId("rnn-ic-guess");
  const guessMode = h("input", "", undefined, { id: guessId, type: "checkbox", "data-role": "guess-mode" });
  const guessScore = h("p", "rnn-ic__status", "", { "data-role": "guess-score", "aria-live": "polite" });
  const fmapBox = h("div", "rnn-ic__fmaps", [], { "data-role": "fmap" });
  const compare = h("div", "rnn-ic__compare");
  const resample = h("button", "", "Sample other cells", { type: "button", "data-action": "resample" });
  const section = (title: string, ...kids: Node[]) => h("section", "rnn-ic__section", [h("p", "rnn-ic__title", title), ...kids]);
  el.replaceChildren(
    loadStatus,
    section("Build a scene, or caption a photo", ed.element,
      h("p", "rnn-ic__row", [h("label", "", "Or caption a photo (shrunk to 64×64)", { for: uploadId }), upload, back]), uploadStatus),
    section("The caption, word by word", captionBox, stepRow, truth, judged),
    section("Guess where it looks", h("p", "rnn-ic__row", [guessMode, h("label", "", "Guess before each word: click the picture (or press the arrow keys on it, then Enter) where you think the next word will look", { for: guessId })]), guessScore),
    section("What the CNN sees: its 8×8 feature maps", fmapBox),
    section("Soft and hard attention side by side", compare, h("p", "rnn-ic__row", [resample])),
  );
  guessMode.checked = el.dataset.focus === "attention";

  const input = (): Uint8ClampedArray => photoRgb ?? rasterise(ed.scene());

  async function captionNow(): Promise<void> {
    const s = runs.next();
    const scene = ed.scene();
    el.dataset.scene = JSON.stringify(scene);
    if (!photoRgb && !scene.shapes.length) {
      results = {};
      captionBox.replaceChildren(h("p", "", EMPTY_SCENE));
      delete captionBox.dataset.words;
      for (const box of [judged, stepRow, fmapBox, compare]) box.replaceChildren();
      truth.textContent = "";
      ed.mark({});
      return;
    }
    setState(el, "running");
    const image = toInput(input());
    try {
      if (!loadStatus.dataset.loaded) {
        loadStatus.textContent = "Downloading the captioners (about 2 MB, once)…";
        await loadCaptioner(metaUrl(ids.soft));
        hasHard = await loadCaptioner(metaUrl(ids.hard)).then(() => true, () => false);
        if (s.aborted) return;
        loadStatus.dataset.loaded = "true";
        loadStatus.textContent = hasHard ? "" : `The hard-attention model (${ids.hard}) is not in this build: the comparison shows soft attention and cells sampled from it.`;
      }
      const got: Partial<Record<Run, CaptionResult>> = {};
      got.soft = await captionImage(metaUrl(ids.soft), { image, mode: "soft" }, { signal: s });
      if (hasHard) got.hard = await captionImage(metaUrl(ids.hard), { image, mode: "hard" }, { signal: s });
      got.sample = await captionImage(metaUrl(ids.soft), { image, mode: "sample", seed }, { signal: s });
      if (s.aborted) return;
      results = got;
      word = 0;
      guess = null;
      revealed = guessMode.checked ? 0 : Infinity;
      guessScore.textContent = guessMode.checked ? "Where will the first word look? Click the picture." : "";
      count += 1;
      el.dataset.captioned = String(count);
      show();
      setState(el, "ready");
    } catch (err) {
      if (s.aborted || (err as { code?: string }).code === "cancelled") return;
      loadStatus.textContent = "";
      showRetry(el, `The captioner could not run: ${describeError(err)}`, () => { setState(el, "ready"); void captionNow(); });
    }
  }

  function show(): void {
    const soft = results.soft;
    if (!soft) return;
    const shown = Math.min(soft.words.length, revealed);
    captionBox.dataset.words = soft.words.join(" ");
    captionBox.replaceChildren(h("span", "rnn-ic__label", "Caption: "), ...soft.words.slice(0, shown).map((w, t) => {
      const b = h("button", "rnn-ic__word", w, { type: "button", "data-word": String(t), "aria-pressed": String(t === word) });
      b.addEventListener("click", () => { word = t; show(); }, { signal });
      return b;
    }), ...(shown < soft.words.length ? [h("span", "rnn-ic__more", ` … ${soft.words.length - shown} more to guess`)] : []));
    const prev = h("button", "", "Previous word", { type: "button", "data-action": "prev" });
    const next = h("button", "", "Next word", { type: "button", "data-action": "next" });
    prev.disabled = word <= 0;
    next.disabled = word >= Math.min(shown, soft.words.length) - 1;
    prev.addEventListener("click", () => { word -= 1; show(); }, { signal });
    next.addEventListener("click", () => { word += 1; show(); }, { signal });
    stepRow.replaceChildren(prev, next, h("span", "", shown ? ` Word ${word + 1} of ${soft.words.length}: “${soft.words[word]}” looked most at ${cellName(topOf(soft, word))}.` : ""));
    const scene = ed.scene();
    const words = caption(scene);
    truth.textContent = photoRgb ? PHOTO_NOTE : `The grammar's caption of this scene: “${words.join(" ")}”.`;
    judged.replaceChildren(...(photoRgb || shown < soft.words.length ? [] : verdicts(scene, soft.words).map((v) =>
      h("li", v.ok ? "rnn-ic__ok" : "rnn-ic__wrong", `${v.ok ? "✓" : "✗"} ${v.line}`, { "data-ok": String(v.ok) }))));
    ed.mark({ weights: shown > word ? row(soft.weights, word) : null, guess });
    drawFeatureMaps(soft);
    drawCompare();
  }

  const topOf = (r: CaptionResult, t: number): number => {
    const w = row(r.weights, t);
    let best = 0;
    for (let i = 1; i < w.length; i++) if (w[i] > w[best]) best = i;
    return best;
  };

  function drawFeatureMaps(r: CaptionResult): void {
    const maps: [string, Float32Array][] = [["Strength of all features per cell", energy(r.fmap, r.channels)]];
    for (const c of liveliestChannels(r.fmap, r.channels, 3)) maps.push([`Feature ${c + 1}`, channelMap(r.fmap, c)]);
    fmapBox.replaceChildren(...maps.map(([label, values]) => {
      const c = h("canvas", "rnn-ic__heat", undefined, { width: "96", height: "96", role: "img", "aria-label": `${label}: an 8 by 8 map, darker where larger` });
      drawHeat(c, values);
      return h("figure", "rnn-ic__fig", [c, h("figcaption", "", label)]);
    }));
  }

  function drawCompare(): void {
    const rgb = input();
    compare.replaceChildren(...(["soft", "hard", "sample"] as Run[]).filter((k) => results[k]).map((k) => {
      const r = results[k]!;
      const c = h("canvas", "rnn-ic__small", undefined, { width: "160", height: "160", role: "img" });
      drawPixels(c, rgb);
      const t = Math.min(word, r.words.length - 1);
      if (t >= 0 && revealed > word) drawMarks(c, { weights: row(r.weights, t) });
      c.setAttribute("aria-label", t >= 0 ? `Where word ${t + 1} (“${r.words[t]}”) looked: ${cellName(topOf(r, t))}` : "No words");
      const title = k === "sample" ? `${TITLES.sample}, seed ${seed}` : TITLES[k];
      return h("div", "rnn-ic__col", [h("p", "rnn-ic__label", title), c,
        h("p", "", revealed === Infinity ? `“${r.words.join(" ")}”` : "(shown once the guessing is over)", { "data-run": k, "data-words": r.words.join(" ") })]);
    }));
  }

  function guessAt(cell: number): boolean {
    if (!guessMode.checked || !results.soft || revealed >= results.soft.words.length) return false;
    guess = cell;
    const t = revealed;
    const s = scoreGuess(cell, row(results.soft.weights, t));
    revealed += 1;
    word = t;
    guessScore.textContent = `Word ${t + 1} is “${results.soft.words[t]}”. Your guess, ${cellName(cell)}: ${s.verdict} It gave that cell ${(100 * s.share).toFixed(0)} % of its attention.`;
    if (revealed >= results.soft.words.length) { revealed = Infinity; guessScore.textContent += " That was the last word."; }
    show();
    return true;
  }

  let cursor = 27;
  function guessKey(e: KeyboardEvent): boolean {
    if (!guessMode.checked || !results.soft || e.currentTarget !== ed.canvas) return false;
    const d: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -GRID, ArrowDown: GRID };
    if (e.key in d) {
      const c = cursor + d[e.key];
      if (c >= 0 && c < GRID * GRID && !(Math.abs(d[e.key]) === 1 && Math.floor(c / GRID) !== Math.floor(cursor / GRID))) cursor = c;
      ed.mark({ weights: null, guess: cursor });
      guessScore.textContent = `Your guess: ${cellName(cursor)}. Press Enter to check it.`;
    } else if (e.key === "Enter") guessAt(cursor);
    else return false;
    e.preventDefault();
    return true;
  }

  guessMode.addEventListener("change", () => {
    guess = null;
    revealed = guessMode.checked ? 0 : Infinity;
    word = 0;
    guessScore.textContent = guessMode.checked ? "Where will the first word look? Click the picture." : "";
    show();
  }, { signal });
  resample.addEventListener("click", () => { seed += 1; void captionNow(); }, { signal });

  upload.addEventListener("change", () => void readPhoto(), { signal });
  back.addEventListener("click", () => { photoRgb = null; back.hidden = true; uploadStatus.textContent = ""; ed.showPixels(null); void captionNow(); }, { signal });

  async function readPhoto(): Promise<void> {
    const file = upload.files?.[0];
    if (!file) return;
    const problem = uploadProblem(file);
    if (problem) { uploadStatus.textContent = problem; return; }
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch {
      uploadStatus.textContent = `“${file.name}” could not be read as a picture (is the file damaged?). Choose another one.`;
      return;
    }
    if (signal.aborted) return;
    const tooSmall = sizeProblem(bitmap.width, bitmap.height);
    if (tooSmall) { bitmap.close(); uploadStatus.textContent = tooSmall; return; }
    const small = h("canvas", "", undefined, { width: String(SIZE), height: String(SIZE) });
    const ctx = small.getContext("2d", { willReadFrequently: true });
    if (!ctx) return;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(bitmap, 0, 0, SIZE, SIZE);
    bitmap.close();
    const rgba = ctx.getImageData(0, 0, SIZE, SIZE).data, rgb = new Uint8ClampedArray(SIZE * SIZE * 3);
    for (let p = 0; p < SIZE * SIZE; p++) for (let k = 0; k < 3; k++) rgb[3 * p + k] = rgba[4 * p + k];
    photoRgb = rgb;
    back.hidden = false;
    uploadStatus.textContent = `Read “${file.name}”, shrunk to 64×64. ${PHOTO_NOTE}`;
    ed.showPixels(rgb);
    await captionNow();
  }

  setState(el, "ready");
  void captionNow();
}
