/**
 * The messages between client.ts (page) and worker.ts (the ONNX worker): a
 * closed union each way, discriminated by `type`, with type guards. Arrays
 * travel as typed arrays whose buffers are transferred, never copied.
 *
 * Shapes use the step-model contract's letters: T steps, L layers, H hidden,
 * V vocabulary, G gate rows (4 for an LSTM: i, f, g, o). The batch is always 1,
 * so a state [L,1,H] is stored as [L,H].
 */
import { isOnnxErrorData, type OnnxErrorData } from "./errors.ts";
import type { ModelMeta } from "./meta.ts";
import type { SamplingOptions, UnknownCharPolicy } from "./sampling.ts";

/** The per-step outputs a run can return. */
export type OutputName = "logits" | "h" | "c" | "gates";
export const OUTPUT_CHOICES: readonly OutputName[] = ["logits", "h", "c", "gates"];

/** The recurrent state between steps. */
export interface RnnState {
  /** Hidden state [L,H] (the model's [L,1,H]). */
  h: Float32Array;
  /** Cell state [L,H]; carried unchanged by GRU/RNN models. */
  c: Float32Array;
}

/** Bytes of the model file downloaded so far; `total` is null while unknown. */
export interface LoadProgress {
  url: string;
  loaded: number;
  total: number | null;
}

/** The outputs of running a text through the model, one row per kept character. */
export interface RunResult {
  /** Token ids fed [T]. */
  ids: Int32Array;
  /** Code-point position in the text of each fed character [T]. */
  positions: Int32Array;
  /** Characters left out (unknown: "skip"). */
  skipped: { char: string; position: number }[];
  /** Logits after each character [T,V] (predicting the next one), when asked for. */
  logits?: Float32Array;
  /** Hidden state after each character [T,L,H], when asked for. */
  h?: Float32Array;
  /** Cell state after each character [T,L,H], when asked for. */
  c?: Float32Array;
  /** Gate activations at each character [T,L,G,H], when asked for. */
  gates?: Float32Array;
  /** The state after the last character, to continue from. */
  state: RnnState;
  /** Milliseconds the worker spent in the loop. */
  elapsedMs: number;
}

/** Where a text left the model: its state and the logits for the character after it. */
export interface Primed {
  state: RnnState;
  /** Logits for the next character [V]. */
  logits: Float32Array;
}

/** The result of reading a text once (prime): no per-step outputs, only where it ended. */
export interface PrimeResult extends Primed {
  /** Characters fed [T]. */
  steps: number;
  /** Characters left out (unknown: "skip"). */
  skipped: { char: string; position: number }[];
  /** Milliseconds the worker spent in the loop. */
  elapsedMs: number;
}

/** Steps done of a long job (a long text, a long seed), for a progress bar. */
export interface JobProgress {
  done: number;
  total: number;
}

/**
 * An intervention on one cell: after every step (seed included) the state
 * carried to the next step has `kind` ("h" or "c") of `layer`, `unit` set to
 * `value`. The step's own logits are left as the model computed them, so the
 * clamp acts through the recurrence (and, for h, through the layers above).
 */
export interface CellClamp {
  layer: number;
  kind: "h" | "c";
  unit: number;
  value: number;
}

/** What `generate` is asked for. */
export interface GenerateOptions extends SamplingOptions {
  /** Text fed first (at least one character the model knows); the output continues it. */
  seedText: string;
  /**
   * Start from a text already read (prime's result) instead of feeding `seedText`: several
   * generations and a distribution can share one read of a long seed. `seedText` is then ignored.
   */
  start?: Primed;
  /** Characters to generate. */
  length: number;
  /** Seed of the mulberry32 generator: the same seed gives the same text. */
  rngSeed: number;
  /** What to do with seed characters outside the vocabulary (default "error"). */
  unknown?: UnknownCharPolicy;
  /** Hold one cell of the state at a value for the whole run (seed included); see CellClamp. */
  clamp?: CellClamp;
}

