/**
 * Hand the reader a file made in the page (notes as Markdown, a preset as Python) through the
 * browser's own download, so nothing is uploaded anywhere.
 */
import { h } from "./dom.ts";

/** Download `text` as `fileName`; the link lives in `host` only for the click. */
export function downloadText(host: HTMLElement, fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", "", undefined, { href: url, download: fileName, hidden: "" });
  host.append(a);
  a.click();
  a.remove();
  // Revoked a moment later: some browsers read the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
