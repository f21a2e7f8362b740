/**
 * The site's service worker (served as <root>/sw.js, so its scope is the whole site).
 *
 * widgets/build.mjs bundles this file to docs/assets/build/offline/sw.js; after MkDocs has
 * built the site, widgets/offline.mjs writes site/sw.js: `self.OFFLINE = {version, shell,
 * files}` (every built file with a hash of its bytes) followed by this code. So a new
 * release is a new sw.js, which the browser notices on its next visit.
 *
 * - Offline: `shell` (pages, CSS, JavaScript, fonts, small data) is fetched on install into
 *   the cache `…shell-<version>`; `files` (Pyodide, onnxruntime-web, the models, the search
 *   index) are cached in `…files-<version>` the first time the site asks for them. Both
 *   are served cache-first; a file whose hash did not change between releases is carried
 *   over instead of downloaded again; on activate every other cache of this site is deleted.
 * - Isolation: every answer of the site gets COOP/COEP/CORP headers, so a static host that
 *   cannot send them still gives a cross-origin isolated page (SharedArrayBuffer: Pyodide's
 *   interrupt buffer, onnxruntime-web's threads) once this worker controls it
 *   (widgets/lib/offline.ts reloads the page once for that).
 */

interface Manifest {
  version: string;
  /** path relative to the site root → hash of its bytes; fetched on install */
  shell: Record<string, string>;
  /** the same for files cached the first time they are asked for */
  files: Record<string, string>;
}

const sw = self as unknown as ServiceWorkerGlobalScope & { OFFLINE: Manifest };
const { version, shell, files } = sw.OFFLINE;
const scope = new URL(sw.registration.scope);
// Caches belong to the origin: two sites on one origin (GitHub Pages project sites) keep apart.
const PREFIX = `rnn-course:${scope.pathname}:`;
const SHELL = `${PREFIX}shell-${version}`;
const FILES = `${PREFIX}files-${version}`;
/** Header on cached answers: the hash of the file they hold (never sent to a page). */
const HASH = "x-offline-hash";
const PARALLEL = 6;
/** Set by the page's Clear: this worker is being unregistered and caches nothing more. */
let forgotten = false;

/** The file a same-origin URL inside the scope names ("modules/x/" → "modules/x/index.html"), or null. */
function fileOf(url: string): string | null {
  const u = new URL(url);
  if (u.origin !== scope.origin || !u.pathname.startsWith(scope.pathname)) return null;
  let path = decodeURIComponent(u.pathname.slice(scope.pathname.length));
  if (path === "" || path.endsWith("/")) path += "index.html";
  return path;
}

const urlOf = (path: string): string => new URL(path, scope).href;

/** A copy of `res` that carries `headers` too (the body is streamed, not read). */
function withHeaders(res: Response, headers: Record<string, string | null>): Response {
  const h = new Headers(res.headers);
  for (const [k, v] of Object.entries(headers)) {
    if (v === null) h.delete(k);
    else h.set(k, v);
  }
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers: h });
}

/** The site's file from the network, checked and marked with its hash for the cache. */
async function download(path: string, hash: string): Promise<Response> {
  const res = await fetch(urlOf(path), { cache: "no-cache", credentials: "same-origin" });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return withHeaders(res, { [HASH]: hash });
}

/** A cached copy of `path` with this hash from any release of this site, if one is kept. */
async function kept(path: string, hash: string): Promise<Response | null> {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) continue;
    const res = await (await caches.open(name)).match(urlOf(path));
    if (res?.headers.get(HASH) === hash) return res;
  }
  return null;
}

async function precache(): Promise<void> {
  const cache = await caches.open(SHELL);
  const todo = Object.entries(shell);
  const next = async (): Promise<void> => {
    for (let job = todo.pop(); job; job = todo.pop()) {
      const [path, hash] = job;
      if ((await cache.match(urlOf(path)))?.headers.get(HASH) === hash) continue;
      await cache.put(urlOf(path), (await kept(path, hash)) ?? (await download(path, hash)));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, next));
}

/** Keep the lazily cached files that this release ships unchanged; drop every other cache of the site. */
async function retire(): Promise<void> {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== SHELL && n !== FILES);
  const current = await caches.open(FILES);
  for (const name of names) {
    const old = await caches.open(name);
    for (const req of await old.keys()) {
      const path = fileOf(req.url);
      const res = path === null ? undefined : await old.match(req);
      if (path !== null && res && files[path] !== undefined && res.headers.get(HASH) === files[path]) {
        await current.put(req, res);
      }
    }
  }
  await Promise.all(names.map((n) => caches.delete(n)));
}

sw.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

sw.addEventListener("activate", (event) => {
  // claim: the first visit's page comes under this worker at once (and reloads for isolation).
  event.waitUntil(retire().then(() => sw.clients.claim()));
});

/** COOP/COEP/CORP on every answer of the site: what coursekit/serve.py sends, for hosts that cannot. */
function isolated(res: Response): Response {
  if (res.type === "opaqueredirect" || res.status === 0) return res;
  return withHeaders(res, {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
    [HASH]: null,
  });
}

async function answer(req: Request, path: string): Promise<Response> {
  if (shell[path] !== undefined) {
    const hit = await (await caches.open(SHELL)).match(urlOf(path));
    if (hit) return isolated(hit);
  }
  if (files[path] !== undefined) {
    const cache = await caches.open(FILES);
    // A page that asks past the caches (the Pyodide worker, for a snapshot its copy here failed to
    // restore) gets a fresh download, which replaces the kept copy.
    const hit = req.cache === "reload" ? undefined : await cache.match(urlOf(path));
    if (hit) return isolated(hit);
    // Asked for only if a cache has it (the Pyodide worker's snapshot): the HTTP cache, if anything.
    if (req.cache === "only-if-cached") return isolated(await fetch(req));
    const res = await download(path, files[path]);
    // The reader's copy streams on while the cache's copy is written.
    if (!forgotten) await cache.put(urlOf(path), res.clone());
    return isolated(res);
  }
  // "modules/x" without its slash: the page's folder, as a static host redirects.
  if (req.mode === "navigate" && shell[`${path}/index.html`] !== undefined) {
    return Response.redirect(`${req.url.split(/[?#]/)[0]}/`, 301);
  }
  try {
    return isolated(await fetch(req));
  } catch (err) {
    const missing = req.mode === "navigate" ? await caches.match(urlOf("404.html"), { cacheName: SHELL }) : undefined;
    if (!missing) throw err;
    return isolated(new Response(missing.body, { status: 404, headers: missing.headers }));
  }
}

sw.addEventListener("fetch", (event) => {
  const req = event.request;
  const path = req.method === "GET" && !req.headers.has("range") ? fileOf(req.url) : null;
  if (path === null) return; // not the site's: the browser's own handling
  event.respondWith(answer(req, path));
});

/** What the page's "Offline copy" control shows. */
async function report(): Promise<Record<string, unknown>> {
  const [shellCache, fileCache] = await Promise.all([caches.open(SHELL), caches.open(FILES)]);
  return {
    version,
    shell: (await shellCache.keys()).length,
    shellTotal: Object.keys(shell).length,
    files: (await fileCache.keys()).length,
  };
}

sw.addEventListener("message", (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  const port = event.ports[0];
  if (type === "status" && port) event.waitUntil(report().then((s) => port.postMessage(s)));
  if (type === "skip-waiting") void sw.skipWaiting();
  if (type === "forget") forgotten = true;
});
