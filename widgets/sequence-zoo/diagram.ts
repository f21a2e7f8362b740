/**
 * The data-flow drawing of one architecture as SVG markup, a pure function
 * of the architecture. Every part carries `data-step` (its column), so the
 * widget lights the current step and dims the future by CSS alone.
 */
import type { Architecture } from "./architectures.ts";

const DX = 110;
const ROW = { y: 40, h: 120, x: 200 };
const R = 18;
const CELL = { w: 56, h: 40 };

const sub = (name: string, i: number) => `${name}<tspan class="rnn-sz__sub" dy="5">${i}</tspan>`;

function arrow(x1: number, y1: number, x2: number, y2: number, cls: string, step: number): string {
  const n = Math.hypot(x2 - x1, y2 - y1);
  const [ux, uy] = [(x2 - x1) / n, (y2 - y1) / n];
  const [bx, by] = [x2 - ux * 8, y2 - uy * 8];
  const head = `M${x2},${y2} L${(bx - uy * 4).toFixed(1)},${(by + ux * 4).toFixed(1)} L${(bx + uy * 4).toFixed(1)},${(by - ux * 4).toFixed(1)} Z`;
  return `<g class="rnn-sz__arrow ${cls}" data-step="${step}"><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/><path d="${head}"/></g>`;
}

/** The SVG for `a`; `uid` keeps title and description ids unique on the page. */
export function diagramSvg(a: Architecture, uid: string, description: string): string {
  const n = a.columns.length;
  const width = Math.max(260, 60 + n * DX);
  const cx = (t: number) => width / 2 + (t - (n - 1) / 2) * DX;
  const parts: string[] = [];
  a.columns.forEach((c, t) => {
    const x = cx(t);
    if (t > 0) parts.push(arrow(cx(t - 1) + CELL.w / 2, ROW.h, x - CELL.w / 2 - 2, ROW.h, "rnn-sz__hh", t));
    if (c.x) {
      parts.push(`<g class="rnn-sz__node rnn-sz__node--x" data-step="${t}"><circle cx="${x}" cy="${ROW.x}" r="${R}"/>
        <text x="${x}" y="${ROW.x + 5}" text-anchor="middle">${sub("x", t + 1)}</text></g>`);
      parts.push(arrow(x, ROW.x - R, x, ROW.h + CELL.h / 2 + 2, "rnn-sz__in", t));
    }
    if (c.feedback) {
      // The previous output comes back in as this step's input.
      const [sx, sy] = [cx(t - 1) + R - 2, ROW.y + 12];
      const [ex, ey] = [x - CELL.w / 2 + 8, ROW.h - CELL.h / 2 - 3];
      parts.push(`<g class="rnn-sz__arrow rnn-sz__fb" data-step="${t}"><path d="M ${sx} ${sy} C ${sx + 40} ${sy + 10}, ${ex - 20} ${ey - 40}, ${ex} ${ey}"/></g>`);
    }
    parts.push(`<g class="rnn-sz__node rnn-sz__node--h" data-step="${t}"><rect x="${x - CELL.w / 2}" y="${ROW.h - CELL.h / 2}" width="${CELL.w}" height="${CELL.h}" rx="7"/>
      <text x="${x}" y="${ROW.h + 5}" text-anchor="middle">${sub("h", t + 1)}</text></g>`);
    if (c.y) {
      parts.push(arrow(x, ROW.h - CELL.h / 2, x, ROW.y + R + 2, "rnn-sz__out", t));
      parts.push(`<g class="rnn-sz__node rnn-sz__node--y" data-step="${t}"><circle cx="${x}" cy="${ROW.y}" r="${R}"/>
        <text x="${x}" y="${ROW.y + 5}" text-anchor="middle">${sub("y", t + 1)}</text></g>`);
    }
  });
  if (a.id === "seq2seq") {
    const split = (cx(2) + cx(3)) / 2;
    parts.push(`<line class="rnn-sz__split" x1="${split}" y1="12" x2="${split}" y2="${ROW.x + 20}"/>
      <text class="rnn-sz__label" x="${cx(1)}" y="${ROW.x + 36}" text-anchor="middle">encoder</text>
      <text class="rnn-sz__label" x="${(cx(3) + cx(4)) / 2}" y="${ROW.x + 36}" text-anchor="middle">decoder</text>`);
  }
  return `<svg class="rnn-sz__svg" viewBox="0 0 ${width} 245" role="img" aria-labelledby="${uid}-title" aria-describedby="${uid}-desc">
    <title id="${uid}-title">${a.name}: data flow over ${n} step${n === 1 ? "" : "s"}</title>
    <desc id="${uid}-desc">${description}</desc>
    ${parts.join("")}
  </svg>`;
}
