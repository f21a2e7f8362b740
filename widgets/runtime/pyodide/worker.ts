/**
 * The Pyodide worker: one per tab, started by client.ts on first use.
 *
 * It loads the self-hosted Pyodide, NumPy and the grader, then runs one job
 * at a time (plain runs and graded runs) and streams the job's output to the
 * page, capped, with its progress reports (rnn_progress) in between. Python runs synchronously here, so this worker cannot read a
 * message while learner code loops; the page stops it through the
 * SharedArrayBuffer interrupt buffer or, failing that, by terminating it.
 */
import type { PyodideInterface } from "pyodide";
import {
  assertNever, isJobProgress, isWorkerRequest, type WorkerEvent, type WorkerOutcome, type WorkerRequest,
} from "./protocol.ts";
import { PROGRESS_MODULE, PROGRESS_PY, RUNTIME_MODULE, RUNTIME_PY, WORKER_MODULE } from "./python.ts";

type Stream = "stdout" | "stderr";
type RuntimeModule = {
  run(code: string): string;
  grade(code: string, checks: string, includeHidden: boolean, entry: string | null): string;
};

/** Where our own Python modules live inside Pyodide's file system. */
const LIB_DIR = "/rnn-lib";
/** Output is posted in pieces no further apart than this, so a long loop still streams. */
const FLUSH_MS = 50;
const FLUSH_CHARS = 4096;
/** Download progress is posted at most this often per file. */
const PROGRESS_MS = 100;

const post = (event: WorkerEvent): void => (self as unknown as Worker).postMessage(event);
declare const __PYODIDE_SNAPSHOT__: string;
/**
 * The interpreter just after start-up, saved by the build (widgets/build.mjs: a Pyodide memory
 * snapshot, gzipped, made from the same runtime files; its name, built in here, carries a digest
 * of pyodide.asm.wasm): restoring it replaces Python's own start.
 */
const SNAPSHOT = __PYODIDE_SNAPSHOT__;
/** fetch before watchDownloads wraps it: the snapshot is optional, its failure no boot failure. */
const plainFetch = globalThis.fetch.bind(globalThis);

let py: PyodideInterface | null = null;
let runtime: RuntimeModule | null = null;
let bootFailed = false;

/** Tell the page once that booting failed; later failures are echoes of the first. */
function failBoot(message: string): void {
  if (bootFailed) return;
  bootFailed = true;
  post({ type: "boot-failed", message });
}

/**
 * Wrap fetch so that every Pyodide file reports its download progress, and a
 * missing file (404, wrong MIME type at the server) fails the boot at once:
 * Pyodide itself may otherwise wait forever on a wasm file that never comes.
 */
function watchDownloads(indexURL: string): void {
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(indexURL)) return realFetch(input, init);
    const file = decodeURIComponent(url.slice(indexURL.length));
    let response: Response;
    try {
      response = await realFetch(input, init);
    } catch (err) {
      failBoot(`the file ${file} could not be downloaded (${err instanceof Error ? err.message : String(err)})`);
      throw err;
    }
    if (!response.ok) {
      failBoot(`the file ${file} could not be downloaded (HTTP ${response.status})`);
      return response;
    }
    // Count a clone's bytes and hand Pyodide the original response untouched:
    // a Response we built ourselves would lose its URL, and with it the
    // browser's compiled-wasm cache that makes a second visit start faster.
    void countBytes(file, response.clone(), response.headers);
    return response;
  };
}

/** Read a (cloned) response to the end, posting how far it is. */
async function countBytes(file: string, copy: Response, headers: Headers): Promise<void> {
  if (!copy.body) return;
  // A compressed response's Content-Length counts compressed bytes; we count
  // decompressed ones, so the total is unknown then.
  const length = Number(headers.get("Content-Length"));
  const total = length > 0 && !headers.get("Content-Encoding") ? length : null;
  const reader = copy.body.getReader();
  let loaded = 0;
  let lastPost = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      const now = performance.now();
      if (now - lastPost >= PROGRESS_MS) {
        lastPost = now;
        post({ type: "download", file, loaded, total });
      }
    }
    post({ type: "download", file, loaded, total: total ?? loaded });
  } catch {
    // The download itself failed; Pyodide sees that on the original and reports it.
  }
}

