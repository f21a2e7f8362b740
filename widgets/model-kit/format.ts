/**
 * How the model widgets show values: one diverging colour scale (blue
 * negative, neutral at zero, red positive) and one number format. Pure; no DOM.
 */

/** The ends of the scale: red for positive, blue for negative. */
const POSITIVE = [230, 97, 80] as const;
const NEGATIVE = [80, 140, 230] as const;

/**
 * Colour [r, g, b] for a value in [-scale, scale] (clamped outside; NaN is 0):
 * the grey level `neutral` at 0 (255: white, pale enough that black text on
 * it stays readable; lower for strips that must show on a dark page too),
 * towards red for positive and blue for negative.
 */
export function heatColour(v: number, scale = 1, neutral = 255): [number, number, number] {
  const t = Number.isFinite(v) && scale > 0 ? Math.max(-1, Math.min(1, v / scale)) : 0;
  const end = t >= 0 ? POSITIVE : NEGATIVE;
  const a = Math.abs(t);
  const mix = (c: number) => Math.round(neutral + (c - neutral) * a);
  return [mix(end[0]), mix(end[1]), mix(end[2])];
}

/** heatColour as a CSS colour. */
export function heatCss(v: number, scale = 1, neutral = 255): string {
  const [r, g, b] = heatColour(v, scale, neutral);
  return `rgb(${r},${g},${b})`;
}