/** A finished (or cancelled) generation. */
export interface GenerateResult {
  /** The generated characters, without the seed text. */
  text: string;
  /** Their token ids [N]. */
  ids: Int32Array;
  /** True when cancel() stopped it before `length` characters. */
  cancelled: boolean;
  /** Milliseconds spent feeding the seed text (0 when it started from a primed state). */
  primeMs: number;
  /** Milliseconds spent generating `text` (for characters per second). */
  elapsedMs: number;
}

/** What the worker's ONNX Runtime is using. */
// ---- the translator (kinds/seq2seq.ts) ----------------------------------

/** A translator's meta.json, as the runtime reads it (build_models/translate/export.py). */
export interface TranslatorMeta {
  url: string;
  metaUrl: string;
  id: string;
  kind: string;
  /** Word lists: index = token id (0 <pad>, 1 <unk>, 2 <s>, 3 </s>). */
  source: string[];
  target: string[];
  attention: boolean;
  hidden: number;
  /** Decoding stops after this many French words; sources longer than maxSource words are cut. */
  maxLen: number;
  maxSource: number;
  /** The beam width the evaluation used. */
  beam: number;
  /** The whole meta.json (BLEU by length, training, card). */
  raw: Record<string, unknown>;
}

export interface TranslateOptions {
  /** English text; tokenised as in build_models/translate/data.py. */
  text: string;
  strategy: "greedy" | "beam";
  /** Beam width (default meta's `beam`). */
  beam?: number;
  /** Candidates per step to report (greedy; default 5). */
  topK?: number;
  /** Hard attention at every step: the argmax position, or one sampled from the weights (attention models). */
  hard?: "argmax" | "sample";
  /** Seed of the sampled hard attention. */
  seed?: number;
  /** Beam: report every step's hypotheses. */
  trace?: boolean;
}

export interface TranslateCandidate { word: string; p: number }

export interface TranslateStep {
  word: string;
  p: number;
  /** The topK most probable next words at this step (before the choice). */
  top: TranslateCandidate[];
  /** Hard attention: the source position looked at. */
  focus?: number;
}

export interface BeamHypothesis {
  words: string[];
  /** Total log-probability. */
  logProb: number;
  /** logProb / tokens (</s> included for finished ones): what the final choice compares. */
  score: number;
}

export interface BeamStep {
  alive: BeamHypothesis[];
  finished: BeamHypothesis[];
}

export interface TranslateResult {
  /** The source words read (after the cut), with those outside the vocabulary listed. */
  sourceWords: string[];
  unknown: string[];
  /** Words cut from the end of a source longer than maxSource (0: none). */
  truncated: number;
  /** Encoder states [S,2H] and the fixed context vector c [2H]. */
  states: Float32Array;
  final: Float32Array;
  /** The translation: words (without </s>) and detokenised text. */
  words: string[];
  text: string;
  /** Attention weights per output word [T,S] (zeros for a model without attention; soft weights under hard attention). */
  attention: Float32Array;
  steps: TranslateStep[];
  logProb: number;
  score: number;
  /** True when it stopped at maxLen without </s>. */
  hitMaxLen: boolean;
  beamTrace?: BeamStep[];
  elapsedMs: number;
}

// ---- whole-sequence word models (kinds/word-lm.ts) -----------------------

/** A word-lm meta.json, as the runtime reads it (build_models/stress/export.py). */
export interface WordLmMeta {
  url: string;
  metaUrl: string;
  id: string;
  kind: string;
  /** index = token id ("<pad>", "<s>", "</s>" first). */
  vocabulary: string[];
  cell: "rnn" | "lstm" | "gru" | "transformer";
  hidden: number;
  layers: number;
  /** Attention heads per layer (0 for a recurrent model). */
  heads: number;
  /** The whole meta.json (the tasks' word lists, the evaluation, the card). */
  raw: Record<string, unknown>;
}

