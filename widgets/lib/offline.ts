/**
 * The page's side of the service worker (widgets/offline/sw.ts, served as <root>/sw.js):
 * registration after the page has loaded (never on file://, never before first paint), one
 * reload when the worker first takes control of a page that is not yet cross-origin isolated
 * (a static host that sends no COOP/COEP: the worker adds them), and the footer's
 * "Offline copy" control (status, Update now, Clear).
 *
 * `<html data-offline>` says where things stand, for the control and for tests: `off` (no
 * service worker here), `starting`, `ready` (the worker is active, controls this page, and the
 * site's shell is cached: install only succeeds once it is), `update` (a new release is
 * waiting), `checking`, `current` (Update now found nothing newer), `unreachable` (nor could it
 * look), `cleared`; `data-offline-version` is the release the worker serves.
 */
import { siteRoot } from "./site.ts";

interface Status {
  version: string;
  shell: number;
  shellTotal: number;
  files: number;
}
type OfflineState = "off" | "starting" | "ready" | "update" | "checking" | "cleared" | "current" | "unreachable";

const html = document.documentElement;
/** sessionStorage key: the page reloaded once for isolation in this tab (no second try, no loop). */
const RELOADED = "rnn-offline:isolation-reload";
let registration: ServiceWorkerRegistration | null = null;
let info: Status | null = null;
let reloadOnControl = false;

function publish(state: OfflineState): void {
  html.dataset.offline = state;
  if (info) html.dataset.offlineVersion = info.version;
  offlineControl();
}

/** Start once per document (main.ts): registers after the load event. */
export function startOffline(): void {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol) || !window.isSecureContext) {
    publish("off");
    return;
  }
  publish("starting");
  if (document.readyState === "complete") void register();
  else addEventListener("load", () => void register(), { once: true });
}

async function register(): Promise<void> {
  try {
    const reg = await navigator.serviceWorker.register(new URL("sw.js", siteRoot()).href);
    registration = reg;
    reg.addEventListener("updatefound", () => {
      const w = reg.installing;
      w?.addEventListener("statechange", () => {
        if (w.state === "installed" && navigator.serviceWorker.controller) publish("update");
      });
    });
    navigator.serviceWorker.addEventListener("controllerchange", () => void onControl());
    await navigator.serviceWorker.ready;
    // Not yet controlled: the first visit; the worker claims this page on activation (controllerchange).
    if (navigator.serviceWorker.controller) await onControl();
  } catch (err) {
    // A browser that refuses service workers (private mode, policy) still reads the course online.
    console.warn("offline copy unavailable:", err);
    publish("off");
  }
}

/** Reload once in this tab; false when that was already tried (or the tab keeps no session storage). */
function reloadOnce(): boolean {
  try {
    if (sessionStorage.getItem(RELOADED)) return false;
    sessionStorage.setItem(RELOADED, "1");
    return true;
  } catch {
    return false;
  }
}

async function onControl(): Promise<void> {
  if (reloadOnControl || (!globalThis.crossOriginIsolated && reloadOnce())) {
    location.reload();
    return;
  }
  if (globalThis.crossOriginIsolated) {
    try {
      sessionStorage.removeItem(RELOADED);
    } catch {
      /* nothing kept, nothing to forget */
    }
  }
  await refresh("ready");
}

/** The worker's own account (release, files cached), asked over a message channel. */
function ask(worker: ServiceWorker): Promise<Status> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data as Status);
    worker.postMessage({ type: "status" }, [channel.port2]);
  });
}

async function refresh(state: OfflineState): Promise<void> {
  const worker = navigator.serviceWorker.controller ?? registration?.active;
  if (!worker) return;
  info = await ask(worker);
  publish(registration?.waiting ? "update" : state);
}

async function updateNow(): Promise<void> {
  const reg = registration;
  if (!reg) return;
  publish("checking");
  try {
    await reg.update();
  } catch {
    // offline (or the host is down): nothing newer can be fetched; what is kept stays
    await refresh("unreachable");
    return;
  }
  const installing = reg.installing;
  if (installing) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        if (installing.state === "installed" || installing.state === "redundant") resolve();
      };
      installing.addEventListener("statechange", done);
      done();
    });
  }
  if (reg.waiting) {
    // The new release takes over, and this page reloads into it (controllerchange).
    reloadOnControl = true;
    reg.waiting.postMessage({ type: "skip-waiting" });
    return;
  }
  await refresh("current");
}

async function clear(): Promise<void> {
  const prefix = `rnn-course:${siteRoot().pathname}:`;
  navigator.serviceWorker.controller?.postMessage({ type: "forget" });
  for (const name of await caches.keys()) {
    if (name.startsWith(prefix)) await caches.delete(name);
  }
  await registration?.unregister();
  registration = null;
  info = null;
  delete html.dataset.offlineVersion;
  publish("cleared");
}

const TEXT: Record<OfflineState, (s: Status | null) => string> = {
  off: () => "Offline copy: not available here (it needs the site served over http(s) by a browser that allows it).",
  starting: () => "Offline copy: saving the course for offline reading…",
  ready: (s) => `Offline copy: saved (release ${s?.version}; ${s?.shell} pages and files, ${s?.files} downloads such as Python and models).`,
  current: (s) => `Offline copy: up to date (release ${s?.version}).`,
  unreachable: (s) => `Offline copy: the site cannot be reached to look for a new release; release ${s?.version} is kept.`,
  checking: () => "Offline copy: looking for a new release…",
  update: () => "Offline copy: a new release is ready. Update now to switch to it.",
  cleared: () => "Offline copy: removed. It is saved again on your next visit.",
};

/** Wire the footer's control of this page view (Material's instant navigation replaces the footer). */
export function offlineControl(): void {
  const box = document.querySelector<HTMLElement>(".rnn-offline");
  if (!box) return;
  const state = (html.dataset.offline ?? "off") as OfflineState;
  const status = box.querySelector<HTMLElement>(".rnn-offline__status");
  if (status) status.textContent = TEXT[state](info);
  for (const button of box.querySelectorAll<HTMLButtonElement>("button[data-offline-action]")) {
    button.disabled = registration === null || state === "checking";
    if (!button.dataset.wired) {
      button.dataset.wired = "1";
      button.addEventListener("click", () => void (button.dataset.offlineAction === "clear" ? clear() : updateNow()));
    }
  }
  box.hidden = false;
}
