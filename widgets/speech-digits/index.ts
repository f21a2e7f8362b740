/**
 * Spoken Digits (Module 6 § 6.3): a one-second clip becomes a log-mel spectrogram in the page
 * (logic.ts), an LSTM (build_models/speech, run by the ONNX worker) reads its frames and gives a
 * digit distribution after each, and the strip shows that reading move as the cursor goes through
 * the frames; the answer is the last frame's. Sound comes from the bundled clips (held-out voices,
 * no permission needed), from the microphone (asked for only on a click; denied or absent, a
 * sentence says so and the clips still work) or from a WAV file. A silent recording gets a
 * sentence, never a made-up digit.
 *
 * Hooks for tests: `select[data-role="clip"]`, `[data-action="clip"]`, `[data-action="record"]`,
 * `input[data-role="upload"]`, `input[data-role="frame"]`, `[data-role="message"]` (aria-live),
 * `[data-role="answer"]`; the root's `data-heard` ("word" or "silence"), `data-answer` (the digit
 * word), `data-probs` (the last frame's ten probabilities, JSON), `data-frames`, `data-source`
 * ("clip:<file>", "microphone", "file"), `data-mic` ("unsupported", "denied", "absent", "failed",
 * "recorded"), `data-recognised` (how many recognitions finished) and `data-ms` (spectrogram +
 * recognition of the last one, milliseconds: tests/bench_speech.py).
 */
import { loadSpeechModel, recogniseFrames, type SpeechMeta } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { describeError, setState } from "../lib/state.ts";
import { interval } from "../lib/abort.ts";
import { watchWidth } from "../lib/fit.ts";
import { latest } from "../lib/latest.ts";
import { siteRoot } from "../lib/site.ts";
import { adoptCss } from "../lib/style.ts";
import { percent } from "../lib/numbers.ts";
import { withRetry } from "../model-kit/ui.ts";
import { framePicks, isSilent, logMel, parseWav, resample, settledAt, window, type Frontend, type Spectrogram } from "./logic.ts";
import { drawSpectrogram, drawStrip } from "./view.ts";
import css from "./speech-digits.css" with { type: "text" };
import type { MountContext } from "../main.ts";

/** How long a recording lasts, and the largest WAV file read. */
const RECORD_SECONDS = 1.5;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const ROW = 16;

interface Clip { file: string; word: string; voice: string; accent: string }