export interface ScoreOptions {
  /** The words read after <s> (each must be in the vocabulary). */
  words: string[];
  /** "probs": the next-word distribution after each position; "extra": states or attention. Default ["probs"]. */
  outputs?: ("probs" | "extra")[];
  /** Run the same sequence this many times (1-50) and report each run's milliseconds. */
  repeat?: number;
}

export interface ScoreResult {
  /** Token ids read, <s> first [T]. */
  ids: Int32Array;
  /** P(next word) after each position [T,V] (row 0: after <s>). */
  probs?: Float32Array;
  /** A recurrent model's hidden state after each position [T,H]. */
  states?: Float32Array;
  /** A Transformer's attention weights [L,heads,T,T]. */
  attention?: Float32Array;
  /** Milliseconds of each run (session.run only). */
  ms: number[];
}

// ---- memory models (kinds/ntm.ts) -----------------------------------------

/** An ntm-copy-step meta.json, as the runtime reads it (build_models/memory/export.py). */
export interface NtmMeta {
  url: string;
  metaUrl: string;
  id: string;
  kind: string;
  /** Bits per vector of the copy task (the input has one more channel: the delimiter). */
  width: number;
  /** Memory rows N and their width M; the controller's hidden size H. */
  slots: number;
  memWidth: number;
  hidden: number;
  /** Longest sequence seen in training. */
  trainMaxLen: number;
  /** Where both heads start, and the constant the memory starts at. */
  initialSlot: number;
  initialMemory: number;
  /** The whole meta.json (the evaluation and the training curve). */
  raw: Record<string, unknown>;
}

export interface RememberOptions {
  /** The vectors to copy [L][W] (0 or 1). */
  bits: number[][];
}

/** Every step of the copy: T = 2L+1 (L reading, one delimiter, L answering). */
export interface RememberResult {
  length: number;
  steps: number;
  width: number;
  slots: number;
  memWidth: number;
  /** Output logits [T,W]; the answer is rows L+1 … 2L. */
  y: Float32Array;
  /** The read and write heads' weightings after each step [T,N]. */
  wRead: Float32Array;
  wWrite: Float32Array;
  /** The memory after each step [T,N,M]. */
  memory: Float32Array;
}

// ---- spoken-digit recognisers (kinds/speech.ts) ---------------------------

/** A speech-frames meta.json, as the runtime reads it (build_models/speech/export.py). */
export interface SpeechMeta {
  url: string;
  metaUrl: string;
  id: string;
  kind: string;
  /** The classes, index = output column ("zero" … "nine"). */
  digits: string[];
  /** Mel bands per frame F. */
  nMels: number;
  /** The whole meta.json (front-end parameters, evaluation, bundled clips). */
  raw: Record<string, unknown>;
}

export interface RecogniseOptions {
  /** Log-mel frames [T,F], row-major. */
  frames: Float32Array;
  /** Run the same frames this many times (1-50) and report each run's milliseconds. */
  repeat?: number;
}

export interface RecogniseResult {
  /** The digit distribution after each frame [T,10]; the answer is the last row's. */
  probs: Float32Array;
  frames: number;
  /** Milliseconds of each run (session.run only). */
  ms: number[];
}

// ---- captioners (kinds/captioner.ts) -------------------------------------------

/** A captioner's meta.json, as the runtime reads it (build_models/scenes/export.py). */
export interface CaptionerMeta {
  url: string;
  metaUrl: string;
  id: string;
  kind: string;
  vocabulary: string[];
  bos: number;
  eos: number;
  hidden: number;
  /** Features per grid cell (the grid is 8x8). */
  channels: number;
  /** How it was trained: soft (alpha-weighted context) or hard (one sampled cell, REINFORCE). */
  attention: "soft" | "hard";
  maxWords: number;
  /** The whole meta.json (the world, the evaluation). */
  raw: Record<string, unknown>;
}

