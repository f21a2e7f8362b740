/**
 * Module 8's word models: `docs/pretrained/word-models.json`, written by widgets/build.mjs from every
 * pretrained/<id>/meta.json of kind word-lm (build_models/stress). The charts draw from it before
 * any download; the models load through the ONNX runtime's loadWordModel / scoreWords.
 */
import { listOnce, pretrainedUrl } from "../model-kit/models.ts";

export type Cell = "rnn" | "gru" | "lstm" | "transformer";

export interface Accuracy { n: number; accuracy: number; mean_p: number }
export interface DepthRow { depth: number; hard: Accuracy; mixed: Accuracy }
export interface DistanceRow extends Accuracy { distance: number }
export interface SpeedRow { length: number; ms: number }

export interface WordModelEntry {
  id: string;
  kind: string;
  meta: string;
  cell: Cell;
  hidden: number;
  layers: number;
  heads: number;
  parameters: number;
  bytes: number;
  val_loss: number;
  train_depth: number;
  train_distance: number;
  agreement: DepthRow[];
  brackets: DistanceRow[];
  speed: { machine: { device: string; threads?: number; torch: string }; batch: number; repeats: number; rows: SpeedRow[] };
  files: Record<string, string>;
}

export const CELL_NAMES: Record<Cell, string> = { rnn: "Vanilla RNN", gru: "GRU", lstm: "LSTM", transformer: "Transformer" };

/** Every word model, in the order RNN, GRU, LSTM, Transformer; fetched once per tab (a failure is forgotten). */
export const fetchWordModels = listOnce<WordModelEntry>("word-models.json", "models", "the list of Module 8's models",
  "This build of the site has no stress-test model (python -m build_models.stress all stress-lstm, then make site).");

/** The meta.json URL loadWordModel / scoreWords take. */
export const wordModelUrl = (m: WordModelEntry): string => pretrainedUrl(m.meta);

/** The model of a cell, or null. */
export const byCell = (all: readonly WordModelEntry[], cell: Cell): WordModelEntry | null => all.find((m) => m.cell === cell) ?? null;

/** The evaluated row nearest to `value` (depth or distance), ties to the smaller. */
export function nearest<T>(rows: readonly T[], key: (r: T) => number, value: number): T | null {
  let best: T | null = null;
  for (const r of rows) if (best === null || Math.abs(key(r) - value) < Math.abs(key(best) - value)) best = r;
  return best;
}
