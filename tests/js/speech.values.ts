/**
 * The Spoken Digits widget's front-end (widgets/speech-digits/logic.ts) on chosen inputs, for
 * tests/test_speech_frontend.py to compare with build_models/speech/features.py: a bundled clip read
 * by parseWav, a chirp with noise, a 48 kHz tone resampled to the model's rate, the silence test
 * and the one-second window of a longer recording. Run from the repository root (jsunit does).
 */
import { readFileSync } from "node:fs";
import { printValues } from "./harness.ts";
import { mulberry32 } from "../../widgets/lib/random.ts";
import { isSilent, logMel, parseWav, resample, window, type Frontend } from "../../widgets/speech-digits/logic.ts";

const folder = `${process.cwd()}/pretrained/spoken-digits`;
const meta = JSON.parse(readFileSync(`${folder}/meta.json`, "utf-8")) as { frontend: Frontend; clips: { file: string }[] };
const fe = meta.frontend;
const clipFile = meta.clips[7].file;
const bytes = readFileSync(`${folder}/${clipFile}`);
const wav = parseWav(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
if ("problem" in wav) throw new Error(wav.problem);
const clip = logMel(wav.samples, fe);

const rand = mulberry32(11);
const chirp = Float32Array.from({ length: 9000 }, (_, i) => {
  const t = i / fe.sample_rate;
  return 0.3 * Math.sin(2 * Math.PI * (100 * t + 1500 * t * t)) + 0.02 * (rand() * 2 - 1);
});
const chirpMel = logMel(chirp, fe);

const rate = 48000;
const tone = Float32Array.from({ length: rate }, (_, i) => Math.sin((2 * Math.PI * 700 * i) / rate) + 0.5 * Math.sin((2 * Math.PI * 6000 * i) / rate));
const down = resample(tone, rate, fe.sample_rate);

const long = new Float32Array(Math.round(fe.sample_rate * 1.5));
long.set(wav.samples.subarray(0, long.length - 4000), 4000);   // the clip, 0.5 s later

const quiet = Float32Array.from({ length: fe.sample_rate }, () => fe.silence_rms * 0.5 * (rand() * 2 - 1));
const bad = new TextEncoder().encode("not a wav file at all, just some text that is long enough").buffer as ArrayBuffer;

printValues({
  clip: { file: clipFile, rate: wav.rate, samples: Array.from(wav.samples.subarray(0, 400)), n: wav.samples.length, frames: clip.frames, mel: Array.from(clip.data) },
  chirp: { samples: Array.from(chirp), frames: chirpMel.frames, mel: Array.from(chirpMel.data) },
  resampled: { n: down.length, samples: Array.from(down) },
  silent: { zeros: isSilent(new Float32Array(8000), fe), quiet: isSilent(quiet, fe), clip: isSilent(wav.samples, fe) },
  window: { n: window(long, fe).length, mel: Array.from(logMel(window(long, fe), fe).data) },
  badFile: "problem" in parseWav(bad) ? (parseWav(bad) as { problem: string }).problem : null,
});
