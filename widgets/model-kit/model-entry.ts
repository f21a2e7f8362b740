/**
 * A model as the pickers list it: an entry of docs/pretrained/index.json (`model`, `meta` and the
 * `files` are paths relative to pretrained/), or one of the reader's own (own-models.ts: absolute URLs).
 */
export interface ModelEntry {
  id: string;
  kind: string;
  corpus: string;
  model: string;
  meta: string;
  layers: number;
  hidden: number;
  cell: string;
  parameters: number;
  vocab_size: number;
  /** Bytes of model.onnx. */
  bytes: number;
  val_loss_nats: number;
  val_bits_per_char: number;
  test_loss_nats?: number;
  test_bits_per_char?: number;
  /** How model.onnx stores its weights ("float16" or "float32"); it computes in float32 either way. */
  weights_dtype?: string;
  gpu_trained: boolean;
  files: Record<string, string | null>;
  /**
   * Comparison families this model belongs to: `size` (Model Size Explorer: its members differ
   * only in hidden size) and `cell` (cell comparison: they differ only in the cell). A model in a
   * family is a comparison model; widgets start on a main model (one with no family).
   */
  families?: { size?: string; cell?: string };
  /** The fixed-seed sample drawn at export (build_models card.py). */
  sample?: { seed: number; temperature: number; prompt: string; text: string };
  /** Training checkpoints; `onnx` is the checkpoint's model file (relative to the model's folder), if shipped. */
  timelapse?: { iter: number; onnx: string | null; bytes?: number | null }[];
}
