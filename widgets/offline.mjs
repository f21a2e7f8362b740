// Writes SITE_DIR/sw.js, the service worker of a built site (widgets/offline/sw.ts): its code,
// bundled by widgets/build.mjs, after a manifest of every file of the built site with a hash
// of its bytes. The manifest's version is a hash of that list, so any changed file makes a new
// release (a new sw.js, which the browser installs and which replaces the old caches).
// Run it last, after MkDocs and widgets/prerender-math.mjs have written their files.
// Usage: node widgets/offline.mjs SITE_DIR
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const CODE = join(root, "docs/assets/build/offline/sw.js");

// Cached the first time the site asks for them, not on install: the runtimes and models are
// tens of megabytes a reader may never need; the search index loads only when someone searches.
const LAZY = [
  /^assets\/build\/pyodide\//,
  /^assets\/build\/ort\//,
  /^pretrained\/(?!index\.json$)/,
  /^search\//,
  // the training studio's texts (docs/data/studio): fetched only when a reader picks one
  /^data\/studio\//,
  // Appendix F's downloads (coursekit/downloads): cached when a reader fetches one, not on install
  /^appendices\/f-downloads\//,
  // Module 10's project templates and their data (coursekit/capstone_templates): likewise
  /^modules\/10-capstone\/templates\//,
  /^assets\/javascripts\/(lunr|workers)\//,
  // test-only entries (tests/test_onnx_parity.py, tests/bench_onnx.py); no page loads them
  /^assets\/build\/widgets\/runtime-onnx-(client|inpage)\.js$/,
  /\.map$/,
  /\.gz$/,
];
// Not served to readers: the worker itself, and the bundle it was made from.
const SKIP = [/^sw\.js$/, /^assets\/build\/offline\//];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? walk(p) : [p];
  });
}

/** {version, shell, files} for the built site in `site`; the version covers the worker's `code` too. */
export function manifest(site, code) {
  const shell = {};
  const files = {};
  for (const p of walk(site).sort()) {
    const path = relative(site, p).split("\\").join("/");
    if (SKIP.some((re) => re.test(path))) continue;
    const hash = createHash("sha256").update(readFileSync(p)).digest("hex").slice(0, 16);
    // every page is cached on install, the models' cards (pretrained/<id>/index.html) too
    (!path.endsWith(".html") && LAZY.some((re) => re.test(path)) ? files : shell)[path] = hash;
  }
  const list = [...Object.entries(shell), ...Object.entries(files)].map(([p, h]) => `${p} ${h}\n`).join("");
  const version = createHash("sha256").update(list).update(code).digest("hex").slice(0, 12);
  return { version, shell, files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = process.argv[2];
  if (!site) throw new Error("usage: node widgets/offline.mjs SITE_DIR");
  const code = readFileSync(CODE, "utf8");
  const m = manifest(site, code);
  writeFileSync(join(site, "sw.js"), `self.OFFLINE = ${JSON.stringify(m)};\n${code}`);
  console.log(`offline: sw.js version ${m.version}, ${Object.keys(m.shell).length} files on install, ${Object.keys(m.files).length} on first use`);
}
