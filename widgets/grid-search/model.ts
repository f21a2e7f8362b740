/**
 * The Grid Search Visualizer's data and pure logic: the JSON written by
 * `python -m build_models grid <corpus>` (docs/data/grid-<corpus>.json),
 * checked; the heatmap's colours; the sentences the widget shows and
 * announces. No DOM here.
 */

export interface CurvePoint {
  iter: number;
  train_loss: number;
  val_loss: number;
}

export interface GridRun {
  learning_rate: number;
  n_hidden: number;
  parameters: number;
  final_train_loss: number;
  final_val_loss: number;
  curve: CurvePoint[];
}

export interface GridData {
  corpus: string;
  cell: string;
  iters: number;
  learning_rates: number[];
  hidden_sizes: number[];
  runs: GridRun[];
  /** What every cell shared, where the file records it (build_models/grid.py writes them all). */
  n_layer?: number;
  batch_size?: number;
  seq_len?: number;
  grad_clip?: number;
  seed?: number;
  eval_every?: number;
  eval_batches?: number;
}

/** The shared settings parseGrid copies when they are whole numbers (grad_clip: any number). */
const SHARED_INTS = ["n_layer", "batch_size", "seq_len", "seed", "eval_every", "eval_batches"] as const;

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Validate parsed JSON; throws an Error whose message names what is wrong. */
export function parseGrid(raw: unknown): GridData {
  const bad = (what: string) => new Error(`the grid data file has no valid ${what}`);
  if (typeof raw !== "object" || raw === null) throw bad("content");
  const r = raw as Record<string, unknown>;
  if (!Array.isArray(r.learning_rates) || !r.learning_rates.every(isNum) || r.learning_rates.length === 0) throw bad("learning_rates");
  if (!Array.isArray(r.hidden_sizes) || !r.hidden_sizes.every(isNum) || r.hidden_sizes.length === 0) throw bad("hidden_sizes");
  if (!Array.isArray(r.runs)) throw bad("runs");
  const runs = r.runs.map((run: unknown) => {
    const x = run as Record<string, unknown>;
    if (!isNum(x.learning_rate) || !isNum(x.n_hidden) || !isNum(x.final_val_loss) || !isNum(x.final_train_loss)) throw bad("run");
    if (!Array.isArray(x.curve)) throw bad("curve");
    return x as unknown as GridRun;
  });
  const data: GridData = {
    corpus: String(r.corpus ?? ""),
    cell: String(r.cell ?? "lstm"),
    iters: isNum(r.iters) ? r.iters : 0,
    learning_rates: r.learning_rates as number[],
    hidden_sizes: r.hidden_sizes as number[],
    runs,
  };
  for (const k of SHARED_INTS) if (Number.isInteger(r[k])) data[k] = r[k] as number;
  if (isNum(r.grad_clip)) data.grad_clip = r.grad_clip;
  for (const lr of data.learning_rates) {
    for (const hs of data.hidden_sizes) if (!runAt(data, lr, hs)) throw bad(`run for learning rate ${lr} and ${hs} units`);
  }
  return data;
}

/** The run of one cell. */
export function runAt(data: GridData, lr: number, hidden: number): GridRun | undefined {
  return data.runs.find((r) => r.learning_rate === lr && r.n_hidden === hidden);
}

/** The run with the lowest final validation loss. */
export function bestRun(data: GridData): GridRun {
  return data.runs.reduce((a, b) => (b.final_val_loss < a.final_val_loss ? b : a));
}

/** A learning rate as people write it: 0.003, 3e-5. */
export function fmtLr(lr: number): string {
  return lr >= 1e-4 ? String(Number(lr.toPrecision(6))) : lr.toExponential();
}

/** A loss with three decimals. */
export const fmtLoss = (v: number): string => v.toFixed(3);

/** Light (worst) to dark (best) blue, as [r, g, b]. */
const LIGHT = [239, 246, 255];
const DARK = [30, 58, 138];

