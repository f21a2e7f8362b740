/**
 * Styles of the what-if widget, adopted once as a constructed stylesheet
 * (a CSS file imported from a lazy chunk would be emitted but never loaded).
 * Unit colours are Module 2's equation blue and orange, with light tints in
 * the dark scheme; unit 2 is also dashed, so colour is never the only cue.
 */
const CSS = String.raw`
.rnn-wi { --rnn-u1: #1d4ed8; --rnn-u2: #c2410c; }
[data-md-color-scheme="slate"] .rnn-wi { --rnn-u1: #93c5fd; --rnn-u2: #fdba74; }
.rnn-wi__controls { display: flex; flex-wrap: wrap; gap: 0.6em 1.2em; margin: 0 0 0.6em; }
.rnn-wi__controls fieldset { flex: 1 1 16em; border: 1px solid var(--md-default-fg-color--lightest); border-radius: 0.3rem; padding: 0.2em 0.8em 0.5em; margin: 0; }
.rnn-wi__controls legend { font-weight: 700; padding: 0 0.3em; }
.rnn-wi__choice { display: block; margin: 0.15em 0; cursor: pointer; }
.rnn-wi__choice input { accent-color: var(--md-primary-fg-color); }
.rnn-wi__scale { display: flex; align-items: center; gap: 0.5em; margin-top: 0.3em; }
.rnn-wi__scale input { flex: 1 1 8em; padding: 0; accent-color: var(--md-primary-fg-color); }
.rnn-wi__scale input:disabled + output { opacity: 0.6; }
.rnn-wi__scale output { font-family: var(--md-code-font-family, monospace); min-width: 2.5em; }
.rnn-wi__weights { display: flex; flex-wrap: wrap; gap: 0.4em 1.6em; align-items: center; margin: 0.4em 0; }
.rnn-wi__given { display: inline-flex; align-items: center; gap: 0.4em; }
.rnn-wi__mat {
  display: inline-table; border-collapse: separate; border-spacing: 0.5em 0; margin: 0;
  border-left: 2px solid currentColor; border-right: 2px solid currentColor; border-radius: 0.3em;
  font-family: var(--md-code-font-family, monospace); font-size: 0.75rem; background: transparent; box-shadow: none;
}
.md-typeset .rnn-wi__mat td { padding: 0 0.15em; border: 0; text-align: right; background: transparent; }
.rnn-wi__figure { margin: 0.4em 0; }
.rnn-wi__plot { display: block; width: 100%; height: auto; max-width: 46rem; }
.rnn-wi__grid { stroke: var(--md-default-fg-color--lightest); stroke-width: 1; }
.rnn-wi__grid--zero { stroke: var(--md-default-fg-color--lighter); }
.rnn-wi__axis { stroke: var(--md-default-fg-color); stroke-width: 1; }
.rnn-wi__tick, .rnn-wi__label { fill: var(--md-typeset-color); font-size: 13px; }
.rnn-wi__unit polyline, .rnn-wi__unit line { fill: none; stroke-width: 2.2; stroke-linejoin: round; }
.rnn-wi__unit circle { stroke: none; }
.rnn-wi__unit--1 polyline, .rnn-wi__unit--1 line { stroke: var(--rnn-u1); }
.rnn-wi__unit--1 circle { fill: var(--rnn-u1); }
.rnn-wi__unit--2 polyline, .rnn-wi__unit--2 line { stroke: var(--rnn-u2); stroke-dasharray: 6 4; }
.rnn-wi__unit--2 circle { fill: var(--rnn-u2); }
.rnn-wi__explain { margin: 0.4em 0 0.2em; }
.rnn-wi__notes { margin: 0.2em 0 0.6em; }
.rnn-wi__table summary { cursor: pointer; }
.md-typeset .rnn-wi__values { font-size: 0.7rem; font-variant-numeric: tabular-nums; border-collapse: collapse; margin: 0.5em 0; }
.md-typeset .rnn-wi__values caption { text-align: left; padding-bottom: 0.3em; }
.md-typeset .rnn-wi__values :is(td, th) { padding: 0.1em 1em; border-bottom: 1px solid var(--md-default-fg-color--lightest); }
.md-typeset .rnn-wi__values td { text-align: right; font-family: var(--md-code-font-family, monospace); }
`;

const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS);

/** Add this widget's stylesheet to the document once. */
export function adoptStyles(): void {
  if (!document.adoptedStyleSheets.includes(sheet)) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
}
