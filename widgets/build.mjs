// Builds everything the site serves from itself into docs/assets/build/:
// the widgets bundle (esbuild), Pyodide + the vendored NumPy wheel,
// onnxruntime-web's wasm files, KaTeX's CSS and fonts, Roboto, and the grader.
// Usage: node widgets/build.mjs [--dev]
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "docs/assets/build");
const npm = (p) => join(root, "node_modules", p);
const dev = process.argv.includes("--dev");

/** Every `worker.ts` under widgets/ is its own entry: workers cannot share the page's chunks. */
function findWorkers(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === "node_modules" ? [] : findWorkers(p);
    return d.name.endsWith("worker.ts") ? [p] : [];
  });
}

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
}

function sha256(path) {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Pyodide's runtime files plus the NumPy wheel, checked against the lock file. */
function vendorPyodide() {
  const dest = join(out, "pyodide");
  for (const f of ["pyodide.mjs", "pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]) {
    copy(npm(`pyodide/${f}`), join(dest, f));
  }
  const lock = JSON.parse(readFileSync(npm("pyodide/pyodide-lock.json"), "utf8"));
  const numpy = lock.packages.numpy;
  const wheel = join(root, "vendor/pyodide", numpy.file_name);
  if (!existsSync(wheel)) throw new Error(`missing ${relative(root, wheel)}: Pyodide's lock file wants this NumPy wheel`);
  if (sha256(wheel) !== numpy.sha256) throw new Error(`${relative(root, wheel)} does not match the sha256 in pyodide-lock.json`);
  copy(wheel, join(dest, numpy.file_name));
}

/**
 * A memory snapshot of Pyodide's interpreter as it stands just after start-up, gzipped, for the
 * worker to restore instead of starting Python (widgets/runtime/pyodide/worker.ts): about a
 * second less per boot on a two-core machine, from a reader's second boot on (the worker restores
 * it only from a cache, and fetches it in the background after a first boot). Made here, by Node, from the very runtime files the
 * site ships. Its name carries a digest of pyodide.asm.wasm and is built into the worker, so a
 * worker never restores a heap made for another build of Pyodide. Taken before NumPy: Pyodide 0.27
 * cannot snapshot a loaded binary extension, so the worker still loads NumPy after the restore.
 * Not byte-for-byte reproducible (the heap holds the interpreter's random hash seed).
 * Returns the snapshot's file name; SNAPSHOT_INFO describes it.
 */
async function snapshotPyodide() {
  const dest = join(out, "pyodide");
  // From node_modules (vendorPyodide copied these very files): there, the package's own
  // package.json has Node read pyodide.asm.js as the CommonJS script it is.
  const runtime = npm("pyodide");
  const { loadPyodide, version } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: `${runtime}/`, _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
  const heap = pyodide.makeMemorySnapshot(); // Uint8Array: the whole wasm memory, ~20 MB, mostly Python's heap
  const wasm = sha256(join(dest, "pyodide.asm.wasm"));
  const file = `snapshot-${wasm.slice(0, 16)}.bin.gz`;
  writeFileSync(join(dest, file), gzipSync(heap, { level: 9 }));
  writeFileSync(join(dest, SNAPSHOT_INFO), JSON.stringify({ file, pyodide: version, wasm_sha256: wasm, bytes: heap.length }, null, 1) + "\n");
  return file;
}
// What the build says of its snapshot (tests/test_pyodide_vendor.py reads it); no page fetches it.
const SNAPSHOT_INFO = "snapshot.json";

function vendorOrt() {
  for (const f of ["ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.wasm"]) {
    copy(npm(`onnxruntime-web/dist/${f}`), join(out, "ort", f));
  }
}

function vendorKatex() {
  copy(npm("katex/dist/katex.min.css"), join(out, "katex/katex.min.css"));
  // Only woff2: every browser that runs the labs reads it.
  const fonts = join(out, "katex/fonts");
  mkdirSync(fonts, { recursive: true });
  for (const f of readdirSync(npm("katex/dist/fonts"))) {
    if (f.endsWith(".woff2")) copy(npm(`katex/dist/fonts/${f}`), join(fonts, f));
  }
  // The CSS lists woff and ttf fallbacks too; drop them so nothing asks for a missing file.
  const css = readFileSync(join(out, "katex/katex.min.css"), "utf8")
    .replace(/,url\(fonts\/[^)]+\.woff\) format\("woff"\)/g, "")
    .replace(/,url\(fonts\/[^)]+\.ttf\) format\("truetype"\)/g, "");
  writeFileSync(join(out, "katex/katex.min.css"), css);
}

