/**
 * Test-only entry (built as /assets/build/widgets/runtime-onnx-inpage.js, loaded by no page):
 * the same greedy generation loop as worker.ts, run on the page's main thread, so that
 * tests/bench_onnx.py can measure what the worker costs or saves against running ORT in the page
 * (issue 5: "measure against running in the page"). Widgets never use this.
 */
import * as ort from "onnxruntime-web/wasm";
import { argmax, decode, encode, vocabIndex } from "./sampling.ts";

ort.env.wasm.wasmPaths = new URL("../ort/", import.meta.url).href;
// As in worker.ts: threads only where the page is cross-origin isolated.
ort.env.wasm.numThreads = globalThis.crossOriginIsolated ? Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1)) : 1;
ort.env.wasm.proxy = false;
ort.env.logLevel = "error";

interface Loaded { session: ort.InferenceSession; vocab: string[]; layers: number; hidden: number }
const sessions = new Map<string, Promise<Loaded>>();

function open(url: string): Promise<Loaded> {
  if (!sessions.has(url)) {
    sessions.set(url, (async () => {
      const meta = await (await fetch(new URL("meta.json", url))).json();
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
      const [layers, , hidden] = meta.io.inputs.h.shape as [number, string, number];
      return { session, vocab: meta.vocabulary as string[], layers, hidden };
    })());
  }
  return sessions.get(url)!;
}

/** Greedy generation on the main thread: `length` characters after `seedText`; elapsedMs excludes the seed. */
export async function generateInPage(url: string, seedText: string, length: number): Promise<{ text: string; elapsedMs: number }> {
  const m = await open(url);
  const dims = [m.layers, 1, m.hidden];
  let h: ort.Tensor = new ort.Tensor("float32", new Float32Array(m.layers * m.hidden), dims);
  let c: ort.Tensor = new ort.Tensor("float32", new Float32Array(m.layers * m.hidden), dims);
  let logits: Float32Array = new Float32Array(0);
  const stepOnce = async (id: number) => {
    const x = new ort.Tensor("int64", BigInt64Array.of(BigInt(id)), [1]);
    const out = await m.session.run({ x, h, c }, ["logits", "h_out", "c_out"]);
    [h, c, logits] = [out.h_out as ort.Tensor, out.c_out as ort.Tensor, out.logits.data as Float32Array];
  };
  for (const id of encode(seedText, vocabIndex(m.vocab)).ids) await stepOnce(id);
  const ids = new Int32Array(length);
  const start = performance.now();
  for (let n = 0; n < length; n++) {
    ids[n] = argmax(logits);
    if (n + 1 < length) await stepOnce(ids[n]);
  }
  return { text: decode(ids, m.vocab), elapsedMs: performance.now() - start };
}
