/**
 * The Dataset Explorer's markup: the skeleton (our texts, the upload zone), a text's figures, the
 * character-frequency chart with its table, and the advice with its reasons. Pure functions of
 * their data returning markup; index.ts places it.
 */
import { esc } from "../lib/html.ts";
import { MAX_TEXT_BYTES, formatBytes } from "../training-studio/logic.ts";
import type { CorpusChoice } from "../training-studio/view.ts";
import { bits, charName, isNamed, perplexityOf, type Recommendation, type TextStats } from "./logic.ts";

const num = (v: number): string => v.toLocaleString("en");

/** The widget's skeleton: our texts as radio buttons, then the upload zone, then the panels. */
export function skeleton(uid: string): string {
  return `
  <p class="rnn-de__heading">Dataset Explorer</p>
  <fieldset class="rnn-de__list" data-role="list"><legend>Our texts</legend><p data-role="list-status">Loading the list…</p></fieldset>
  <div class="rnn-de__drop" data-role="drop">
    <label for="${uid}-file">Or your own text: a plain-text file (UTF-8, at most ${formatBytes(MAX_TEXT_BYTES)}), chosen here or dropped on this box</label>
    <input id="${uid}-file" type="file" accept=".txt,.md,.csv,.py,.js,.c,.h,.tex,.html,.json,text/*" data-role="file">
    <p class="rnn-de__note">Your file is read and measured in this browser tab; nothing is uploaded to any server.</p>
  </div>
  <p class="rnn-de__problem" role="alert" data-role="problem"></p>
  <p class="rnn-de__status" role="status" data-role="status"></p>
  <div data-role="shown" aria-live="polite"></div>`;
}

/** One radio button per shipped text. */
export function listMarkup(uid: string, corpora: readonly CorpusChoice[]): string {
  return `<legend>Our texts</legend>` + corpora.map((c) =>
    `<label class="rnn-de__choice"><input type="radio" name="${uid}-corpus" value="${esc(c.id)}" data-corpus="${esc(c.id)}"> <strong>${esc(c.id)}</strong>: ${esc(c.what)} (${formatBytes(c.bytes)})</label>`).join("");
}

/** Where a text comes from: a shipped text's licence and source (with its licence files), or the reader's file. */
export function originMarkup(c: CorpusChoice & { source?: string } | null, fileName: string, licenceHref: (f: string) => string): string {
  if (!c) return `<p data-role="origin">Your file <strong>${esc(fileName)}</strong>, measured in this browser; nothing left it.</p>`;
  const files = c.licence_files.map((f) => `<a href="${esc(licenceHref(f))}">${esc(f.replace("LICENSES/", ""))}</a>`).join(", ");
  return `<p data-role="origin"><strong>${esc(c.what)}</strong>. Licence: <span data-role="licence">${esc(c.licence)}</span>${files ? ` (${files})` : ""}. Source: ${esc(c.source ?? c.file)}.</p>`;
}

/** The figures of a text, with the values as data attributes for tests. */
export function statsMarkup(s: TextStats): string {
  const H = s.entropyNats;
  return `<dl class="rnn-de__facts" data-role="stats" data-characters="${s.characters}" data-bytes="${s.bytes}" data-lines="${s.lines}" data-distinct="${s.counts.length}" data-entropy-nats="${H}" data-held-out-nats="${s.heldOutNats}">
    <div><dt>Size</dt><dd>${num(s.bytes)} bytes, ${num(s.characters)} characters</dd></div>
    <div><dt>Lines</dt><dd>${num(s.lines)}</dd></div>
    <div><dt>Vocabulary</dt><dd>${num(s.counts.length)} distinct characters</dd></div>
    <div><dt>Frequencies alone</dt><dd>${bits(H).toFixed(3)} bits = ${H.toFixed(3)} nats per character: perplexity ${perplexityOf(H).toFixed(1)}</dd></div>
    <div><dt>… on held-out text</dt><dd>${s.heldOutNats.toFixed(3)} nats on the last ${num(s.valChars)} characters (the studio's line to beat)</dd></div>
  </dl>`;
}

