/**
 * The studio's calls into the tab's shared Pyodide worker. Each call sends the three Python files
 * (installed as modules once per worker: a restarted worker gets them again on its next call),
 * evaluates one `studio_session` function and reads back its JSON. Training never runs on the
 * main thread; a call is short (about a second of training) so the page stays in charge.
 */
import { pyodide, type RunResult } from "../runtime/pyodide/client.ts";
import trainerPy from "./trainer.py" with { type: "text" };
import exportPy from "./onnx_export.py" with { type: "text" };
import sessionPy from "./session.py" with { type: "text" };

/** A Python string literal (JSON's string syntax is a subset of Python's). */
export const pyStr = (s: string): string => JSON.stringify(s);
/** A Python literal for a JSON-able value: null, booleans and numbers spelled as Python does. */
export function pyValue(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === "string") return pyStr(v);
  if (Array.isArray(v)) return `[${v.map(pyValue).join(", ")}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyStr(k)}: ${pyValue(x)}`).join(", ")}}`;
}

// Installs each file as a module unless this worker already has that exact source.
const INSTALL = `
import sys, types, hashlib
def _studio_install(name, source):
    digest = hashlib.sha1(source.encode()).hexdigest()
    if getattr(sys.modules.get(name), "__studio_digest__", None) == digest:
        return
    module = types.ModuleType(name)
    module.__studio_digest__ = digest
    sys.modules[name] = module
    exec(compile(source, name.replace("studio_", "") + ".py", "exec"), module.__dict__)
_studio_install("studio_trainer", ${pyStr(trainerPy)})
_studio_install("studio_onnx", ${pyStr(exportPy)})
_studio_install("studio_session", ${pyStr(sessionPy)})
import studio_session
`;

/** A Python call that failed: `type` is the exception's class (ValueError: a text it refuses). */
export class StudioPythonError extends Error {
  constructor(message: string, readonly type: string) {
    super(message);
  }
}

/** The call was stopped (Stop, the reader left, the time limit); `via` says how Python was stopped. */
export class StudioStopped extends Error {
  constructor(readonly via: Extract<RunResult, { status: "stopped" }>["via"]) {
    super("the training step was stopped");
  }
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Seconds before the runtime stops the call (a slice takes about one). */
  timeLimitS?: number;
}

/** Evaluate `expr` over `studio_session` and return its JSON value. */
export async function studioCall<T>(expr: string, options: CallOptions = {}): Promise<T> {
  const runtime = pyodide();
  await runtime.boot();
  const chunks: string[] = [];
  const job = runtime.run(`${INSTALL}\nprint("\\n" + studio_session.as_json(studio_session.${expr}))\n`, {
    timeLimitS: options.timeLimitS ?? 120,
    // A checkpoint of a large model is a few MB of base64.
    outputLimit: 64 * 1024 * 1024,
    signal: options.signal,
    onOutput: (stream, text) => {
      if (stream === "stdout") chunks.push(text);
    },
  });
  const result = await job.done;
  if (result.status === "stopped") throw new StudioStopped(result.via);
  if (result.status === "finished" && result.error === null) {
    const out = chunks.join("");
    return JSON.parse(out.slice(out.lastIndexOf("\n", out.length - 2) + 1)) as T;
  }
  if (result.status === "finished" && result.error) throw new StudioPythonError(result.error.message, result.error.type);
  throw new Error(result.status === "failed" ? result.message : "the Python runtime gave no result");
}
