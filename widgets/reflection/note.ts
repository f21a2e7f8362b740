/**
 * The reflection note without the DOM: its storage key and the Markdown
 * file a reader downloads.
 */

/** What is saved per prompt. */
export interface Note {
  text: string;
  savedAt: number | null;
}

/** A storage key for the note of the page's `key` attribute (letters, digits and dashes only). */
export function storageKey(key: string): string {
  return `reflection:${key.replace(/[^a-z0-9-]/gi, "-").toLowerCase() || "note"}`;
}

/** A file name for the download: "module-1-apply-it.md". */
export function fileName(key: string): string {
  return `${key.replace(/[^a-z0-9-]/gi, "-").toLowerCase() || "reflection"}.md`;
}

/** The note as a Markdown document: a heading, the prompt as a quote, the reader's text, and the date. */
export function toMarkdown(title: string, prompt: string, text: string, when: Date): string {
  const day = when.toISOString().slice(0, 10);
  const quoted = prompt.split("\n").map((line) => `> ${line}`).join("\n");
  return `# ${title}\n\n${quoted}\n\n${text.trim() || "(no answer yet)"}\n\n---\nWritten on ${day}, from the course "The Unreasonable Effectiveness of RNNs".\n`;
}