/** The text's first characters and a seeded random snippet, each scrollable. */
export function previewMarkup(uid: string, head: string, snip: { start: number; text: string }, seed: number): string {
  return `<p class="rnn-de__label" id="${uid}-pv">The beginning</p>
  <pre class="rnn-de__text" role="region" tabindex="0" aria-labelledby="${uid}-pv" data-role="preview">${esc(head)}</pre>
  <p class="rnn-de__row"><span class="rnn-de__label" id="${uid}-sn">A random snippet</span>
    <label for="${uid}-seed">seed</label> <input id="${uid}-seed" type="number" min="0" step="1" value="${seed}" data-role="seed">
    <button type="button" data-action="snippet">Another snippet</button></p>
  <pre class="rnn-de__text" role="region" tabindex="0" aria-labelledby="${uid}-sn" data-role="snippet" data-start="${snip.start}">${esc(snip.text)}</pre>`;
}

/** The snippet's text alone (after "Another snippet"). */
export const snippetText = esc;

/** The commonest characters as a bar chart (an image with a summary) and the same as a table. */
export function chartMarkup(uid: string, s: TextStats, top = 30): string {
  const rows = s.counts.slice(0, top);
  const max = rows[0]?.[1] ?? 1;
  const bar = 16;
  const label = 130;
  const width = 520;
  const bars = rows.map(([c, k], i) => {
    const w = Math.max(1, ((width - label - 70) * k) / max);
    const y = i * (bar + 4);
    const name = charName(c);
    return `<g data-char="${esc(name)}"><text x="${label - 6}" y="${y + bar - 3}" text-anchor="end"${isNamed(c) ? ' font-style="italic"' : ""}>${esc(name)}</text>` +
      `<rect x="${label}" y="${y}" width="${w.toFixed(1)}" height="${bar}"></rect>` +
      `<text x="${(label + w + 4).toFixed(1)}" y="${y + bar - 3}">${((100 * k) / s.characters).toFixed(1)}%</text></g>`;
  }).join("");
  const first = rows.slice(0, 3).map(([c, k]) => `${charName(c)} ${((100 * k) / s.characters).toFixed(1)}%`).join(", ");
  const height = rows.length * (bar + 4);
  return `<p class="rnn-de__label" id="${uid}-ch">The ${rows.length} commonest characters</p>
  <div class="rnn-de__chart-wrap" role="region" tabindex="0" aria-label="Chart of the commonest characters; it scrolls sideways on a narrow screen"><svg class="rnn-de__chart" data-role="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${uid}-ch ${uid}-chd"><desc id="${uid}-chd">Bars, commonest first: ${esc(first)}; the table below lists them all.</desc>${bars}</svg></div>
  <details class="rnn-de__more"><summary>The same as a table</summary>
    <table class="rnn-de__table" data-role="freq-table"><caption>The ${rows.length} commonest characters</caption>
      <thead><tr><th scope="col">Rank</th><th scope="col">Character</th><th scope="col">Count</th><th scope="col">Share</th></tr></thead>
      <tbody>${rows.map(([c, k], i) => `<tr><td>${i + 1}</td><th scope="row">${esc(charName(c))}</th><td>${num(k)}</td><td>${((100 * k) / s.characters).toFixed(2)}%</td></tr>`).join("")}</tbody>
    </table></details>`;
}

/** The advice: settings for the studio and what a GPU model reached, then why. */
export function adviceMarkup(r: Recommendation, note?: string): string {
  const z = r.zoo;
  return `<div class="rnn-de__advice" data-role="advice" data-preset="${r.preset}" data-auto-stop="${r.autoStop}" data-minutes="${r.minutes}" data-zoo="${esc(z.model)}">
    <p class="rnn-de__label">What to train on it</p>
    ${note ? `<p class="rnn-de__note" data-role="note">${esc(note)}</p>` : ""}
    <ul>
      <li>In the training studio: the <strong>${esc(r.preset)}</strong> size, early stopping <strong>${r.autoStop ? "on" : "off"}</strong>, about <strong>${r.minutes.toFixed(1)} minutes</strong>.</li>
      <li>Beyond the browser, in PyTorch: a <strong>${z.layers}-layer, ${z.hidden}-unit LSTM</strong> (about ${num(z.parameters)} parameters).</li>
    </ul>
    <details class="rnn-de__more"><summary>Why this size</summary><ul data-role="why">${r.why.map((w) => `<li>${esc(w)}</li>`).join("")}</ul></details>
  </div>`;
}
