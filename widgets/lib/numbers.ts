/**
 * Numbers as readers read them: a true minus sign (U+2212, which a screen reader says and which
 * does not break a line), and never "−0" for a value that rounds to zero.
 */
const minus = (s: string): string => (/^-0\.?0*$/.test(s) ? s.slice(1) : s.replace("-", "\u2212"));

/** Exactly `digits` decimals, for columns that line up: "0.500", "−1.250". */
export function fixed(v: number, digits = 4): string {
  return minus(v.toFixed(digits));
}

/** At most `digits` decimals, trailing zeros dropped, for sentences and small matrices: "0.5", "−1.25". */
export function short(v: number, digits = 2): string {
  return minus(Number(v.toFixed(digits)).toString());
}

/** A share in [0, 1] as a percentage with `digits` decimals: "42%", "3.5%". */
export function percent(share: number, digits = 0): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError("median of nothing");
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
