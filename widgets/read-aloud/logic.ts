/**
 * Pure logic of the read-aloud widget: the time-lapse file checked, the
 * labels of its samples, the pieces a sample is spoken in, and the voice.
 * No DOM, no speech.
 */

/** One checkpoint of a training run's time-lapse (pretrained/<id>/timelapse.json). */
export interface TimelapsePoint {
  iter: number;
  val_loss: number;
  sample: string;
}

export interface Timelapse {
  modelId: string;
  temperature: number | null;
  points: TimelapsePoint[];
}

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Check a parsed timelapse.json; throws an Error whose message a reader understands. */
export function parseTimelapse(raw: unknown): Timelapse {
  const bad = new Error("The time-lapse file of this model is not in the expected format. Rebuild the site (make site).");
  if (typeof raw !== "object" || raw === null) throw bad;
  const r = raw as Record<string, unknown>;
  if (!Array.isArray(r.points)) throw bad;
  const points = r.points.filter((p): p is TimelapsePoint => {
    const x = p as Record<string, unknown> | null;
    return !!x && isNum(x.iter) && isNum(x.val_loss) && typeof x.sample === "string" && x.sample.trim() !== "";
  });
  if (points.length === 0) throw bad;
  return {
    modelId: typeof r.model_id === "string" ? r.model_id : "",
    temperature: isNum(r.sample_temperature) ? r.sample_temperature : null,
    points: [...points].sort((a, b) => a.iter - b.iter),
  };
}

/** "Iteration 1,200 (validation loss 1.27)": a sample's name in the picker. */
export function sampleLabel(p: TimelapsePoint): string {
  return `Iteration ${p.iter.toLocaleString("en")} (validation loss ${p.val_loss.toFixed(2)})`;
}

/** Longest piece spoken at once: some browsers stop reading a long utterance after about 15 seconds. */
export const CHUNK_MAX = 200;

/**
 * `text` cut into pieces of at most `max` characters plus the whitespace at
 * the cut (a single word longer than `max` is cut inside), at a sentence end
 * where one is near, else at a space. Every cut is moved past the whitespace
 * that follows it, so no piece but the first starts with whitespace, and the
 * pieces joined give back `text` exactly.
 */
export function speechChunks(text: string, max = CHUNK_MAX): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const head = rest.slice(0, max + 1);
    let cut = -1;
    // The last sentence end (., !, ? or a line break) inside the window, else the last whitespace.
    for (let i = head.length - 1; i > 0 && cut < 0; i--) {
      if (/\s/.test(head[i]) && (/[.!?"]/.test(head[i - 1]) || head[i] === "\n")) cut = i;
    }
    if (cut < max / 2) {
      const space = head.search(/\s\S*$/);
      if (space > 0) cut = space;
    }
    if (cut <= 0) cut = max;
    while (cut < rest.length && /\s/.test(rest[cut])) cut++;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== "" || out.length === 0) out.push(rest);
  return out;
}

/** The fields of a SpeechSynthesisVoice this widget reads. */
export interface VoiceLike {
  lang: string;
  default: boolean;
}

/** The voice to read English with: the default voice if it speaks English, else the first English one, else the default, else the first. */
export function pickVoice<V extends VoiceLike>(voices: readonly V[]): V | null {
  const english = voices.filter((v) => v.lang.toLowerCase().startsWith("en"));
  return english.find((v) => v.default) ?? english[0] ?? voices.find((v) => v.default) ?? voices[0] ?? null;
}

/** Why reading aloud cannot work here, or null when it can. */
export function unsupportedReason(hasSynthesis: boolean, voices: number): string | null {
  if (!hasSynthesis) {
    return "Your browser cannot read text aloud here (it offers no speech synthesis), so the button is off. The sample is written out below.";
  }
  if (voices === 0) {
    return "Your browser has no voice to read with (none is installed, or none has loaded yet), so the button is off. The sample is written out below.";
  }
  return null;
}
