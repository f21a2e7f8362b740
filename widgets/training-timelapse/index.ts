/**
 * Training Timelapse / Iteration Scrubber (Modules 4 and 5): a slider over a
 * model's training checkpoints (timelapse.json). The sample written at that
 * checkpoint, the position on the loss curve and, for checkpoints shipped as
 * ONNX, a live generation move together; milestone notes are computed from
 * the samples (logic.ts), never written by hand. The loss chart (view.ts) is
 * drawn as wide as it is shown, so its labels keep their size on a phone.
 *
 * Hooks for tests: `[data-slider]`; root `data-iter`; `[data-sample]`;
 * `[data-live]` (live text, root `data-live-iter` once done);
 * `[data-milestones] li[data-milestone][data-iter]`.
 */
import { generate } from "../runtime/onnx/client.ts";
import { setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { esc } from "../lib/html.ts";
import { fetchJson, formatBytes, pretrainedUrl, preferredModel, requireModels, shapeLabel, type ModelEntry } from "../model-kit/models.ts";
import { fixed } from "../lib/numbers.ts";
import { ModelLoader } from "../model-kit/loader.ts";
import { watchWidth } from "../lib/fit.ts";
import css from "./training-timelapse.css" with { type: "text" };
import { milestones, reference, type Milestone, type Point } from "./logic.ts";
import { lossSvg } from "./view.ts";
import type { MountContext } from "../main.ts";
import { latest } from "../lib/latest.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";

interface Timelapse {
  sample_seed: number;
  sample_temperature: number;
  sample_prompt: string;
  sample_len: number;
  points: Point[];
}


/** Mount the scrubber in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const uid = uniqueId("rnn-tl");
  // A time-lapse needs at least two checkpoints to scrub between.
  const models = await requireModels((m) => (m.timelapse?.length ?? 0) >= 2 && !!m.files["timelapse.json"]);
  if (signal.aborted) return;
  el.classList.add("rnn-mk", "rnn-tl");
  el.innerHTML = `
    <div class="rnn-mk__controls">
      <label class="rnn-tl__slider">Checkpoint <input type="range" min="0" value="0" step="1" data-slider></label>
      <output data-iter-out aria-live="polite"></output>
    </div>
    <p class="rnn-tl__milestone" data-note aria-live="polite"></p>
    <div class="rnn-tl__cols">
      <div><h3>Sample written at this checkpoint</h3><pre class="rnn-mk__text rnn-tl__pre" data-sample tabindex="0"></pre></div>
      <div><h3>Loss</h3><div data-loss></div>
        <p class="rnn-mk__note">Solid: training loss; dashed: validation loss (nats per character).</p>
        <details><summary>Table: loss at each checkpoint</summary><table class="rnn-mk__table" data-loss-table><thead><tr><th scope="col">iteration</th><th scope="col">training loss</th><th scope="col">validation loss</th><th scope="col">ONNX file</th></tr></thead><tbody></tbody></table></details>
      </div>
    </div>
    <h3>Live, in your browser</h3>
    <div class="rnn-mk__controls">
      <label><span><input type="checkbox" data-auto> generate live whenever the checkpoint has a model file</span></label>
      <label>Temperature <select data-temperature><option value="0">0 (greedy)</option><option value="0.5">0.5</option><option value="0.8" selected>0.8</option><option value="1">1.0</option></select></label>
      <button type="button" data-generate>Generate with this checkpoint</button>
    </div>
    <p class="rnn-mk__note" data-live-note aria-live="polite"></p>
    <pre class="rnn-mk__text rnn-tl__pre" data-live tabindex="0"></pre>
    <h3>Milestones found in the samples</h3>
    <ul data-milestones></ul>`;
  const $ = finder(el);
  const slider = $<HTMLInputElement>("[data-slider]");
  const loader = new ModelLoader(el, models, { signal, selected: preferredModel(models, ["warandpeace"]), retry: () => void live(), onPick: () => void prepareModel() });
  el.prepend(loader.element);
  let tl: Timelapse | null = null;
  let found: Milestone[] = [];
  // Moving the slider, pressing Generate again or picking another model stops the generation under way.
  const preparing = latest(signal);
  const lives = latest(signal);
  const model = (): ModelEntry => loader.entry;
  const lossBox = $<HTMLElement>("[data-loss]");
  // The chart is drawn as wide as it is shown, so its 12 px labels stay 12 px (a phone, a narrow column).
  const fit = watchWidth(lossBox, () => drawLoss(), { signal });
  function drawLoss(): void {
    if (tl) lossBox.innerHTML = lossSvg(tl.points, Number(slider.value), `${uid}-loss`, fit.width());
  }

  async function prepareModel(): Promise<void> {
    const s = preparing.next();
    const m = model();
    const next = await fetchJson<Timelapse>(pretrainedUrl(m.files["timelapse.json"]!), "the training checkpoints (timelapse.json)");
    const lossesPath = m.files["losses.json"];
    // Real text to compare with: the test-split stretches losses.json and neurons.json carry.
    const neuronsPath = m.files["neurons.json"];
    const [losses, neurons] = await Promise.all([
      lossesPath ? fetchJson<{ text: string }>(pretrainedUrl(lossesPath), "a sample of the test split") : null,
      neuronsPath ? fetchJson<{ top: Record<string, { example: { text: string } }[]> }>(pretrainedUrl(neuronsPath), "neurons.json").catch(() => null) : null,
    ]);
    const examples = Object.values(neurons?.top ?? {}).flatMap((cells) => cells.map((c) => c.example.text));
    const refText = [losses?.text ?? "", ...examples].join("\n");
    if (s.aborted) return;
    tl = next;
    el.dataset.model = m.id;
    found = milestones(tl.points, reference(refText));
    slider.max = String(tl.points.length - 1);
    slider.value = "0";
    $("[data-milestones]").innerHTML = found.length
      ? found.map((f) => `<li data-milestone="${f.id}" data-iter="${f.iter}">Iteration ${f.iter}: ${esc(f.name)} (${esc(f.evidence)}).</li>`).join("")
      : "<li>None of the rules holds in any sample of this model.</li>";
    $("[data-loss-table] tbody").innerHTML = tl.points.map((p) => `<tr><th scope="row">${p.iter}</th><td>${fixed(p.train_loss)}</td><td>${fixed(p.val_loss)}</td><td>${p.onnx ? "yes" : "no"}</td></tr>`).join("");
    show();
  }

  /** The one place that paints a checkpoint. */
  function show(): void {
    if (!tl) return;
    const i = Number(slider.value);
    const p = tl.points[i];
    const last = tl.points[tl.points.length - 1].iter;
    slider.setAttribute("aria-valuetext", `iteration ${p.iter} of ${last}`);
    $("[data-iter-out]").textContent = `iteration ${p.iter} of ${last}; validation loss ${p.val_loss.toFixed(3)}`;
    $("[data-sample]").textContent = p.sample;
    drawLoss();
    const here = found.filter((f) => f.index === i);
    $("[data-note]").textContent = here.length ? `New at this checkpoint: ${here.map((f) => `${f.name} (${f.evidence})`).join("; ")}.` : i === 0 ? "The first checkpoint." : "No new milestone at this checkpoint.";
    el.dataset.iter = String(p.iter);
    $<HTMLButtonElement>("[data-generate]").disabled = !p.onnx;
    const withFile = tl.points.filter((q) => q.onnx).map((q) => q.iter);
    $("[data-live-note]").textContent = p.onnx
      ? `This checkpoint ships as a model file${sizeNote(p.iter)}: generation runs here, seeded, from the same prompt as the sample (a different random generator than training used, so not the same text).`
      : `This checkpoint has no model file; live generation is available at iterations ${withFile.join(", ") || "(none)"}.`;
    lives.cancel();
    $("[data-live]").textContent = "";
    delete el.dataset.liveIter;
    if (p.onnx && $<HTMLInputElement>("[data-auto]").checked) void live();
  }

  /** Bytes of a checkpoint's model file, from index.json; undefined when unknown. */
  const checkpointBytes = (m: ModelEntry, iter: number) => m.timelapse?.find((q) => q.iter === iter)?.bytes ?? undefined;

  /** "warandpeace at iteration 2000 (3×512 LSTM, 11 MB)": a checkpoint named as modelLabel names a model. */
  function checkpointLabel(m: ModelEntry, iter: number): string {
    const bytes = checkpointBytes(m, iter);
    return `${m.id} at iteration ${iter} (${shapeLabel(m)}${bytes ? `, ${formatBytes(bytes)}` : ""})`;
  }

  /** " (11 MB download)" for a checkpoint's model file; "" when unknown. */
  function sizeNote(iter: number): string {
    const bytes = checkpointBytes(model(), iter);
    return bytes ? ` (${formatBytes(bytes)} download)` : "";
  }

  async function live(): Promise<void> {
    if (!tl) return;
    const s = lives.next();
    const p = tl.points[Number(slider.value)];
    if (!p.onnx) return;
    const m = model();
    const url = pretrainedUrl(`${m.id}/${p.onnx}`);
    const out = $("[data-live]");
    setState(el, "running");
    try {
      const meta = await loader.load(url, pretrainedUrl(m.meta), checkpointLabel(m, p.iter));
      if (!meta || s.aborted) return;
      out.textContent = "";
      const g = generate(url, { seedText: tl.sample_prompt, length: Math.min(400, tl.sample_len), temperature: Number($<HTMLSelectElement>("[data-temperature]").value), rngSeed: tl.sample_seed, unknown: "skip" }, { onChunk: (t) => s.aborted || out.append(t), signal: s });
      const r = await g.done;
      if (s.aborted || r.cancelled) return;
      out.textContent = r.text;
      el.dataset.liveIter = String(p.iter);
      setState(el, "ready");
    } catch (err) {
      if (s.aborted) return;
      loader.fail(err);
    }
  }

  slider.addEventListener("input", show, { signal });
  $("[data-generate]").addEventListener("click", () => void live(), { signal });
  await prepareModel();
  if (!signal.aborted) setState(el, "ready");
}
