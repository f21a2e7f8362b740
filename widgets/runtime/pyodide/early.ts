/**
 * Starts Python while a lab page is still loading. Loaded (async, from <head>) only on pages with a
 * lab (overrides/main.html); it starts the worker once the page's first lab is parsed, if that lab
 * is within the reach where the registry mounts widgets (widgets/lib/reach.ts), as the lab itself
 * would a moment later. The boot then overlaps the rest of the page's loading (the lab's code and what the page does before it) instead of following it: on a two-core
 * machine the worker starts 0.4-0.7 s after navigation instead of about 1 s. Not sooner: a first
 * lab is seen only once Material's script, parsed before it, has run. A lab out of reach waits for
 * the reader, as before. The client (client.ts) adopts the worker and what it said meanwhile.
 */
import { WIDGET_REACH_PX } from "../../lib/reach.ts";
import { siteRoot } from "../../lib/site.ts";
import { clientStarted, createWorker, newInterruptBuffer, offerEarlyWorker, postBoot, type EarlyWorker } from "./spawn.ts";

function start(): void {
  if (clientStarted()) return; // this script came late: the lab has booted Python already
  const root = siteRoot();
  const worker = createWorker(root);
  const interruptBuffer = newInterruptBuffer();
  const said: EarlyWorker["said"] = [];
  const onMessage = (e: MessageEvent): void => void said.push({ message: e.data });
  const onError = (e: ErrorEvent): void => {
    e.preventDefault();
    said.push({ error: e.message || "the Python worker could not start" });
  };
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", onError);
  postBoot(worker, root, interruptBuffer);
  offerEarlyWorker({
    worker, interruptBuffer, said,
    release: () => {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
    },
  });
}

/** Whether the first lab is parsed yet; if so, start Python when it is within reach. */
function decided(): boolean {
  const lab = document.querySelector('[data-widget="lab"]');
  if (!lab) return false;
  // Read at the top of the page, as the reader first sees it (a reload may scroll later: the lab
  // then boots Python itself when it comes into reach).
  if (lab.getBoundingClientRect().top < innerHeight + WIDGET_REACH_PX) start();
  return true;
}

if (!decided() && document.readyState === "loading") {
  const watch = new MutationObserver(() => {
    if (decided()) watch.disconnect();
  });
  watch.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => watch.disconnect(), { once: true });
}
