/**
 * Styles of the hand-calc widget. esbuild emits a CSS file imported from a
 * lazily loaded chunk beside the chunk but nothing loads it, so the widget
 * adopts a constructed stylesheet once instead (it survives instant
 * navigation, which swaps the page body but keeps the document).
 */
const CSS = String.raw`
.rnn-hc { --rnn-right: #15803d; --rnn-wrong: #b91c1c; }
[data-md-color-scheme="slate"] .rnn-hc { --rnn-right: #86efac; --rnn-wrong: #fca5a5; }
.rnn-hc p { margin: 0.4em 0; }
.rnn-hc__given { display: flex; flex-wrap: wrap; gap: 0.4em 1.4em; align-items: flex-end; margin: 0.6em 0 0.8em; }
.md-typeset .rnn-hc__given-item { margin: 0; text-align: center; }
.rnn-hc__given-item figcaption { font-style: italic; margin-bottom: 0.2em; }
.rnn-hc__mat {
  display: inline-table; border-collapse: separate; border-spacing: 0.5em 0.1em; margin: 0;
  border-left: 2px solid currentColor; border-right: 2px solid currentColor; border-radius: 0.3em;
  font-family: var(--md-code-font-family, monospace); font-variant-numeric: tabular-nums;
  background: transparent; box-shadow: none;
}
.md-typeset .rnn-hc__mat td { padding: 0 0.2em; border: 0; text-align: right; background: transparent; }
.rnn-hc__form { margin: 0; }
.rnn-hc__step {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(15em, 1fr)); gap: 0 1.2em;
  border: 1px solid var(--md-default-fg-color--lightest); border-radius: 0.3rem; margin: 0 0 0.6em; padding: 0.2em 0.8em 0.4em;
}
.rnn-hc__step legend { padding: 0 0.3em; font-weight: 700; }
.rnn-hc__box { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.2em 0.6em; margin: 0.2em 0; align-content: flex-start; }
.rnn-hc__box input { font-family: var(--md-code-font-family, monospace); width: 7em; }
.rnn-hc__box[data-status="right"] input { border-color: var(--rnn-right); border-width: 2px; }
.rnn-hc__box[data-status="wrong"] input { border-color: var(--rnn-wrong); border-width: 2px; }
.rnn-hc__fb { flex: 1 1 100%; font-size: 0.7rem; }
.rnn-hc__fb:empty { display: none; }
.rnn-hc__box[data-status="right"] .rnn-hc__fb { color: var(--rnn-right); }
.rnn-hc__box[data-status="wrong"] .rnn-hc__fb { color: var(--rnn-wrong); }
.rnn-hc__actions { display: flex; flex-wrap: wrap; align-items: center; }
.rnn-hc__note { font-size: 0.7rem; }
.rnn-hc__summary:empty { display: none; }
.rnn-hc__summary { font-weight: 700; }
.rnn-hc__solution { border-left: 4px solid var(--md-primary-fg-color); padding-left: 0.8em; }
.rnn-hc__solution-title:focus { outline: none; }
.rnn-hc__solution ol { font-family: var(--md-code-font-family, monospace); font-size: 0.7rem; }
`;

const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS);

/** Add this widget's stylesheet to the document once. */
export function adoptStyles(): void {
  if (!document.adoptedStyleSheets.includes(sheet)) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
}
