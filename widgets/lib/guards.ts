/**
 * Type guards for values read back from storage or from a file the reader loads: such values can
 * be damaged or hand-edited, so every field is checked before it is trusted.
 */
export function isObj(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** A finite number. */
export const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A whole number, not negative. */
export const count = (v: unknown): v is number => num(v) && Number.isInteger(v) && v >= 0;
