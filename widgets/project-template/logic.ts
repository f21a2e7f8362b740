/**
 * The project template selector's pure logic: the catalogue's types (docs/data/capstone/templates.json,
 * written by python -m coursekit.capstone_templates), the project a choice names, a saved choice
 * read back safely, and the facts a project card shows. No DOM: the card's markup is view.ts's.
 */

export interface Source { file: string; url: string; what: string }

export interface Measured {
  iters: number;
  seconds: number;
  val_loss: number;
  val_perplexity: number;
  unigram_perplexity: number;
  closed_fraction?: number;
  /** Top-level blocks the bracket check saw in the samples (closed or broken). */
  blocks?: number;
  valid_tunes?: number;
  tag_accuracy?: number;
  smoke_train_loss: number;
}

export interface Targets {
  val_perplexity: number;
  smoke_train_loss: number;
  closed_fraction?: number;
  valid_tunes?: number;
  tag_accuracy?: number;
}

export interface StudioSetup {
  /** The text the studio trains on, from the site root; null: the reader's own (upload). */
  url: string | null;
  chars: number;
  settings: { cell: "lstm" | "gru" | "rnn"; size: "small" | "medium" | "large"; seqLen: number; batch: number; lr: number };
}

export interface Project {
  id: string;
  difficulty: string;
  domain: string;
  title: string;
  goal: string;
  plan: string;
  sources: Source[];
  config: { n_layer: number; n_hidden: number; seq_len: number; batch_size: number; max_iters: number; max_chars: number; tags: string; check: string };
  notebook: string;
  script: string;
  studio: StudioSetup;
  measured: Measured | null;
  targets: Targets | null;
}

export interface Catalogue {
  levels: Record<string, { title: string; plan: string }>;
  domains: Record<string, string>;
  machine: string | null;
  projects: Project[];
}

export interface Choice { difficulty: string; domain: string }

/** The project of a choice (every difficulty × domain has one). */
export function projectOf(cat: Catalogue, c: Choice): Project | undefined {
  return cat.projects.find((p) => p.difficulty === c.difficulty && p.domain === c.domain);
}

/** A saved choice, kept only when it names a project of this catalogue; else the first project. */
export function restoreChoice(raw: unknown, cat: Catalogue): Choice {
  const r = (raw && typeof raw === "object" ? raw : {}) as Partial<Record<keyof Choice, unknown>>;
  const c = { difficulty: String(r.difficulty ?? ""), domain: String(r.domain ?? "") };
  if (projectOf(cat, c)) return c;
  const first = cat.projects[0];
  return { difficulty: first.difficulty, domain: first.domain };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** "about 4 minutes", "about 50 seconds". */
export function aboutTime(seconds: number): string {
  if (seconds < 90) return `about ${Math.round(seconds)} seconds`;
  return `about ${Math.round(seconds / 60)} minutes`;
}

/** The project's success metrics, as the targets our own run of the defaults met. */
export function successText(p: Project): string {
  const t = p.targets;
  const m = p.measured;
  if (!t || !m) {
    return "Validation perplexity well below that of a model that ignores context (the template prints both); " +
      (p.config.tags ? "and, for two authors, the fraction of held-out passages the model attributes to the right tag." : "and your own reading of its samples.");
  }
  const parts = [`validation perplexity below ${t.val_perplexity.toFixed(1)} (our run: ${m.val_perplexity.toFixed(2)}; characters by frequency alone: ${m.unigram_perplexity.toFixed(1)})`];
  if (t.closed_fraction !== undefined && m.closed_fraction !== undefined) parts.push(`at least ${pct(t.closed_fraction)} of generated top-level blocks closed with matching brackets (our run: ${pct(m.closed_fraction)} of ${m.blocks ?? 0} blocks)`);
  if (t.valid_tunes !== undefined && m.valid_tunes !== undefined) parts.push(`at least ${pct(t.valid_tunes)} of generated tunes well-formed ABC (our run: ${pct(m.valid_tunes)})`);
  if (t.tag_accuracy !== undefined && m.tag_accuracy !== undefined) parts.push(`at least ${pct(t.tag_accuracy)} of held-out passages attributed to the right tag (our run: ${pct(m.tag_accuracy)}); then a blinded human test`);
  return parts.join("; ") + ".";
}

/** The card's facts, label and text, in the order shown. */
export function facts(p: Project, machine: string | null): [string, string][] {
  const c = p.config;
  const data = p.sources.map((s) => `${s.file}: ${s.what}`).join("; ");
  const tags = c.tags ? ` Each line starts with its source's tag (${[...c.tags].join(", ")}), so the model learns which source it is writing.` : "";
  const time = p.measured
    ? `${aboutTime(p.measured.seconds)} for the defaults (${c.max_iters.toLocaleString("en")} steps) on ${machine ?? "our machine"}.`
    : `Depends on your text: ${c.max_iters.toLocaleString("en")} steps of ${c.batch_size}×${c.seq_len} characters.`;
  return [
    ["Goal", p.goal],
    ["Data", data + "." + tags],
    ["Model", `${c.n_layer} layer${c.n_layer > 1 ? "s" : ""} × ${c.n_hidden} LSTM units, windows of ${c.seq_len} characters, ${c.max_iters.toLocaleString("en")} steps.`],
    ["Success", successText(p)],
    ["Time", time],
    ["The plan asked for", p.plan],
  ];
}
