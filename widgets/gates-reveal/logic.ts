/**
 * Pure logic of the gates Predict-Then-Reveal: where "but" is, how much each
 * gate moves there compared with the rest of the sentence, the cells that
 * move most, one cell's gates per step, and the layer's gate saturation
 * (Karpathy, Johnson & Fei-Fei 2015: the fraction of steps a gate spends
 * below 0.1 or above 0.9).
 */

export const SENTENCE = "The movie was great, but the ending was";
export const GATES = ["i", "f", "g", "o"] as const;
export type Gate = (typeof GATES)[number];

/** Shape of a gates array [T,L,4,H] (row-major). */
export interface GateDims {
  T: number;
  L: number;
  H: number;
}

/** gates[t, layer, g, unit] */
export function gateAt(gates: Float32Array, d: GateDims, t: number, layer: number, g: number, unit: number): number {
  return gates[((t * d.L + layer) * 4 + g) * d.H + unit];
}

/** Steps (indices into the fed characters) of the word "but" in `chars`, or [] if absent. */
export function wordSteps(chars: readonly string[], word = "but"): number[] {
  const i = chars.join("").search(new RegExp(`\\b${word}\\b`));
  return i < 0 ? [] : Array.from({ length: word.length }, (_, k) => i + k);
}

/** |gate_t − gate_{t−1}| of one cell (0 at t = 0). */
function jump(gates: Float32Array, d: GateDims, t: number, layer: number, g: number, u: number): number {
  return t === 0 ? 0 : Math.abs(gateAt(gates, d, t, layer, g, u) - gateAt(gates, d, t - 1, layer, g, u));
}

/** How much one gate moved: mean |step-to-step change| over the cells, at the word and elsewhere. */
export interface GateMove {
  gate: Gate;
  atWord: number;
  elsewhere: number;
}

/** For each gate of `layer`: mean change per cell over `steps`, and over the other steps t ≥ 1. */
export function gateMovement(gates: Float32Array, d: GateDims, layer: number, steps: number[]): GateMove[] {
  const at = new Set(steps);
  return GATES.map((gate, g) => {
    let a = 0, na = 0, e = 0, ne = 0;
    for (let t = 1; t < d.T; t++) {
      for (let u = 0; u < d.H; u++) {
        const j = jump(gates, d, t, layer, g, u);
        if (at.has(t)) {
          a += j;
          na++;
        } else {
          e += j;
          ne++;
        }
      }
    }
    return { gate, atWord: na ? a / na : 0, elsewhere: ne ? e / ne : 0 };
  });
}

/** The gate with the largest movement at the word. */
export function mostMoved(moves: GateMove[]): GateMove {
  return moves.reduce((best, m) => (m.atWord > best.atWord ? m : best));
}

/** Cells of `layer` ranked by their summed gate change (all four gates) over `steps`. */
export function cellsMovingMost(gates: Float32Array, d: GateDims, layer: number, steps: number[], k = 6): { unit: number; change: number }[] {
  const out = [];
  for (let u = 0; u < d.H; u++) {
    let s = 0;
    for (const t of steps) for (let g = 0; g < 4; g++) s += jump(gates, d, t, layer, g, u);
    out.push({ unit: u, change: s });
  }
  return out.sort((a, b) => b.change - a.change || a.unit - b.unit).slice(0, k);
}

/** One cell's four gates at every step: rows [i, f, g, o]. */
export function cellGates(gates: Float32Array, d: GateDims, layer: number, unit: number): number[][] {
  return Array.from({ length: d.T }, (_, t) => GATES.map((_, g) => gateAt(gates, d, t, layer, g, unit)));
}

/** Fractions of steps a sigmoid gate of each cell is left-saturated (< 0.1) and right-saturated (> 0.9). */
export interface Saturation {
  gate: Gate;
  low: Float64Array;
  high: Float64Array;
}

/** Saturation of the sigmoid gates i, f, o of every cell of `layer` over all T steps. */
export function saturation(gates: Float32Array, d: GateDims, layer: number, lowBelow = 0.1, highAbove = 0.9): Saturation[] {
  return (["i", "f", "o"] as const).map((gate) => {
    const g = GATES.indexOf(gate);
    const low = new Float64Array(d.H), high = new Float64Array(d.H);
    for (let t = 0; t < d.T; t++) {
      for (let u = 0; u < d.H; u++) {
        const v = gateAt(gates, d, t, layer, g, u);
        if (v < lowBelow) low[u]++;
        else if (v > highAbove) high[u]++;
      }
    }
    for (let u = 0; u < d.H; u++) {
      low[u] /= d.T;
      high[u] /= d.T;
    }
    return { gate, low, high };
  });
}

/** Readers' names of the gates. */
export const GATE_NAMES: Record<Gate, string> = {
  i: "input gate i",
  f: "forget gate f",
  g: "candidate g (the new content)",
  o: "output gate o",
};
