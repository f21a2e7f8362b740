/**
 * Styles and animation of the unroll widget, adopted once as a constructed
 * stylesheet (a CSS file imported from a lazy chunk would never be loaded).
 * The root's data-stage-id decides what is visible; transitions animate the
 * change and are switched off under prefers-reduced-motion. Colours follow
 * Module 2's equations (x red, h blue, y magenta, W_hh green) with light
 * tints in the dark scheme; gradients are orange, the trace purple and thicker.
 */
const CSS = String.raw`
.rnn-ur {
  --rnn-x: #b91c1c; --rnn-h: #1d4ed8; --rnn-y: #a21caf; --rnn-hh: #15803d;
  --rnn-grad: #c2410c; --rnn-trace: #7e22ce; --rnn-line: var(--md-default-fg-color--light);
}
[data-md-color-scheme="slate"] .rnn-ur {
  --rnn-x: #fca5a5; --rnn-h: #93c5fd; --rnn-y: #f0abfc; --rnn-hh: #86efac;
  --rnn-grad: #fdba74; --rnn-trace: #d8b4fe;
}
.rnn-ur__controls { display: flex; flex-wrap: wrap; align-items: center; }
.rnn-ur button[aria-disabled="true"] { opacity: 0.55; cursor: not-allowed; }
.rnn-ur button[aria-pressed="true"] { background: var(--md-primary-fg-color); color: var(--md-primary-bg-color); }
.rnn-ur__progress { margin-left: 0.5em; font-size: 0.75rem; }
.rnn-ur__figure { margin: 0.5em 0; }
.rnn-ur__svg { display: block; width: 100%; height: auto; max-width: 48rem; }
.rnn-ur__svg text { fill: var(--md-typeset-color); font-size: 15px; }
.rnn-ur__sub { font-size: 11px; }
.rnn-ur__node circle, .rnn-ur__node rect { fill: var(--md-default-bg-color); stroke-width: 2.5; }
.rnn-ur__node--x :is(circle, rect) { stroke: var(--rnn-x); }
.rnn-ur__node--h :is(circle, rect) { stroke: var(--rnn-h); }
.rnn-ur__node--y :is(circle, rect) { stroke: var(--rnn-y); }
.rnn-ur__node--loss rect { stroke: var(--rnn-grad); }
.rnn-ur__node text { font-weight: 700; }
.rnn-ur__arrow { --c: var(--rnn-line); }
.rnn-ur__arrow :is(line, path) { stroke: var(--c); stroke-width: 2; fill: none; }
.rnn-ur__arrow .rnn-ur__tip { fill: var(--c); stroke: none; }
.rnn-ur__hh, .rnn-ur__loop { --c: var(--rnn-hh); }
.rnn-ur__grad { --c: var(--rnn-grad); }
.rnn-ur__grad line { stroke-width: 3; stroke-dasharray: 7 4; }
.rnn-ur__weight { font-size: 13px; }
.rnn-ur__svg .rnn-ur__weight--hh { fill: var(--rnn-hh); font-weight: 700; }
.rnn-ur__svg .rnn-ur__shared { font-size: 13px; fill: var(--rnn-hh); }
.rnn-ur__svg .rnn-ur__grad-label { fill: var(--rnn-grad); font-size: 13px; font-weight: 700; }

/* What each stage shows. Hidden parts fade out; the columns also slide onto the loop cell. */
.rnn-ur__compact, .rnn-ur__links, .rnn-ur__backward, .rnn-ur__col, .rnn-ur__grad, .rnn-ur__fwd, .rnn-ur__node {
  transition: opacity 0.5s ease, transform 0.8s ease;
}
/* Unrolling: the columns leave the loop cell one after another, step 1 first. */
.rnn-ur__col { transform: translateX(0); transition-delay: calc(var(--col) * 0.15s); }
.rnn-ur[data-stage-id="loop"] .rnn-ur__col { transform: translateX(var(--shift)); opacity: 0; }
.rnn-ur[data-stage-id="loop"] :is(.rnn-ur__links, .rnn-ur__backward) { opacity: 0; transition-delay: 0s; }
.rnn-ur:not([data-stage-id="loop"]) .rnn-ur__compact { opacity: 0; pointer-events: none; }
.rnn-ur:not([data-stage-id="loop"]) .rnn-ur__links { transition-delay: 0.6s; }
.rnn-ur[data-stage-id="unrolled"] .rnn-ur__backward { opacity: 0; }
/* Gradient stage: the forward drawing steps back, the backward arrows light up right to left. */
.rnn-ur[data-stage-id="gradient"] .rnn-ur__unrolled .rnn-ur__fwd { opacity: 0.4; }
.rnn-ur .rnn-ur__grad { opacity: 0; }
.rnn-ur[data-stage-id="gradient"] .rnn-ur__grad { opacity: 1; transition-delay: calc(0.3s + var(--order) * 0.35s); }
/* Trace x_1 → y_5: the path in purple and thicker, everything else dimmed. */
.rnn-ur[data-trace="true"] .rnn-ur__unrolled :is(.rnn-ur__fwd, .rnn-ur__node):not([data-trace]) { opacity: 0.3; }
.rnn-ur[data-trace="true"] .rnn-ur__fwd[data-trace] { --c: var(--rnn-trace); opacity: 1; }
.rnn-ur[data-trace="true"] .rnn-ur__fwd[data-trace] line { stroke-width: 4; }
.rnn-ur[data-trace="true"] .rnn-ur__node[data-trace] :is(circle, rect) { stroke: var(--rnn-trace); stroke-width: 4; }
.rnn-ur__caption { min-height: 4.5em; }
.rnn-ur__trace-caption:empty { display: none; }
.rnn-ur__trace-caption { border-left: 4px solid var(--rnn-trace); padding-left: 0.6em; }
@media (prefers-reduced-motion: reduce) {
  .rnn-ur * { transition: none !important; }
}
`;

const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS);

/** Add this widget's stylesheet to the document once. */
export function adoptStyles(): void {
  if (!document.adoptedStyleSheets.includes(sheet)) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
}