export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  el.classList.add("rnn-sd");
  const metaUrl = new URL(`pretrained/${el.dataset.model || "spoken-digits"}/meta.json`, siteRoot()).href;
  const id = uniqueId("rnn-sd");
  const progress = h("progress", "rnn-sd__progress", undefined, { max: "1", value: "0", "aria-label": "Model download" });
  el.replaceChildren(h("p", "rnn-sd__message", "Loading the recogniser…"), progress);
  setState(el, "loading");
  const meta = await withRetry(el, signal, () => loadSpeechModel(metaUrl, {
    onProgress: (p) => { if (p.total) progress.value = p.loaded / p.total; },
  }), null as SpeechMeta | null);
  if (signal.aborted || !meta) return;
  const fe = meta.raw.frontend as Frontend;
  const clips = meta.raw.clips as Clip[];
  const digits = meta.digits;

  const clipSelect = h("select", "", clips.map((c) => h("option", "", `${c.word} (voice ${c.voice}, accent ${c.accent})`, { value: c.file })),
    { id: `${id}-clip`, "data-role": "clip" });
  const playClip = h("button", "", "Play and recognise", { type: "button", "data-action": "clip" });
  const record = h("button", "", `Record ${RECORD_SECONDS} s from the microphone`, { type: "button", "data-action": "record" });
  const upload = h("input", "", undefined, { type: "file", accept: ".wav,audio/wav,audio/x-wav", id: `${id}-file`, "data-role": "upload" });
  const message = h("p", "rnn-sd__message", "Pick a clip and press Play, say a digit into the microphone, or open a WAV file.", { "data-role": "message", "aria-live": "polite" });
  const answer = h("p", "rnn-sd__answer", "", { "data-role": "answer" });
  const spec = h("canvas", "rnn-sd__spec", undefined, { role: "img", "aria-label": "Log-mel spectrogram (nothing heard yet)" });
  const strip = h("canvas", "rnn-sd__strip", undefined, { role: "img", "aria-label": "The model's reading at every frame (nothing heard yet)" });
  const labels = h("ol", "rnn-sd__labels", digits.map((d) => h("li", "", d)), { "aria-hidden": "true" });
  const frame = h("input", "", undefined, { type: "range", min: "1", max: "1", value: "1", step: "1", id: `${id}-frame`, "data-role": "frame", disabled: "" });
  const frameOut = h("output", "", "", { for: frame.id });
  const figure = h("div", "rnn-sd__figure");
  figure.append(
    h("p", "rnn-sd__caption", "Spectrogram: time runs left to right, low pitches at the bottom, brighter is louder."), spec,
    h("p", "rnn-sd__caption", "The LSTM's reading after each frame: one row per digit, brighter is more probable; the outlined row is its answer."),
    h("div", "rnn-sd__rows", [labels, strip]),
    h("div", "rnn-sd__frame", [h("label", "", "Frame", { for: frame.id }), frame, frameOut]),
  );
  el.replaceChildren(
    h("div", "rnn-sd__controls", [h("label", "", "Clip", { for: clipSelect.id }), clipSelect, playClip]),
    h("div", "rnn-sd__controls", [record, h("label", "", "or a WAV file (up to 5 MB)", { for: upload.id }), upload]),
    message, answer, figure,
  );

  let shown: { s: Spectrogram; probs: Float32Array; picks: number[]; answer: number } | null = null;
  const fit = watchWidth(figure, () => draw(), { signal, min: 200, max: 900 });
  function draw(): void {
    if (!shown) return;
    const t = Number(frame.value) - 1, w = fit.width();
    // each canvas is as wide as its box (CSS); draw at that width so nothing is stretched
    drawSpectrogram(spec, shown.s, spec.clientWidth || w, 120, t);
    drawStrip(strip, shown.probs, digits.length, strip.clientWidth || Math.max(100, w - 60), ROW, t, shown.answer);
    const pick = shown.picks[t], p = shown.probs[t * digits.length + pick];
    frameOut.textContent = `${t + 1} of ${shown.s.frames} (${Math.round(((t * fe.hop + fe.n_fft) / fe.sample_rate) * 1000)} ms heard): reading “${digits[pick]}”, ${percent(p)}`;
    labels.querySelectorAll("li").forEach((li, i) => li.classList.toggle("rnn-sd__now", i === pick));
  }
  frame.addEventListener("input", draw, { signal });

  function say(text: string, problem = false): void {
    message.textContent = text;
    message.classList.toggle("rnn-sd__problem", problem);
  }

  const runs = latest(signal);
  let recognised = 0;
  /** Spectrogram, recognition and the cursor's walk for a waveform at the model's rate. */
  async function recognise(wave: Float32Array, source: string): Promise<void> {
    const ticket = runs.next();
    el.dataset.source = source;
    if (isSilent(wave, fe)) {
      el.dataset.heard = "silence";
      delete el.dataset.answer;
      delete el.dataset.probs;
      answer.textContent = "";
      say("I heard only silence (nothing louder than a whisper), so there is no digit to read. Speak closer to the microphone, or play a clip.", true);
      return;
    }
    const t0 = performance.now();
    const s = logMel(window(wave, fe), fe);
    setState(el, "running");
    try {
      const r = await recogniseFrames(metaUrl, { frames: s.data.slice() }, { signal: ticket });
      if (ticket.aborted) return;
      const ms = performance.now() - t0;
      const picks = framePicks(r.probs, digits.length), last = picks[picks.length - 1];
      const lastRow = Array.from(r.probs.subarray((s.frames - 1) * digits.length));
      shown = { s, probs: r.probs, picks, answer: last };
      Object.assign(el.dataset, { heard: "word", answer: digits[last], probs: JSON.stringify(lastRow), frames: String(s.frames), ms: ms.toFixed(2), recognised: String(++recognised) });
      const settled = settledAt(picks);
      answer.textContent = `Answer: “${digits[last]}” (${percent(lastRow[last])} at the last frame)`;
      say(`It settled on “${digits[last]}” at frame ${settled + 1} of ${s.frames} and kept it to the end.`);
      spec.setAttribute("aria-label", `Log-mel spectrogram: ${s.frames} frames of ${s.bands} mel bands`);
      strip.setAttribute("aria-label", `The reading after each frame; from frame ${settled + 1} on it is “${digits[last]}”.`);
      frame.max = String(s.frames);
      frame.disabled = false;
      setState(el, "ready");
      // the cursor walks through the frames at the clip's own pace, as the LSTM read them
      let t = 1;
      frame.value = "1";
      draw();
      const stop = interval(() => {
        if (ticket.aborted || t >= s.frames) return stop();
        frame.value = String(++t);
        draw();
      }, (fe.hop / fe.sample_rate) * 1000, ticket);
    } catch (err) {
      if (ticket.aborted) return;
      setState(el, "ready");
      say(`The recogniser failed: ${describeError(err)}`, true);
    }
  }

  playClip.addEventListener("click", async () => {
    const file = clipSelect.value;
    const url = new URL(file, metaUrl).href;
    try {
      const bytes = await (await fetch(url, { signal })).arrayBuffer();
      if (signal.aborted) return;
      const wav = parseWav(bytes);
      if ("problem" in wav) return say(`The bundled clip could not be read: ${wav.problem}`, true);
      new Audio(url).play().catch(() => undefined);   // no sound device: the recognition goes on
      await recognise(resample(wav.samples, wav.rate, fe.sample_rate), `clip:${file}`);
    } catch (err) {
      if (!signal.aborted) say(`The clip could not be loaded (${describeError(err)}). Check the connection and try again.`, true);
    }
  }, { signal });

  upload.addEventListener("change", async () => {
    const f = upload.files?.[0];
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) return say(`That file is ${(f.size / 1048576).toFixed(1)} MB; the widget reads WAV files up to 5 MB (a few seconds of speech is plenty).`, true);
    const wav = parseWav(await f.arrayBuffer());
    if (signal.aborted) return;
    if ("problem" in wav) return say(`${wav.problem} The clips and the microphone still work.`, true);
    await recognise(resample(wav.samples, wav.rate, fe.sample_rate), "file");
  }, { signal });

  record.addEventListener("click", async () => {
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia) {
      el.dataset.mic = "unsupported";
      return say("This page cannot reach a microphone here (the browser offers none, or the page is not served securely). The clips still work.", true);
    }
    let stream: MediaStream;
    try {
      stream = await media.getUserMedia({ audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: true } });
    } catch (err) {
      const name = (err as DOMException)?.name;
      el.dataset.mic = name === "NotAllowedError" || name === "SecurityError" ? "denied" : name === "NotFoundError" ? "absent" : "failed";
      return say(el.dataset.mic === "denied"
        ? "The microphone was not allowed, so nothing was recorded. The clips above still work; to record, allow the microphone for this site and press Record again."
        : el.dataset.mic === "absent"
          ? "No microphone was found. The clips above still work."
          : `The microphone could not be started (${describeError(err)}). The clips above still work.`, true);
    }
    if (signal.aborted) return stream.getTracks().forEach((t) => t.stop());
    record.disabled = true;
    say(`Recording for ${RECORD_SECONDS} seconds: say one digit now…`);
    try {
      const { samples, rate } = await capture(stream, RECORD_SECONDS, signal);
      if (signal.aborted) return;
      el.dataset.mic = "recorded";
      await recognise(resample(samples, rate, fe.sample_rate), "microphone");
    } finally {
      stream.getTracks().forEach((t) => t.stop());
      record.disabled = false;
    }
  }, { signal });

  setState(el, "ready");
}