/**
 * The saved interpreter (SNAPSHOT) if a cache holds it (the browser's HTTP cache, or the offline
 * copy): the response, whose body `unpack` reads; null otherwise. Never downloaded for the boot
 * that wants it: 5 MB more before a reader's first lab would cost more time on most connections
 * than the second the snapshot saves. `keepSnapshot` fetches it after that boot.
 */
async function cachedSnapshot(indexURL: string): Promise<Response | null> {
  try {
    const response = await plainFetch(indexURL + SNAPSHOT, { cache: "only-if-cached", mode: "same-origin" });
    return response.ok ? response : null;
  } catch {
    return null;
  }
}

/** The snapshot's bytes; rejects for a damaged file (its gzip checksum fails). */
async function unpack(response: Response): Promise<Uint8Array> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A host that sends the file with Content-Encoding: gzip has had the browser unpack it already.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}

/**
 * After a boot without the snapshot: download it in the background, so that the next boot (the
 * next visit, a reload, a restart after Stop) finds it in the HTTP cache, or in the offline copy,
 * whose service worker keeps what the site fetches. Not when the reader's browser asks to save data.
 * `replace`: the copy a cache held was damaged, so ask past the caches (the offline copy's worker
 * then downloads and keeps a fresh one) instead of being handed the same bytes again.
 */