function vendorFonts() {
  const faces = [
    ["Roboto", "roboto", [300, 400, 700]],
    ["Roboto Mono", "roboto-mono", [400, 700]],
  ];
  let css = "/* Self-hosted fonts (npm @fontsource), Latin subset. */\n";
  for (const [family, pkg, weights] of faces) {
    for (const w of weights) {
      const file = `${pkg}-latin-${w}-normal.woff2`;
      copy(npm(`@fontsource/${pkg}/files/${file}`), join(out, "fonts", file));
      css += `@font-face{font-family:"${family}";font-style:normal;font-weight:${w};font-display:swap;src:url(${file}) format("woff2")}\n`;
    }
  }
  css += ':root{--md-text-font:"Roboto";--md-code-font:"Roboto Mono"}\n';
  writeFileSync(join(out, "fonts/fonts.css"), css);
}

/** `snapshot`: the file name of Pyodide's snapshot, built into the Pyodide worker. */
async function bundle(snapshot) {
  const common = {
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: !dev,
    sourcemap: dev ? "inline" : false,
    logLevel: "warning",
    legalComments: "none",
    // onnxruntime-web's exports pick the build that inlines its wasm glue unless this condition is
    // set; we want ort.wasm.min.mjs, which loads the glue and the .wasm from env.wasm.wasmPaths
    // (/assets/build/ort/, copied by vendorOrt). Only onnxruntime-web reads this condition.
    conditions: ["onnxruntime-web-use-extern-wasm"],
  };
  await build({
    ...common,
    entryPoints: { main: join(root, "widgets/main.ts") },
    outdir: join(out, "widgets"),
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
  });
  for (const w of findWorkers(join(root, "widgets"))) {
    const name = relative(join(root, "widgets"), w).replace(/\.ts$/, "").replaceAll("/", "-");
    await build({ ...common, entryPoints: { [name]: w }, outdir: join(out, "widgets"),
      define: { __PYODIDE_SNAPSHOT__: JSON.stringify(snapshot) } });
  }
  // The early start of Python on a page with a lab (overrides/main.html loads it from <head>).
  await build({ ...common, entryPoints: { "runtime-pyodide-early": join(root, "widgets/runtime/pyodide/early.ts") }, outdir: join(out, "widgets") });
  // The service worker's code; widgets/offline.mjs puts it at the built site's root as sw.js,
  // after the manifest of the built files. A classic script: no chunks, no imports.
  await build({ ...common, format: "iife", entryPoints: { sw: join(root, "widgets/offline/sw.ts") }, outdir: join(out, "offline") });
  // Test-only entry: tests/test_onnx_parity.py and tests/bench_onnx.py import the ONNX client
  // directly (/assets/build/widgets/runtime-onnx-client.js). Widgets reach it through main's
  // chunks, so no page loads this file.
  await build({ ...common, entryPoints: { "runtime-onnx-client": join(root, "widgets/runtime/onnx/client.ts") }, outdir: join(out, "widgets") });
  // Test-only entry: tests/bench_onnx.py runs the same loop on the page's main thread, to measure the worker against it.
  await build({ ...common, entryPoints: { "runtime-onnx-inpage": join(root, "widgets/runtime/onnx/inpage.ts") }, outdir: join(out, "widgets") });
}

/**
 * docs/pretrained/index.json: one entry per model folder, so widgets list the
 * models that exist (the GPU zoo appears without code changes when it lands).
 * Paths are relative to the pretrained/ folder.
 */