/** `seconds` of a stream's sound as samples at the audio context's rate (stops early on abort). */
async function capture(stream: MediaStream, seconds: number, signal: AbortSignal): Promise<{ samples: Float32Array; rate: number }> {
  const ctx = new AudioContext();
  try {
    const source = ctx.createMediaStreamSource(stream);
    // ScriptProcessor needs no worklet module (which the site's policy would have to allow)
    const node = ctx.createScriptProcessor(4096, 1, 1);
    const chunks: Float32Array[] = [];
    const want = Math.round(seconds * ctx.sampleRate);
    let have = 0;
    await new Promise<void>((resolve) => {
      node.onaudioprocess = (e) => {
        if (have >= want) return;
        const c = e.inputBuffer.getChannelData(0);
        chunks.push(Float32Array.from(c));
        have += c.length;
        if (have >= want) resolve();
      };
      signal.addEventListener("abort", () => resolve(), { once: true });
      source.connect(node);
      node.connect(ctx.destination);
    });
    node.disconnect();
    source.disconnect();
    const samples = new Float32Array(Math.min(have, want));
    let o = 0;
    for (const c of chunks) {
      samples.set(c.subarray(0, samples.length - o), o);
      o += Math.min(c.length, samples.length - o);
    }
    return { samples, rate: ctx.sampleRate };
  } finally {
    void ctx.close();
  }
}