/** The cell colour for a loss: the best loss of the grid is darkest, the worst lightest. */
export function cellColour(loss: number, min: number, max: number): { background: string; text: string } {
  const t = max > min ? (max - loss) / (max - min) : 1; // 1 = best
  const rgb = LIGHT.map((l, i) => Math.round(l + (DARK[i] - l) * t));
  // Whichever of black and white contrasts more with the background (WCAG luminance).
  const lin = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  const text = (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? "#000000" : "#ffffff";
  return { background: `rgb(${rgb.join(", ")})`, text };
}

/** The accessible name of a cell. */
export function cellLabel(run: GridRun): string {
  return `learning rate ${fmtLr(run.learning_rate)}, ${run.n_hidden} hidden units: validation loss ${fmtLoss(run.final_val_loss)}`;
}

/** The sentence announced when a cell is selected. */
export function describeRun(run: GridRun, data: GridData): string {
  const best = bestRun(data);
  const rank = [...data.runs].sort((a, b) => a.final_val_loss - b.final_val_loss).indexOf(run) + 1;
  const gap = run.final_val_loss - run.final_train_loss;
  return `Learning rate ${fmtLr(run.learning_rate)}, ${run.n_hidden} hidden units ` +
    `(${run.parameters.toLocaleString("en")} parameters): validation loss ${fmtLoss(run.final_val_loss)}, ` +
    `training loss ${fmtLoss(run.final_train_loss)} (gap ${fmtLoss(gap)}); ` +
    (run === best ? "the best cell of the grid." : `number ${rank} of ${data.runs.length}.`);
}

/** Move within the grid by arrow keys: [row, col] after `key`, clamped to the edges. */
export function moveCell(row: number, col: number, key: string, rows: number, cols: number): [number, number] | null {
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1],
  };
  if (key === "Home") return [row, 0];
  if (key === "End") return [row, cols - 1];
  const d = moves[key];
  if (!d) return null;
  return [Math.min(rows - 1, Math.max(0, row + d[0])), Math.min(cols - 1, Math.max(0, col + d[1]))];
}

/** The build_models command that trains the best cell for longer. */
export function bestCommand(data: GridData): string {
  const b = bestRun(data);
  return `python -m build_models train ${data.corpus} --n_layer=1 --n_hidden=${b.n_hidden} --learning_rate=${fmtLr(b.learning_rate)}`;
}

/** A number as a Python float literal: 0.01, 1.0, 3e-05. */
export function pyFloat(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`${v} is not a finite number`);
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A string as a Python literal in single quotes. */
export function pyStr(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r")}'`;
}

/** The model id of the exported preset: "names-grid-lr0.01-h128". */
export function bestModelId(data: GridData): string {
  const b = bestRun(data);
  return `${data.corpus}-grid-lr${fmtLr(b.learning_rate)}-h${b.n_hidden}`.replace(/[^A-Za-z0-9._-]/g, "-");
}

/** The file name the preset downloads as: "<model id>.py". */
export const presetFileName = (data: GridData): string => `${bestModelId(data)}.py`;

/**
 * The best cell as a build_models preset (a Python file of plain assignments,
 * like build_models/config/*.py): the same model, batches and steps as the
 * grid trained, at the same constant learning rate (min_lr equal to it, no
 * warmup). Only the keys the grid file records are written, so every value
 * is the grid's own.
 */
export function bestPreset(data: GridData): string {
  const b = bestRun(data);
  const lines: [string, string, string?][] = [
    ["model_id", pyStr(bestModelId(data))],
    ["corpus", pyStr(data.corpus)],
    ["cell", pyStr(data.cell)],
    ["n_layer", String(data.n_layer ?? 1)],
    ["n_hidden", String(b.n_hidden)],
    ["dropout", "0.0", "the grid trained without dropout"],
  ];
  if (data.batch_size !== undefined) lines.push(["batch_size", String(data.batch_size)]);
  if (data.seq_len !== undefined) lines.push(["seq_len", String(data.seq_len), "characters per training window"]);
  lines.push(
    ["max_iters", String(data.iters), "the grid's steps per cell: raise it to train for longer"],
    ["learning_rate", pyFloat(b.learning_rate)],
    ["min_lr", pyFloat(b.learning_rate), "equal to learning_rate: constant, as in the grid"],
    ["warmup_iters", "0"],
    ["weight_decay", "0.0"],
  );
  if (data.grad_clip !== undefined) lines.push(["grad_clip", pyFloat(data.grad_clip)]);
  if (data.seed !== undefined) lines.push(["seed", String(data.seed)]);
  if (data.eval_every !== undefined) lines.push(["eval_interval", String(data.eval_every)]);
  if (data.eval_batches !== undefined) lines.push(["eval_iters", String(data.eval_batches)]);
  const width = Math.max(...lines.map(([k, v]) => k.length + v.length + 3));
  const body = lines.map(([k, v, note]) => {
    const line = `${k} = ${v}`;
    return note ? `${line.padEnd(width)}  # ${note}` : line;
  });
  return [
    `# The best cell of the grid search on ${data.corpus} (docs/data/grid-${data.corpus}.json): learning rate`,
    `# ${fmtLr(b.learning_rate)}, ${b.n_hidden} hidden units, validation loss ${fmtLoss(b.final_val_loss)} nats per character after ${data.iters} steps.`,
    "# Exported from the course's grid search visualizer. From the repository's root, prepare the",
    "# corpus's splits once, then train:",
    `#   python -m build_models prepare path/to/${presetFileName(data)}`,
    `#   python -m build_models train path/to/${presetFileName(data)}`,
    ...body,
    "",
  ].join("\n");
}