function writeModelIndex() {
  const dir = join(root, "pretrained");
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "meta.json")))
    .map((d) => ({ d, meta: JSON.parse(readFileSync(join(dir, d.name, "meta.json"), "utf8")) }));
  writeTranslatorIndex(folders.filter(({ meta }) => meta.kind.startsWith("seq2seq")));
  writeWordModelIndex(folders.filter(({ meta }) => meta.kind === "word-lm"));
  const models = folders
    .filter(({ meta }) => meta.kind.startsWith("char-"))
    .map(({ d, meta }) => {
      const has = (f) => existsSync(join(dir, d.name, f));
      const timelapse = has("timelapse.json")
        ? JSON.parse(readFileSync(join(dir, d.name, "timelapse.json"), "utf8")).points.map((p) => ({
            iter: p.iter,
            onnx: p.onnx ? `${d.name}/${p.onnx}` : null,
            ...(p.onnx ? { bytes: meta.files[p.onnx]?.bytes ?? null } : {}),
          }))
        : [];
      return {
        id: meta.id,
        kind: meta.kind,
        corpus: meta.corpus.name,
        model: `${d.name}/model.onnx`,
        meta: `${d.name}/meta.json`,
        layers: meta.architecture.layers,
        hidden: meta.architecture.hidden,
        cell: meta.architecture.cell,
        parameters: meta.architecture.parameters,
        vocab_size: meta.architecture.vocab_size,
        bytes: meta.files["model.onnx"].bytes,
        val_loss_nats: meta.validation.loss_nats,
        val_bits_per_char: meta.validation.bits_per_char,
        test_loss_nats: meta.test.loss_nats,
        test_bits_per_char: meta.test.bits_per_char,
        weights_dtype: meta.architecture.weights_dtype ?? "float32",
        gpu_trained: !/CPU/.test(meta.training?.machine?.device ?? ""),
        files: Object.fromEntries(
          ["neurons.json", "timelapse.json", "losses.json", "evaluation.json", "curves.json", "README.md"].map((f) => [f, has(f) ? `${d.name}/${f}` : null]),
        ),
        timelapse,
        // comparison families ({size?, cell?}: Model Size Explorer, cell comparison); widgets start on a main model
        ...(meta.families ? { families: meta.families } : {}),
        // the fixed-seed sample export drew (card and cell comparison)
        ...(meta.sample ? { sample: meta.sample } : {}),
      };
    })
    .sort((a, b) => a.corpus.localeCompare(b.corpus) || a.parameters - b.parameters);
  writeFileSync(join(root, "docs/pretrained/index.json"), JSON.stringify({ models }, null, 1) + "\n");
}

/**
 * docs/pretrained/translators.json: the translators (build_models/translate), apart from the
 * character models of index.json, with what their pickers and charts show before a download.
 */
function writeTranslatorIndex(folders) {
  const translators = folders.map(({ d, meta }) => ({
    id: meta.id,
    kind: meta.kind,
    meta: `${d.name}/meta.json`,
    attention: meta.architecture.attention,
    hidden: meta.architecture.hidden,
    embedding: meta.architecture.embedding,
    parameters: meta.architecture.parameters,
    bytes: meta.files["encoder.onnx"].bytes + meta.files["decoder.onnx"].bytes,
    bleu: meta.evaluation.bleu,
    by_length: meta.evaluation.by_length,
    best_val_loss: meta.training.best_val_loss,
    epochs: meta.training.epochs,
    minutes: meta.training.minutes,
    ...(meta.families?.size ? { families: meta.families } : {}),
    files: { "worst.json": `${d.name}/worst.json`, "README.md": `${d.name}/README.md` },
  })).sort((a, b) => a.parameters - b.parameters);
  writeFileSync(join(root, "docs/pretrained/translators.json"), JSON.stringify({ translators }, null, 1) + "\n");
}

/**
 * docs/pretrained/word-models.json: Module 8's whole-sequence word models (build_models/stress), with
 * their measured accuracy by depth and distance and PyTorch speed, so the charts draw before any
 * model is downloaded.
 */
function writeWordModelIndex(folders) {
  const order = { rnn: 0, gru: 1, lstm: 2, transformer: 3 };
  const models = folders.map(({ d, meta }) => ({
    id: meta.id,
    kind: meta.kind,
    meta: `${d.name}/meta.json`,
    cell: meta.architecture.cell,
    hidden: meta.architecture.hidden,
    layers: meta.architecture.layers,
    heads: meta.architecture.heads ?? 0,
    parameters: meta.architecture.parameters,
    bytes: meta.files["model.onnx"].bytes,
    val_loss: meta.training.val_loss,
    train_depth: meta.evaluation.train_depth,
    train_distance: meta.evaluation.train_distance,
    agreement: meta.evaluation.agreement,
    brackets: meta.evaluation.brackets,
    speed: meta.evaluation.speed,
    files: { "README.md": `${d.name}/README.md` },
  })).sort((a, b) => order[a.cell] - order[b.cell]);
  writeFileSync(join(root, "docs/pretrained/word-models.json"), JSON.stringify({ models }, null, 1) + "\n");
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
vendorPyodide();
const snapshot = await snapshotPyodide();
vendorOrt();
vendorKatex();
vendorFonts();
copy(join(root, "coursekit/grader.py"), join(out, "grader/grader.py"));
rmSync(join(root, "docs/pretrained"), { recursive: true, force: true });
if (existsSync(join(root, "pretrained"))) {
  copy(join(root, "pretrained"), join(root, "docs/pretrained"));
  writeModelIndex();
}
await bundle(snapshot);
console.log(`built ${relative(root, out)}`);
