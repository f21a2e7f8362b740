/**
 * The unrolling diagram as SVG markup, a pure function of its ids. One
 * drawing holds all three stages; CSS (./style.ts) shows the right parts for
 * the root's `data-stage` and animates between them:
 *
 * - the compact loop cell sits where column 3 of the unrolled network is, and
 *   the five columns start stacked on it (each shifted by `--shift`), so
 *   "unrolling" is the columns sliding out of the one cell;
 * - backward (gradient) arrows carry `--order`, their place in the right-to-
 *   left sequence, which sets each one's transition delay.
 *
 * Parts that the "trace x_1 → y_5" toggle lights carry `data-trace`.
 */

export const T = 5;
const W = 700;
const H = 330;
/** Column centres for t = 1 … 5; the compact cell sits on the middle one. */
const cx = (t: number) => 130 + (t - 1) * 115;
const CENTER = cx(3);
const ROW = { loss: 32, y: 92, h: 185, x: 282 };
const NODE_R = 19;
const CELL = { w: 64, h: 44 };

/** "x" and "1" → x with a subscript 1, as SVG text. */
const label = (name: string, index: string) =>
  `${name}<tspan class="rnn-ur__sub" dy="5">${index}</tspan>`;

/**
 * An arrowhead at (x, y) pointing along (dx, dy). Heads are drawn as part of
 * each arrow, not as SVG markers, so a lit or traced arrow's head takes the
 * arrow's colour through the same CSS rule.
 */
function tip(x: number, y: number, dx: number, dy: number): string {
  const n = Math.hypot(dx, dy);
  const [ux, uy] = [dx / n, dy / n];
  const [bx, by] = [x - ux * 9, y - uy * 9];
  const pts = [[x, y], [bx - uy * 4.5, by + ux * 4.5], [bx + uy * 4.5, by - ux * 4.5]];
  return `<path class="rnn-ur__tip" d="M${pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" L")} Z"/>`;
}

/** A straight arrow from (x1, y1) to (x2, y2); `extra` adds attributes to its group. */
function arrow(x1: number, y1: number, x2: number, y2: number, cls: string, extra = ""): string {
  return `<g class="rnn-ur__arrow ${cls}"${extra}><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>${tip(x2, y2, x2 - x1, y2 - y1)}</g>`;
}

function weightText(x: number, y: number, name: string, cls: string, anchor = "middle"): string {
  return `<text class="rnn-ur__weight ${cls}" x="${x}" y="${y}" text-anchor="${anchor}">W<tspan class="rnn-ur__sub" dy="4">${name}</tspan></text>`;
}

/** The x, h, y nodes of one column, centred on `x`, with subscript `sub`. */
function nodes(x: number, sub: string, trace: { x: boolean; h: boolean; y: boolean }): string {
  const tr = (on: boolean) => (on ? ' data-trace=""' : "");
  return `
    <g class="rnn-ur__node rnn-ur__node--x"${tr(trace.x)}><circle cx="${x}" cy="${ROW.x}" r="${NODE_R}"/>
      <text x="${x}" y="${ROW.x + 5}" text-anchor="middle">${label("x", sub)}</text></g>
    <g class="rnn-ur__node rnn-ur__node--h"${tr(trace.h)}><rect x="${x - CELL.w / 2}" y="${ROW.h - CELL.h / 2}" width="${CELL.w}" height="${CELL.h}" rx="8"/>
      <text x="${x}" y="${ROW.h + 5}" text-anchor="middle">${label("h", sub)}</text></g>
    <g class="rnn-ur__node rnn-ur__node--y"${tr(trace.y)}><circle cx="${x}" cy="${ROW.y}" r="${NODE_R}"/>
      <text x="${x}" y="${ROW.y + 5}" text-anchor="middle">${label("y", sub)}</text></g>`;
}

/** Vertical arrows x→h and h→y of a column, with their weight names. */
function verticals(x: number, traceIn: boolean, traceOut: boolean): string {
  const tr = (on: boolean) => (on ? ' data-trace=""' : "");
  return (
    arrow(x, ROW.x - NODE_R, x, ROW.h + CELL.h / 2 + 3, "rnn-ur__fwd", tr(traceIn)) +
    weightText(x - 8, (ROW.x + ROW.h) / 2 + 12, "xh", "rnn-ur__weight--xh", "end") +
    arrow(x, ROW.h - CELL.h / 2, x, ROW.y + NODE_R + 3, "rnn-ur__fwd", tr(traceOut)) +
    weightText(x - 8, (ROW.h + ROW.y) / 2 + 4, "hy", "rnn-ur__weight--hy", "end")
  );
}