export interface CaptionOptions {
  /** The encoder's input [3*64*64], channels first, in [0,1]. */
  image: Float32Array;
  /** soft: alpha itself; hard: the cell alpha ranks first; sample: a cell drawn from alpha. */
  mode?: "soft" | "hard" | "sample";
  /** mulberry32 seed of the sampled cells (mode "sample"). */
  seed?: number;
}

/** A greedy caption; rows t belong to the step that wrote ids[t] (the last is </s> when it ended). */
export interface CaptionResult {
  ids: Int32Array;
  words: string[];
  ended: boolean;
  /** The attention each step used [T,64] (one-hot for hard and sample), the alpha it came from [T,64]. */
  weights: Float32Array;
  alphas: Float32Array;
  /** Word probabilities of each step [T,V]. */
  probs: Float32Array;
  /** The encoder's feature maps [C,8,8]. */
  fmap: Float32Array;
  channels: number;
  elapsedMs: number;
}

// ---- visual question answerers (kinds/vqa.ts) ----------------------------------

/** A vqa meta.json, as the runtime reads it (build_models/scenes/vqa_export.py). */
export interface VqaMeta {
  url: string;
  metaUrl: string;
  id: string;
  kind: string;
  /** The question words (index = id; 0 is the padding). */
  vocabulary: string[];
  /** The closed set of answers (index = output column). */
  answers: string[];
  /** The longest question the model reads. */
  maxWords: number;
  /** The whole meta.json (the evaluation by question type). */
  raw: Record<string, unknown>;
}

export interface AnswerOptions {
  /** The image [3*64*64], channels first, in [0,1]. */
  image: Float32Array;
  /** The question's words, each in the vocabulary (1 to maxWords). */
  words: string[];
}

export interface AnswerResult {
  answer: string;
  /** Probability of each answer [A], the logits [A], and where the attention read the grid [64]. */
  probs: Float32Array;
  logits: Float32Array;
  alpha: Float32Array;
  elapsedMs: number;
}

export interface RuntimeInfo {
  /** Jobs running or waiting now (0: the worker is idle). */
  jobs: number;
  /** Models loaded or loading. */
  models: number;
  /** Threads ORT may use in this worker: more than 1 only for big models where the page is cross-origin isolated. */
  threads: number;
  crossOriginIsolated: boolean;
  /** Where the wasm files come from. */
  wasmPaths: string;
}

/**
 * The runtime's workers, by lane: small models run in one with one thread, big ones (where the
 * page is cross-origin isolated) in one with two; each reads its thread count from its name.
 */
export const WORKER_NAMES = { single: "onnx-runtime", threaded: "onnx-runtime-threaded" } as const;
export type Lane = keyof typeof WORKER_NAMES;

// ---- page → worker -------------------------------------------------------

/**
 * Every request about a model names it by `url`; `metaUrl` overrides "meta.json beside the model".
 * `meta` is that meta.json's text when the page already read it (client.ts reads it to choose the
 * model's worker): the worker's first load takes it instead of fetching the file again.
 */
interface ModelRequest { id: number; url: string; metaUrl?: string; meta?: FetchedMeta }
/** A meta.json the page read: its URL and text. */
export interface FetchedMeta { url: string; text: string }
export interface LoadRequest extends ModelRequest { type: "load" }
export interface RunRequest extends ModelRequest {
  type: "run";
  text: string;
  outputs: OutputName[];
  unknown: UnknownCharPolicy;
  state?: RnnState;
}
export interface PrimeRequest extends ModelRequest {
  type: "prime";
  text: string;
  unknown: UnknownCharPolicy;
  state?: RnnState;
}
export interface GenerateRequest extends ModelRequest { type: "generate"; options: GenerateOptions }
export interface TranslateRequest extends ModelRequest { type: "translate"; options: TranslateOptions }
export interface ScoreRequest extends ModelRequest { type: "score"; options: ScoreOptions }
export interface RememberRequest extends ModelRequest { type: "remember"; options: RememberOptions }
export interface RecogniseRequest extends ModelRequest { type: "recognise"; options: RecogniseOptions }
export interface CaptionRequest extends ModelRequest { type: "caption"; options: CaptionOptions }
export interface AnswerRequest extends ModelRequest { type: "answer"; options: AnswerOptions }
export interface CancelRequest { type: "cancel"; id: number }
/**
 * Files made in the page (a model the reader trained in the training studio), answered from memory
 * when the worker would fetch their URL. No reply: messages are handled in order, so a later load
 * of that URL finds them.
 */