async function keepSnapshot(indexURL: string, replace: boolean): Promise<void> {
  if ((navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData) return;
  try {
    await (await plainFetch(indexURL + SNAPSHOT, replace ? { cache: "reload" } : {})).arrayBuffer();
  } catch {
    // Next time, then.
  }
}

type LoadPyodide = typeof import("pyodide").loadPyodide;

/**
 * Pyodide with NumPy, restored from the saved interpreter when a cache holds it (about a second
 * less on a two-core machine), else started as usual; also how it started: "damaged" when a cache
 * held a snapshot that could not be read or restored, which costs one more start (and a second
 * request for the wasm, which Pyodide asks for as it begins), not the boot.
 */
async function startPython(loadPyodide: LoadPyodide, indexURL: string, errors: string[]): Promise<[PyodideInterface, "snapshot" | "cold" | "damaged"]> {
  const options = { indexURL, packages: ["numpy"], stdout: () => {}, stderr: (m: string) => errors.push(m) };
  // A cache lookup, no download: known before Pyodide starts, so a first visit starts it once.
  const cached = await cachedSnapshot(indexURL);
  if (!cached) return [await loadPyodide(options), "cold"];
  try {
    // Unpacked while pyodide.asm.js loads; Pyodide waits for it before it instantiates the wasm.
    const bytes = unpack(cached);
    bytes.catch(() => {}); // a damaged file may fail before Pyodide awaits it: not "unhandled" meanwhile
    return [await loadPyodide({ ...options, _loadSnapshot: bytes }), "snapshot"];
  } catch (err) {
    if (bootFailed) throw err; // a file Pyodide needs is missing: a plain start would fail the same way
    console.warn("pyodide worker: the saved interpreter could not be restored; starting Python", err);
    errors.length = 0;
    return [await loadPyodide(options), "damaged"];
  }
}

/** The output of the running job (decoded, capped, batched into few messages) and its progress. */
class OutputSink {
  private id = -1;
  private limit = 0;
  private used = 0;
  private cut = false;
  private pending: { stream: Stream; text: string }[] = [];
  private pendingChars = 0;
  private lastFlush = 0;
  private decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

  /** Start collecting for job `id`, keeping at most `limit` characters. */
  start(id: number, limit: number): void {
    this.id = id;
    this.limit = limit;
    this.used = 0;
    this.cut = false;
    this.pending = [];
    this.pendingChars = 0;
    this.lastFlush = performance.now();
    this.decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  }

  /** Pyodide's `write` handler: takes raw UTF-8 bytes, returns how many it consumed. */
  write(stream: Stream, bytes: Uint8Array): number {
    const text = this.decoders[stream].decode(bytes, { stream: true });
    if (this.id < 0) {
      // Nothing is running (Pyodide talking while it boots): the console is enough.
      if (text.trim()) console.log(`[pyodide ${stream}] ${text}`);
    } else {
      this.accept(stream, text);
    }
    return bytes.length;
  }

  private accept(stream: Stream, text: string): void {
    if (this.cut || !text) return;
    const room = this.limit - this.used;
    if (text.length >= room) {
      this.queue(stream, text.slice(0, room));
      this.flush();
      if (text.length > room) {
        // Drop the rest of this job's output: the page shows a note instead.
        this.cut = true;
        post({ type: "output-cut", id: this.id, limit: this.limit });
      }
      return;
    }
    this.queue(stream, text);
    if (this.pendingChars >= FLUSH_CHARS || performance.now() - this.lastFlush >= FLUSH_MS) this.flush();
  }

  private queue(stream: Stream, text: string): void {
    if (!text) return;
    this.used += text.length;
    this.pendingChars += text.length;
    const last = this.pending[this.pending.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.pending.push({ stream, text });
  }

  /**
   * rnn_progress.report_progress of the running job (JSON): checked, and posted after the
   * output printed before it, so that the page sees the two in the order Python made them.
   */
  progress(json: string): void {
    if (this.id < 0) return; // nothing is running: nobody to tell
    let progress: unknown;
    try {
      progress = JSON.parse(json);
    } catch {
      progress = null;
    }
    if (!isJobProgress(progress)) {
      console.warn("pyodide worker: ignored a malformed progress report", json);
      return;
    }
    this.flush();
    post({ type: "progress", id: this.id, progress });
  }

  private flush(): void {
    for (const { stream, text } of this.pending) post({ type: "output", id: this.id, stream, text });
    this.pending = [];
    this.pendingChars = 0;
    this.lastFlush = performance.now();
  }

  /** The job ended: send what is left and stop attributing output to it. */
  finish(): void {
    for (const stream of ["stdout", "stderr"] as const) this.accept(stream, this.decoders[stream].decode());
    this.flush();
    this.id = -1;
  }
}

const sink = new OutputSink();

async function boot(msg: Extract<WorkerRequest, { type: "boot" }>): Promise<void> {
  const started = performance.now();
  watchDownloads(msg.indexURL);
  try {
    // Fetched alongside Pyodide; awaited (and its failure reported) once Python is up.
    const grader = fetch(msg.graderURL).then(async (r) => {
      if (!r.ok) throw new Error(`the grader (grader.py) could not be downloaded (HTTP ${r.status})`);
      return r.text();
    });
    grader.catch(() => {}); // not "unhandled" meanwhile: the await below reports it
    // Fetched at run time from the site itself, not bundled: pyodide.mjs
    // locates its other files (asm.js, wasm, stdlib) next to itself.
    const { loadPyodide } = (await import(/* @vite-ignore */ `${msg.indexURL}pyodide.mjs`)) as typeof import("pyodide");
    const errors: string[] = [];
    // NumPy is named in loadPyodide's packages, not loaded after: Pyodide then downloads its wheel
    // while the interpreter starts, instead of after. The lock file next to pyodide.mjs names the
    // vendored wheel; no CDN is involved.
    const [loaded, start] = await startPython(loadPyodide, msg.indexURL, errors);
    const restored = start === "snapshot";
    if (bootFailed) return;
    if (!("numpy" in loaded.loadedPackages)) {
      throw new Error(`NumPy could not be loaded (${errors.join("; ") || "no reason given"})`);
    }
    const interpreter = performance.now() - started;
    loaded.FS.mkdirTree(LIB_DIR);
    loaded.FS.writeFile(`${LIB_DIR}/grader.py`, await grader);
    loaded.FS.writeFile(`${LIB_DIR}/${RUNTIME_MODULE}.py`, RUNTIME_PY);
    loaded.FS.writeFile(`${LIB_DIR}/${PROGRESS_MODULE}.py`, PROGRESS_PY);
    // Python's way to the page for progress: a plain function taking a JSON string.
    loaded.registerJsModule(WORKER_MODULE, { post_progress: (json: string) => sink.progress(String(json)) });
    // Import everything now, so the first Run or Check pays no import time.
    const versions = loaded.runPython(
      `import sys; sys.path.insert(0, ${JSON.stringify(LIB_DIR)})\n` +
        `import numpy, grader, ${PROGRESS_MODULE}, ${RUNTIME_MODULE}\n` +
        `f"{sys.version.split()[0]} {numpy.__version__}"`,
    ) as string;
    loaded.setStdout({ write: (b) => sink.write("stdout", b), isatty: true });
    loaded.setStderr({ write: (b) => sink.write("stderr", b), isatty: true });
    loaded.setStdin({ error: true });
    if (msg.interruptBuffer) loaded.setInterruptBuffer(msg.interruptBuffer);
    runtime = loaded.pyimport(RUNTIME_MODULE) as unknown as RuntimeModule;
    py = loaded;
    const [python, numpy] = versions.split(" ");
    const bootMs = { interpreter: Math.round(interpreter), imports: Math.round(performance.now() - started - interpreter), restored };
    post({ type: "ready", python, numpy, bootMs });
    if (!restored) void keepSnapshot(msg.indexURL, start === "damaged");
  } catch (err) {
    failBoot(err instanceof Error ? err.message : String(err));
  }
}

/** Turn the runtime module's JSON answer into an outcome. */
function parseOutcome(json: string): WorkerOutcome {
  const data = JSON.parse(json) as Record<string, unknown>;
  if (data.interrupted) return { kind: "interrupted" };
  if (typeof data.failed === "string") return { kind: "failed", message: data.failed, fatal: false };
  if (data.report) return { kind: "graded", report: data.report as Extract<WorkerOutcome, { kind: "graded" }>["report"] };
  return { kind: "finished", error: (data.error ?? null) as Extract<WorkerOutcome, { kind: "finished" }>["error"] };
}

function runJob(id: number, outputLimit: number, call: (rt: RuntimeModule) => string): void {
  let outcome: WorkerOutcome;
  if (!py || !runtime) {
    post({ type: "done", id, outcome: { kind: "failed", message: "Python is not loaded yet.", fatal: true } });
    return;
  }
  sink.start(id, outputLimit);
  try {
    outcome = parseOutcome(call(runtime));
  } catch (err) {
    // A KeyboardInterrupt that landed outside the learner's code (in our
    // wrapper) is still an interrupt; anything else that is not a Python
    // error means the interpreter itself broke (stack overflow, fatal error).
    const isPython = err instanceof py.ffi.PythonError;
    if (isPython && err.type === "KeyboardInterrupt") outcome = { kind: "interrupted" };
    else outcome = { kind: "failed", message: err instanceof Error ? err.message : String(err), fatal: !isPython };
  }
  sink.finish();
  post({ type: "done", id, outcome });
}

self.addEventListener("message", (event: MessageEvent) => {
  const msg: unknown = event.data;
  if (!isWorkerRequest(msg)) {
    console.warn("pyodide worker: ignored a message it does not understand", msg);
    return;
  }
  switch (msg.type) {
    case "boot":
      void boot(msg);
      break;
    case "run":
      runJob(msg.id, msg.outputLimit, (rt) => rt.run(msg.code));
      break;
    case "grade":
      runJob(msg.id, msg.outputLimit, (rt) => rt.grade(msg.code, msg.checks, msg.includeHidden, msg.entry));
      break;
    default:
      assertNever(msg);
  }
});
