/**
 * Hand the reader a file made in the page (notes as Markdown, a preset as Python) through the
 * browser's own download, so nothing is uploaded anywhere.
 */
import { h } from "./dom.ts";

/** Download `text` as `fileName`; the link lives in `host` only for the click. */
export function downloadText(host: HTMLElement, fileName: string, text: string, type: string): void {
  downloadBlob(host, fileName, new Blob([text], { type }));
}

/** Download binary `bytes` (a model file) as `fileName`. */
export function downloadBytes(host: HTMLElement, fileName: string, bytes: Uint8Array<ArrayBuffer>): void {
  downloadBlob(host, fileName, new Blob([bytes], { type: "application/octet-stream" }));
}

function downloadBlob(host: HTMLElement, fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", "", undefined, { href: url, download: fileName, hidden: "" });
  host.append(a);
  a.click();
  a.remove();
  // Revoked a moment later: some browsers read the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
