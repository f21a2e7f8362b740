/**
 * The widget registry. Material's `document$` emits after every page view,
 * instant navigation included: we tear down the widgets of the page we left
 * and mount each `[data-widget]` of the new page once it
 * comes near the viewport, so no widget code or model is fetched before the
 * reader reaches it.
 */
import { describeError, setState } from "./lib/state.ts";
import { patchThemeA11y } from "./lib/a11y.ts";
import { recordVisit } from "./lib/progress.ts";
import { offlineControl, startOffline } from "./lib/offline.ts";
import { WIDGET_REACH_PX } from "./lib/reach.ts";

/** What a widget's `render` may return: a function that undoes what the signal does not. */
export type Cleanup = () => void;
/**
 * What the registry gives every widget. `signal` aborts when the widget is unmounted (the reader
 * left the page): pass it to listeners, fetches, timers and model or Python jobs, and they all
 * end with the mount, so a widget needs no "still mounted?" flag of its own.
 */
export interface MountContext {
  signal: AbortSignal;
}
type WidgetModule = { render(el: HTMLElement, ctx: MountContext): Cleanup | void | Promise<Cleanup | void> };
interface Mount {
  controller: AbortController;
  cleanup: Cleanup | null;
}

declare global {
  interface Window {
    document$?: { subscribe(fn: () => void): unknown };
  }
}

const NAME = /^[a-z][a-z0-9-]*$/;
const mounted = new Map<HTMLElement, Mount>();
let observer: IntersectionObserver | null = null;
let mountCount = 0;

/** Published on <html> so tests can see that navigation neither leaks nor duplicates mounts. */
function publishCounts(): void {
  document.documentElement.dataset.widgetsLive = String(mounted.size);
  document.documentElement.dataset.widgetsMountedTotal = String(mountCount);
}

/** esbuild turns this template import into one lazily loaded chunk per widget folder. */
function loadWidget(name: string): Promise<WidgetModule> {
  if (!NAME.test(name)) return Promise.reject(new Error(`"${name}" is not a widget name`));
  return import(`./${name}/index.ts`) as Promise<WidgetModule>;
}

async function mount(el: HTMLElement): Promise<void> {
  const name = el.dataset.widget ?? "";
  if (el.dataset.mounts) console.error(`widget ${name} mounted twice on one element`);
  el.dataset.mounts = "1";
  const mount: Mount = { controller: new AbortController(), cleanup: null };
  mounted.set(el, mount);
  mountCount += 1;
  publishCounts();
  setState(el, "loading");
  try {
    const mod = await loadWidget(name);
    // The reader may have navigated away while the chunk was downloading.
    if (!el.isConnected || mount.controller.signal.aborted) return;
    el.querySelector(":scope > .rnn-widget__fallback")?.remove();
    const cleanup = await mod.render(el, { signal: mount.controller.signal });
    if (mount.controller.signal.aborted) {
      cleanup?.();
      return;
    }
    mount.cleanup = cleanup ?? null;
    if (el.dataset.state === "loading") setState(el, "ready");
  } catch (err) {
    if (mount.controller.signal.aborted) return; // work that ended because the reader left
    console.error(`widget ${name}:`, err);
    setState(el, "error", `This ${name.replace(/-/g, " ")} could not start (${describeError(err)}). Reload the page to try again.`);
  }
}

function unmountAll(): void {
  observer?.disconnect();
  for (const [el, { controller, cleanup }] of mounted) {
    // Abort first: listeners, timers and jobs tied to the signal stop before the cleanup runs.
    controller.abort();
    try {
      cleanup?.();
    } catch (err) {
      console.error(`widget ${el.dataset.widget} cleanup:`, err);
    }
  }
  mounted.clear();
  publishCounts();
}

function onPage(): void {
  unmountAll();
  patchThemeA11y();
  recordVisit(location.pathname); // learning-path ticks: this page's module counts as visited
  offlineControl(); // the footer's "Offline copy" (instant navigation brings a new footer)
  observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer?.unobserve(entry.target);
        void mount(entry.target as HTMLElement);
      }
    },
    { rootMargin: `${WIDGET_REACH_PX}px 0px` },
  );
  for (const el of document.querySelectorAll<HTMLElement>("[data-widget]")) {
    if (!mounted.has(el)) observer.observe(el);
  }
}

startOffline();
if (window.document$) window.document$.subscribe(onPage);
else document.addEventListener("DOMContentLoaded", onPage);
