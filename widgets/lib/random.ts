/**
 * mulberry32: a 32-bit seeded PRNG returning floats in [0, 1). Tiny and exact
 * (integer arithmetic only), so a seed gives the same sequence in every
 * browser: the same generated text, the same "problem 7" for every reader,
 * and tests can mirror it in Python.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