export interface ProvideRequest { type: "provide"; id: number; files: { url: string; bytes: Uint8Array }[] }
/** `url` picks the worker (the lane of that model: client.ts); the worker itself ignores it. */
export interface InfoRequest { type: "info"; id: number; url?: string }

export type Request =
  | LoadRequest | RunRequest | PrimeRequest | GenerateRequest | TranslateRequest | ScoreRequest | RememberRequest | RecogniseRequest | CaptionRequest | AnswerRequest | CancelRequest | InfoRequest | ProvideRequest;

// ---- worker → page -------------------------------------------------------

/** Download progress of a model, for everyone waiting on that URL (no request id). */
export interface ProgressMessage { type: "progress"; progress: LoadProgress }
export interface LoadedResponse { type: "loaded"; id: number; meta: ModelMeta | TranslatorMeta | WordLmMeta | NtmMeta | SpeechMeta | CaptionerMeta | VqaMeta }
export interface RanResponse { type: "ran"; id: number; result: RunResult }
/** Characters generated since the last chunk. */
export interface ChunkMessage { type: "chunk"; id: number; text: string }
export interface GeneratedResponse { type: "generated"; id: number; result: GenerateResult }
export interface PrimedResponse { type: "primed"; id: number; result: PrimeResult }
export interface TranslatedResponse { type: "translated"; id: number; result: TranslateResult }
export interface ScoredResponse { type: "scored"; id: number; result: ScoreResult }
export interface RememberedResponse { type: "remembered"; id: number; result: RememberResult }
export interface RecognisedResponse { type: "recognised"; id: number; result: RecogniseResult }
export interface CaptionedResponse { type: "captioned"; id: number; result: CaptionResult }
export interface AnsweredResponse { type: "answered"; id: number; result: AnswerResult }
export interface JobProgressMessage { type: "job-progress"; id: number; done: number; total: number }
/** The one way a cancelled job ends; `partial` is what it had (a generation's characters so far). */
export interface CancelledResponse { type: "cancelled"; id: number; partial?: unknown }
export interface InfoResponse { type: "info"; id: number; info: RuntimeInfo }
export interface ErrorResponse { type: "error"; id: number; error: OnnxErrorData }

export type Response =
  | ProgressMessage | LoadedResponse | RanResponse | PrimedResponse | ChunkMessage | JobProgressMessage
  | GeneratedResponse | TranslatedResponse | ScoredResponse | RememberedResponse | RecognisedResponse | CaptionedResponse | AnsweredResponse | CancelledResponse | InfoResponse | ErrorResponse;

// ---- guards --------------------------------------------------------------

function record(x: unknown): Record<string, unknown> | null {
  return typeof x === "object" && x !== null ? (x as Record<string, unknown>) : null;
}

const hasId = (o: Record<string, unknown>) => Number.isInteger(o.id);
const isString = (x: unknown): x is string => typeof x === "string";
const isModelRequest = (o: Record<string, unknown>) =>
  isString(o.url) && (o.metaUrl === undefined || isString(o.metaUrl)) && (o.meta === undefined || (isString(record(o.meta)?.url) && isString(record(o.meta)?.text)));

