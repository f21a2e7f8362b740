/**
 * Styles of the speed-round widget, adopted once as a constructed stylesheet
 * (a CSS file imported from a lazy chunk would be emitted but never loaded).
 */
const CSS = String.raw`
.rnn-sr { --rnn-right: #15803d; --rnn-wrong: #b91c1c; --rnn-gold: #92400e; }
[data-md-color-scheme="slate"] .rnn-sr { --rnn-right: #86efac; --rnn-wrong: #fca5a5; --rnn-gold: #fcd34d; }
.rnn-sr p { margin: 0.4em 0; }
.rnn-sr__badge { font-size: 0.75rem; }
.rnn-sr__medal { color: var(--rnn-gold); font-size: 1rem; }
.rnn-sr__bar { display: flex; align-items: center; gap: 1em; margin: 0.4em 0; }
.rnn-sr__clock {
  font-family: var(--md-code-font-family, monospace); font-size: 1.2rem; font-weight: 700;
  font-variant-numeric: tabular-nums; padding: 0.1em 0.5em; border: 1px solid var(--md-default-fg-color--lighter); border-radius: 0.3rem;
}
.rnn-sr[data-phase="running"] .rnn-sr__clock { border-color: var(--md-primary-fg-color); }
.rnn-sr__equation { font-size: 0.9rem; }
.rnn-sr__equation [data-param] { font-family: var(--md-code-font-family, monospace); font-weight: 700; }
.md-typeset .rnn-sr__inputs { font-family: var(--md-code-font-family, monospace); font-size: 0.75rem; margin: 0.4em 0; }
.md-typeset .rnn-sr__inputs :is(td, th) { padding: 0.2em 0.9em; text-align: center; }
.rnn-sr__answers { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0.5em 1.2em; margin: 0.5em 0; }
.rnn-sr__answer { display: grid; grid-template-columns: auto 7em; gap: 0.15em 0.4em; align-items: baseline; }
.rnn-sr__answer input { font-family: var(--md-code-font-family, monospace); width: 7em; }
.rnn-sr__fb { grid-column: 1 / -1; font-size: 0.7rem; min-height: 1.2em; }
.rnn-sr__answer[data-status="right"] input { border: 2px solid var(--rnn-right); }
.rnn-sr__answer[data-status="wrong"] input { border: 2px solid var(--rnn-wrong); }
.rnn-sr__answer[data-status="right"] .rnn-sr__fb { color: var(--rnn-right); }
.rnn-sr__answer[data-status="wrong"] .rnn-sr__fb { color: var(--rnn-wrong); }
.rnn-sr__answers button { align-self: center; }
.rnn-sr__summary { font-weight: 700; }
.rnn-sr__summary:empty { display: none; }
`;

const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS);

/** Add this widget's stylesheet to the document once. */
export function adoptStyles(): void {
  if (!document.adoptedStyleSheets.includes(sheet)) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
}
