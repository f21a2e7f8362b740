/**
 * Widget stylesheets. A CSS file imported from a lazily loaded chunk would be
 * emitted by esbuild but loaded by nothing, so widgets import their CSS as
 * text (`import css from "./x.css" with { type: "text" }`) and adopt it here,
 * once per document; the sheet survives instant navigation, which swaps the
 * page body but keeps the document.
 */
const adopted = new Map<string, CSSStyleSheet>();

/** Add `css` to the document's adopted stylesheets unless it is there already. */
export function adoptCss(css: string): void {
  if (adopted.has(css)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  adopted.set(css, sheet);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
