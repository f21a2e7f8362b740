/**
 * The Spoken Digits widget's computation, free of the DOM: WAV parsing, resampling to the model's
 * rate, silence detection, the one-second window, and the log-mel front-end of
 * build_models/speech/features.py (peak-normalise, periodic Hann frames, |rfft|², HTK mel
 * triangles, log with a floor), with its own radix-2 FFT. tests/test_speech_frontend.py compares
 * these frames with NumPy's on a bundled clip and on a chirp.
 */

/** The front-end's parameters: meta.json's `frontend`. */
export interface Frontend {
  sample_rate: number;
  n_fft: number;
  hop: number;
  n_mels: number;
  fmin: number;
  log_floor: number;
  clip_seconds: number;
  silence_rms: number;
}

/** Log-mel frames [T,F], row-major. */
export interface Spectrogram { data: Float32Array; frames: number; bands: number }

/** In-place iterative radix-2 FFT of (re, im); n must be a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k), wi = Math.sin(ang * k);
        const a = i + k, b = a + len / 2;
        const xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

const hzToMel = (f: number) => 2595 * Math.log10(1 + f / 700);
const melToHz = (m: number) => 700 * (10 ** (m / 2595) - 1);

/** Triangular filters [n_mels][n_fft/2+1], peaks evenly spaced in mel from fmin to Nyquist. */
export function melFilters(fe: Frontend): Float64Array[] {
  const K = fe.n_fft / 2 + 1;
  const lo = hzToMel(fe.fmin), hi = hzToMel(fe.sample_rate / 2);
  const edges = Array.from({ length: fe.n_mels + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (fe.n_mels + 1)));
  return Array.from({ length: fe.n_mels }, (_, m) => {
    const row = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const f = (k * fe.sample_rate) / fe.n_fft;
      const up = (f - edges[m]) / (edges[m + 1] - edges[m]);
      const down = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
      row[k] = Math.max(0, Math.min(up, down));
    }
    return row;
  });
}

/** Log-mel frames of a waveform at the model's rate (T = 1 + (N - n_fft) / hop, no padding). */
export function logMel(wave: Float32Array | Float64Array, fe: Frontend): Spectrogram {
  const n = fe.n_fft, K = n / 2 + 1, F = fe.n_mels;
  const frames = wave.length < n ? 0 : 1 + Math.floor((wave.length - n) / fe.hop);
  let peak = 0;
  for (const v of wave) peak = Math.max(peak, Math.abs(v));
  const scale = peak > 0 ? 1 / peak : 1;
  const win = Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
  const filters = melFilters(fe);
  const data = new Float32Array(frames * F);
  const re = new Float64Array(n), im = new Float64Array(n), power = new Float64Array(K);
  for (let t = 0; t < frames; t++) {
    for (let i = 0; i < n; i++) {
      re[i] = wave[t * fe.hop + i] * scale * win[i];
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k < K; k++) power[k] = re[k] * re[k] + im[k] * im[k];
    for (let m = 0; m < F; m++) {
      let s = 0;
      const row = filters[m];
      for (let k = 0; k < K; k++) s += row[k] * power[k];
      data[t * F + m] = Math.log(s + fe.log_floor);
    }
  }
  return { data, frames, bands: F };
}

/**
 * Resample to `rateOut` with a Hann-windowed sinc low-pass at the lower Nyquist (16 zero crossings
 * each side): a microphone's 48 kHz becomes the model's 8 kHz without folding the highs down.
 */
export function resample(x: Float32Array, rateIn: number, rateOut: number): Float32Array {
  if (rateIn === rateOut) return Float32Array.from(x);
  const ratio = rateIn / rateOut;
  const cutoff = Math.min(1, 1 / ratio);            // of the input's Nyquist
  const half = Math.ceil(16 / cutoff);              // taps each side, in input samples
  const out = new Float32Array(Math.round(x.length / ratio));
  for (let j = 0; j < out.length; j++) {
    const centre = j * ratio;
    const first = Math.max(0, Math.ceil(centre - half)), last = Math.min(x.length - 1, Math.floor(centre + half));
    let s = 0, w = 0;
    for (let i = first; i <= last; i++) {
      const d = i - centre;
      const sinc = d === 0 ? 1 : Math.sin(Math.PI * cutoff * d) / (Math.PI * cutoff * d);
      const k = sinc * (0.5 + 0.5 * Math.cos((Math.PI * d) / (half + 1)));
      s += x[i] * k;
      w += k;
    }
    out[j] = w ? s / w : 0;
  }
  return out;
}