/** Type guard for a message the worker accepts. */
export function isRequest(x: unknown): x is Request {
  const o = record(x);
  if (!o || !hasId(o)) return false;
  switch (o.type) {
    case "load":
      return isModelRequest(o);
    case "run":
      return isModelRequest(o) && isString(o.text) && Array.isArray(o.outputs) && (o.unknown === "error" || o.unknown === "skip");
    case "prime":
      return isModelRequest(o) && isString(o.text) && (o.unknown === "error" || o.unknown === "skip");
    case "generate":
      return isModelRequest(o) && record(o.options) !== null && isString(record(o.options)!.seedText);
    case "translate":
      return isModelRequest(o) && record(o.options) !== null && isString(record(o.options)!.text);
    case "score":
      return isModelRequest(o) && record(o.options) !== null && Array.isArray(record(o.options)!.words);
    case "remember":
      return isModelRequest(o) && record(o.options) !== null && Array.isArray(record(o.options)!.bits);
    case "recognise":
      return isModelRequest(o) && record(o.options)?.frames instanceof Float32Array;
    case "caption":
      return isModelRequest(o) && record(o.options) !== null && record(o.options)!.image instanceof Float32Array;
    case "answer":
      return isModelRequest(o) && record(o.options)?.image instanceof Float32Array && Array.isArray(record(o.options)!.words);
    case "cancel":
    case "info":
      return true;
    case "provide":
      return Array.isArray(o.files) && o.files.every((f) => isString(record(f)?.url) && record(f)?.bytes instanceof Uint8Array);
    default:
      return false;
  }
}

/** Type guard for a message the client accepts. */
export function isResponse(x: unknown): x is Response {
  const o = record(x);
  if (!o) return false;
  switch (o.type) {
    case "progress":
      return record(o.progress) !== null;
    case "loaded":
      return hasId(o) && record(o.meta) !== null;
    case "ran":
    case "primed":
    case "generated":
    case "translated":
    case "scored":
    case "remembered":
    case "captioned":
    case "recognised":
    case "answered":
      return hasId(o) && record(o.result) !== null;
    case "job-progress":
      return hasId(o) && Number.isInteger(o.done) && Number.isInteger(o.total);
    case "cancelled":
      return hasId(o);
    case "chunk":
      return hasId(o) && isString(o.text);
    case "info":
      return hasId(o) && record(o.info) !== null;
    case "error":
      return hasId(o) && isOnnxErrorData(o.error);
    default:
      return false;
  }
}

/** Compile-time exhaustiveness: a switch over a closed union ends here. */
export function unreachable(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}

/** The buffers of a prime result, to transfer instead of copying. */
export function primeTransferables(r: PrimeResult): ArrayBuffer[] {
  return [r.logits, r.state.h, r.state.c].map((a) => a.buffer as ArrayBuffer);
}

/** The buffers of a score result, to transfer instead of copying. */
export function scoreTransferables(r: ScoreResult): ArrayBuffer[] {
  return [r.ids, r.probs, r.states, r.attention].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
}

/** The buffers of a remember result, to transfer instead of copying. */
export function rememberTransferables(r: RememberResult): ArrayBuffer[] {
  return [r.y, r.wRead, r.wWrite, r.memory].map((a) => a.buffer as ArrayBuffer);
}

/** The buffers of an answer, to transfer instead of copying. */
export function answerTransferables(r: AnswerResult): ArrayBuffer[] {
  return [r.probs, r.logits, r.alpha].map((a) => a.buffer as ArrayBuffer);
}

/** The buffers of a caption result, to transfer instead of copying. */
export function captionTransferables(r: CaptionResult): ArrayBuffer[] {
  return [r.ids, r.weights, r.alphas, r.probs, r.fmap].map((a) => a.buffer as ArrayBuffer);
}

/** The buffers of a run result, to transfer instead of copying. */
export function runTransferables(r: RunResult): ArrayBuffer[] {
  const arrays = [r.ids, r.positions, r.logits, r.h, r.c, r.gates, r.state.h, r.state.c];
  return arrays.flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
}
