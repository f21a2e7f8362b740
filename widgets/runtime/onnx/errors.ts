/**
 * The errors the ONNX runtime reports. Each carries a `code` a widget can
 * branch on and a `message` that is already a sentence for the reader (what
 * failed, what to do). They cross the worker boundary as plain objects
 * (`OnnxErrorData`) and become `OnnxRuntimeError` again in the client.
 */

/** Every way a runtime call can fail. */
export type OnnxErrorCode =
  /** meta.json or the model file answered 404 (or another HTTP error). */
  | "model-not-found"
  /** The server could not be reached at all (offline, connection reset). */
  | "network"
  /** meta.json is not JSON, lacks a field, or does not match the model file. */
  | "meta-invalid"
  /** The model file downloaded but ONNX Runtime cannot read it (truncated, not ONNX). */
  | "model-invalid"
  /** ONNX Runtime's WebAssembly did not load or start. */
  | "wasm-failed"
  /** The text holds a character the model's vocabulary lacks (`char`, `position`). */
  | "unknown-character"
  /** The caller asked for something impossible (empty seed text, negative length...). */
  | "invalid-request"
  /** ONNX Runtime failed while running a loaded model. */
  | "inference-failed"
  /** The runtime's worker itself could not start or crashed. */
  | "worker-failed"
  /** A run was cancelled by its caller (generation instead resolves with `cancelled: true`). */
  | "cancelled";

/** An error as it travels through postMessage (structured-clone friendly). */
export interface OnnxErrorData {
  code: OnnxErrorCode;
  message: string;
  /** The model (or file) URL concerned, when there is one. */
  url?: string;
  /** HTTP status, for model-not-found. */
  status?: number;
  /** For unknown-character: the character (one code point) ... */
  char?: string;
  /** ... and its position in the text, counted in code points from 0. */
  position?: number;
}

/** A runtime failure a widget can show as is (`message`) or act on (`code`). */
export class OnnxRuntimeError extends Error {
  readonly code: OnnxErrorCode;
  readonly url?: string;
  readonly status?: number;
  readonly char?: string;
  readonly position?: number;

  constructor(data: OnnxErrorData) {
    super(data.message);
    this.name = "OnnxRuntimeError";
    this.code = data.code;
    this.url = data.url;
    this.status = data.status;
    this.char = data.char;
    this.position = data.position;
  }

  /** The plain object sent through postMessage (Error subclasses lose their fields in structured clone). */
  toData(): OnnxErrorData {
    const { code, message, url, status, char, position } = this;
    return { code, message, url, status, char, position };
  }
}

/** Type guard for `OnnxErrorData` received from the worker. */
export function isOnnxErrorData(x: unknown): x is OnnxErrorData {
  if (typeof x !== "object" || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.code === "string" && typeof o.message === "string";
}

/**
 * A character named so a reader can find it: visible characters in quotes
 * with their code point, invisible ones by name ("a line break").
 */
export function nameChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  const names: Record<string, string> = { "\n": "a line break", "\r": "a carriage return", "\t": "a tab", " ": "a space" };
  if (names[ch]) return `${names[ch]} (${hex})`;
  // Control and other invisible characters: the code point is all a reader can act on.
  if (/[\p{C}\p{Z}]/u.test(ch)) return `an invisible character (${hex})`;
  return `"${ch}" (${hex})`;
}

/** The readable part of anything thrown (ORT throws strings as well as Errors). */
export function describe(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}
