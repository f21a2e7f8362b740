/**
 * The copy task's input layout (build_models/memory/data.py's encode), apart from kinds/ntm.ts so that
 * tests run it in Node without onnxruntime-web.
 */

/** The input for `bits` [L][W]: L steps of bits, one step with only the delimiter channel (index W), L blank steps. [2L+1, W+1] */
export function copyInput(bits: number[][], width: number): Float32Array {
  const L = bits.length, C = width + 1;
  const x = new Float32Array((2 * L + 1) * C);
  bits.forEach((row, t) => row.forEach((b, j) => (x[t * C + j] = b ? 1 : 0)));
  x[L * C + width] = 1;
  return x;
}
