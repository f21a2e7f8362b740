/**
 * Read aloud (Module 5 §5.2): pick one of the samples a model saved while it
 * trained (its timelapse.json; the War and Peace model where the site has it)
 * and hear it with the browser's speech synthesis. Where the browser has no
 * speech synthesis, or no voice, the button is off and a sentence says why;
 * the sample is always shown as text. Nothing leaves the browser.
 *
 * Hooks for tests: root `data-model`, `data-speaking` ("true"/"false");
 * `select[data-role="sample"]` (options carry `data-iter`), buttons
 * "Read aloud" (`data-action="speak"`) and "Stop", `[data-role="why"]`,
 * `[data-role="said"]`, `[data-role="text"]` (the chosen sample, `data-iter`).
 */
import { setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { fetchJson, preferredModel, pretrainedUrl, requireModels } from "../model-kit/models.ts";
import css from "./read-aloud.css" with { type: "text" };
import { parseTimelapse, pickVoice, speechChunks, unsupportedReason } from "./logic.ts";
import { buildView } from "./view.ts";
import type { MountContext } from "../main.ts";
import { onAbort } from "../lib/abort.ts";

/** The corpus whose time-lapse the widget opens on, where the site has it. */
const PREFERRED = ["warandpeace"];

/** Mount the widget in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  el.classList.add("rnn-ra");
  const models = await requireModels((m) => typeof m.files?.["timelapse.json"] === "string");
  const entry = preferredModel(models, PREFERRED)!; // requireModels kept at least one
  const tl = parseTimelapse(await fetchJson<unknown>(pretrainedUrl(entry.files["timelapse.json"]!), "the time-lapse samples"));
  if (signal.aborted) return;
  el.dataset.model = entry.id;
  const view = buildView(el, tl, entry.id, tl.points.length - 1);
  const synth: SpeechSynthesis | undefined = "speechSynthesis" in window ? window.speechSynthesis : undefined;
  const canSpeak = synth !== undefined && typeof window.SpeechSynthesisUtterance === "function";
  let speaking = false;
  /** Bumped by every start and stop: events of an older reading are ignored. */
  let reading = 0;

  const chosen = () => tl.points[Number(view.select.value)] ?? tl.points[tl.points.length - 1];

  function showSample(): void {
    const p = chosen();
    view.text.textContent = p.sample;
    view.text.dataset.iter = String(p.iter);
  }

  /** Enable Read aloud when speech works here, else say why it is off. */
  function checkSupport(): void {
    const reason = unsupportedReason(canSpeak, canSpeak ? synth!.getVoices().length : 0);
    view.why.textContent = reason ?? "";
    view.speak.disabled = reason !== null || speaking;
    el.dataset.speech = reason === null ? "available" : "unavailable";
  }

  function setSpeaking(on: boolean, message: string): void {
    speaking = on;
    el.dataset.speaking = String(on);
    view.stop.disabled = !on;
    view.said.textContent = message;
    checkSupport();
  }

  function speak(): void {
    if (!canSpeak || speaking) return;
    const s = synth!;
    const p = chosen();
    const voice = pickVoice(s.getVoices());
    const mine = ++reading;
    const chunks = speechChunks(p.sample);
    s.cancel();
    chunks.forEach((chunk, i) => {
      const u = new SpeechSynthesisUtterance(chunk);
      u.lang = voice?.lang || "en";
      if (voice) u.voice = voice;
      u.onerror = (ev) => {
        if (mine !== reading || ev.error === "interrupted" || ev.error === "canceled") return;
        reading++;
        s.cancel();
        setSpeaking(false, `The browser stopped reading (${ev.error}). Press Read aloud to try again.`);
      };
      if (i === chunks.length - 1) {
        u.onend = () => {
          if (mine === reading) setSpeaking(false, "Finished reading.");
        };
      }
      s.speak(u);
    });
    setSpeaking(true, `Reading the sample of iteration ${p.iter.toLocaleString("en")} aloud…`);
    view.stop.focus();
  }

  function stop(message = "Stopped."): void {
    if (!speaking) return;
    reading++;
    synth?.cancel();
    setSpeaking(false, message);
  }

  const onStop = () => {
    stop();
    view.speak.focus();
  };
  const onChange = () => {
    stop("Stopped: another sample was chosen.");
    showSample();
  };
  view.speak.addEventListener("click", speak, { signal });
  view.stop.addEventListener("click", onStop, { signal });
  view.select.addEventListener("change", onChange, { signal });
  // Chromium lists its voices a moment after the page asks for them the first time.
  const onVoices = () => checkSupport();
  if (canSpeak && typeof synth!.addEventListener === "function") synth!.addEventListener("voiceschanged", onVoices, { signal });

  showSample();
  setSpeaking(false, "");
  setState(el, "ready");
  // Speech outlives the page unless told to stop: the synthesiser belongs to the tab.
  onAbort(signal, () => stop());
}
