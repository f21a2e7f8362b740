/**
 * The Transformer Teaser's logic, without the DOM: one head's attention matrix out of the
 * [L,heads,T,T] weights, the LSTM units that change most over the sentence, and the sentences that
 * say what a row of attention does.
 */

/** Row q of layer `l`, head `k` of attention [L,heads,T,T]: how much position q reads from 0..T-1. */
export function attentionRow(att: Float32Array, heads: number, T: number, l: number, k: number, q: number): number[] {
  const o = ((l * heads + k) * T + q) * T;
  return Array.from(att.subarray(o, o + T));
}

/** The whole T×T matrix of one head. */
export function attentionMatrix(att: Float32Array, heads: number, T: number, l: number, k: number): number[][] {
  return Array.from({ length: T }, (_, q) => attentionRow(att, heads, T, l, k, q));
}

/** The average over heads of one layer's matrices (what "all heads" shows). */
export function meanOverHeads(att: Float32Array, heads: number, T: number, l: number): number[][] {
  const out = Array.from({ length: T }, () => new Array<number>(T).fill(0));
  for (let k = 0; k < heads; k++) {
    attentionMatrix(att, heads, T, l, k).forEach((row, q) => row.forEach((v, j) => { out[q][j] += v / heads; }));
  }
  return out;
}

/** The `k` units of states [T,H] with the largest variance over the sentence, largest first (ties: lower index). */
export function busiestUnits(states: Float32Array, T: number, H: number, k: number): number[] {
  const variance = Array.from({ length: H }, (_, u) => {
    let m = 0;
    for (let t = 0; t < T; t++) m += states[t * H + u] / T;
    let v = 0;
    for (let t = 0; t < T; t++) v += (states[t * H + u] - m) ** 2 / T;
    return v;
  });
  return variance.map((v, u) => [v, u] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k).map(([, u]) => u);
}

/** "“sleeps” reads most from “cat” (62%), “the” (20%)": the words with at least `min` of the row, largest first. */
export function describeRow(words: readonly string[], row: readonly number[], q: number, min = 0.1, k = 3): string {
  const top = row.slice(0, q + 1).map((v, j) => [v, j] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .filter(([v], i) => i === 0 || v >= min).slice(0, k);
  return `“${words[q]}” reads most from ${top.map(([v, j]) => `“${words[j]}” (${Math.round(v * 100)}%)`).join(", ")}.`;
}