/** Root-mean-square of each hop-long stretch: how loud the recording is, frame by frame. */
export function frameRms(x: Float32Array, hop: number): Float64Array {
  const n = Math.floor(x.length / hop);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let i = t * hop; i < (t + 1) * hop; i++) s += x[i] * x[i];
    out[t] = Math.sqrt(s / hop);
  }
  return out;
}

/** True when no stretch of the recording reaches the model's silence level (meta.json silence_rms). */
export function isSilent(x: Float32Array, fe: Frontend): boolean {
  let loudest = 0;
  for (const r of frameRms(x, fe.hop)) loudest = Math.max(loudest, r);
  return loudest < fe.silence_rms;
}

/**
 * The model's clip from a recording at its rate: a clip_seconds window centred on the loud part
 * (stretches above a tenth of the loudest), zero-padded when the recording is shorter. A clip of
 * exactly that length (the bundled ones) is returned as it is.
 */
export function window(x: Float32Array, fe: Frontend): Float32Array {
  const n = Math.round(fe.sample_rate * fe.clip_seconds);
  if (x.length === n) return x;
  const out = new Float32Array(n);
  if (x.length < n) {
    out.set(x, Math.floor((n - x.length) / 2));
    return out;
  }
  const rms = frameRms(x, fe.hop);
  const top = Math.max(...rms);
  let first = rms.findIndex((r) => r > top / 10), last = rms.length - 1;
  while (last > first && rms[last] <= top / 10) last--;
  if (first < 0) first = 0;
  const centre = ((first + last + 1) * fe.hop) / 2;
  const start = Math.max(0, Math.min(x.length - n, Math.round(centre - n / 2)));
  out.set(x.subarray(start, start + n));
  return out;
}

/** A PCM WAV file's samples (the channels averaged) and rate, or a sentence saying why not. */
export function parseWav(bytes: ArrayBuffer): { samples: Float32Array; rate: number } | { problem: string } {
  const v = new DataView(bytes);
  const text = (o: number) => String.fromCharCode(v.getUint8(o), v.getUint8(o + 1), v.getUint8(o + 2), v.getUint8(o + 3));
  if (bytes.byteLength < 44 || text(0) !== "RIFF" || text(8) !== "WAVE") return { problem: "This file is not a WAV file (it lacks the RIFF/WAVE header)." };
  let o = 12, format = 0, channels = 0, rate = 0, bits = 0;
  while (o + 8 <= bytes.byteLength) {
    const id = text(o), size = v.getUint32(o + 4, true), body = o + 8;
    if (id === "fmt ") {
      format = v.getUint16(body, true);
      channels = v.getUint16(body + 2, true);
      rate = v.getUint32(body + 4, true);
      bits = v.getUint16(body + 14, true);
    } else if (id === "data") {
      if (!(format === 1 && (bits === 16 || bits === 8)) && !(format === 3 && bits === 32)) {
        return { problem: "This WAV file is not 8- or 16-bit PCM or 32-bit float; save it as 16-bit PCM." };
      }
      if (channels < 1 || rate < 1000) return { problem: "This WAV file's header is damaged (no channels or rate)." };
      const bytesPer = bits / 8, count = Math.floor(Math.min(size, bytes.byteLength - body) / (bytesPer * channels));
      const samples = new Float32Array(count);
      for (let i = 0; i < count; i++) {
        let s = 0;
        for (let c = 0; c < channels; c++) {
          const at = body + (i * channels + c) * bytesPer;
          s += bits === 16 ? v.getInt16(at, true) / 32768 : bits === 8 ? (v.getUint8(at) - 128) / 128 : v.getFloat32(at, true);
        }
        samples[i] = s / channels;
      }
      if (!count) return { problem: "This WAV file holds no sound." };
      return { samples, rate };
    }
    o = body + size + (size % 2);
  }
  return { problem: "This WAV file has no sound data (no data chunk)." };
}

/** The most probable class of each frame [T] of probs [T,C]. */
export function framePicks(probs: Float32Array, classes: number): number[] {
  const T = probs.length / classes;
  return Array.from({ length: T }, (_, t) => {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[t * classes + c] > probs[t * classes + best]) best = c;
    return best;
  });
}

/** The first frame from which the reading never changes again (where the answer settled). */
export function settledAt(picks: number[]): number {
  let t = picks.length - 1;
  while (t > 0 && picks[t - 1] === picks[picks.length - 1]) t--;
  return t;
}