function compactCell(): string {
  const right = CENTER + CELL.w / 2;
  // The self-loop leaves the right side of h, swings out and comes back in: h_{t-1} feeding h_t.
  return `<g class="rnn-ur__compact">
    ${verticals(CENTER, false, false)}
    <g class="rnn-ur__arrow rnn-ur__fwd rnn-ur__loop">
      <path d="M ${right} ${ROW.h - 10} C ${right + 70} ${ROW.h - 60}, ${right + 70} ${ROW.h + 60}, ${right + 4} ${ROW.h + 12}"/>
      ${tip(right + 4, ROW.h + 12, -66, -48)}</g>
    ${weightText(right + 60, ROW.h + 5, "hh", "rnn-ur__weight--hh", "start")}
    ${nodes(CENTER, "t", { x: false, h: false, y: false })}
  </g>`;
}

function unrolled(): string {
  const cols = Array.from({ length: T }, (_, k) => {
    const t = k + 1;
    const x = cx(t);
    return `<g class="rnn-ur__col" data-col="${t}" style="--shift: ${CENTER - x}px; --col: ${k}">
      ${verticals(x, t === 1, t === T)}
      ${nodes(x, String(t), { x: t === 1, h: true, y: t === T })}
    </g>`;
  }).join("");
  // Horizontal W_hh arrows, h_0 → h_1 included: every one is the same matrix.
  const links = Array.from({ length: T }, (_, k) => {
    const t = k + 1;
    const from = t === 1 ? 54 : cx(t - 1) + CELL.w / 2;
    const to = cx(t) - CELL.w / 2 - 3;
    const trace = t > 1 ? ' data-trace=""' : "";
    return arrow(from, ROW.h - 8, to, ROW.h - 8, "rnn-ur__fwd rnn-ur__hh", trace) + weightText((from + to) / 2, ROW.h - 16, "hh", "rnn-ur__weight--hh");
  }).join("");
  return `<g class="rnn-ur__unrolled">
    ${cols}
    <g class="rnn-ur__links">
      <text class="rnn-ur__h0" x="34" y="${ROW.h - 3}" text-anchor="middle">${label("h", "0")}</text>
      ${links}
      <text class="rnn-ur__shared" x="24" y="${ROW.loss - 8}">Every W<tspan class="rnn-ur__sub" dy="4">hh</tspan><tspan dy="-4"> arrow is the same matrix:</tspan></text>
      <text class="rnn-ur__shared" x="24" y="${ROW.loss + 12}">shared weights, learned once.</text>
    </g>
  </g>`;
}

/** Loss at y_5 and the backward arrows, numbered right to left for the staggered reveal. */
function backward(): string {
  const x5 = cx(T);
  const g: string[] = [];
  let order = 0;
  const back = (x1: number, y1: number, x2: number, y2: number) =>
    g.push(arrow(x1, y1, x2, y2, "rnn-ur__grad", ` style="--order: ${order++}"`));
  back(x5 + 12, ROW.loss + 16, x5 + 12, ROW.y - NODE_R + 1);
  back(x5 + 12, ROW.y + NODE_R - 1, x5 + 12, ROW.h - CELL.h / 2 - 3);
  for (let t = T; t > 1; t--) back(cx(t) - CELL.w / 2, ROW.h + 10, cx(t - 1) + CELL.w / 2 + 3, ROW.h + 10);
  return `<g class="rnn-ur__backward">
    ${arrow(x5, ROW.y - NODE_R, x5, ROW.loss + 18, "rnn-ur__fwd")}
    <g class="rnn-ur__node rnn-ur__node--loss"><rect x="${x5 - 22}" y="${ROW.loss - 16}" width="44" height="32" rx="6"/>
      <text x="${x5}" y="${ROW.loss + 5}" text-anchor="middle">L</text></g>
    ${g.join("")}
    <text class="rnn-ur__grad-label" x="${(cx(1) + cx(2)) / 2}" y="${ROW.h + 34}" text-anchor="middle">∂L/∂h flows right to left</text>
  </g>`;
}

/** The whole figure; `uid` keeps the title and description ids unique on the page. */
export function diagramSvg(uid: string): string {
  return `<svg class="rnn-ur__svg" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${uid}-title" aria-describedby="${uid}-desc">
    <title id="${uid}-title">An RNN as a loop, unrolled over five time steps, with gradients flowing back</title>
    <desc id="${uid}-desc">Stage one: one cell h with inputs x, outputs y and a loop arrow W_hh back into itself. Stage two: the
      same cell repeated for steps 1 to 5, each h_t passing its state to h_t+1 through the same shared W_hh. Stage three: a
      loss L on y_5 sends gradients back down to h_5 and then right to left through h_4, h_3, h_2 to h_1.</desc>
    ${compactCell()}${unrolled()}${backward()}
  </svg>`;
}
