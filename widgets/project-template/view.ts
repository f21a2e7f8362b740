/** The template selector's markup: the two choices, and the chosen project's card with its downloads. */
import { esc } from "../lib/html.ts";
import { facts, type Catalogue, type Choice, type Project } from "./logic.ts";

/** Two groups of native radio buttons: difficulty and domain. */
export function pickerMarkup(uid: string, cat: Catalogue, c: Choice): string {
  const group = (name: string, legend: string, items: [string, string][], current: string) =>
    `<fieldset class="rnn-pt__group"><legend>${legend}</legend>${items.map(([id, text]) =>
      `<label class="rnn-pt__choice"><input type="radio" name="${uid}-${name}" value="${esc(id)}" data-${name}${id === current ? " checked" : ""}> ${esc(text)}</label>`).join("")}</fieldset>`;
  return group("difficulty", "Difficulty", Object.entries(cat.levels).map(([id, l]) => [id, l.title]), c.difficulty) +
    group("domain", "Domain", Object.entries(cat.domains), c.domain);
}

/** The chosen project: its facts, and links to its notebook, script and data. */
export function cardMarkup(p: Project, cat: Catalogue, root: URL): string {
  const rows = facts(p, cat.machine).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("");
  const link = (path: string, text: string, role: string) =>
    `<li><a href="${esc(new URL(path, root).href)}" download data-download="${role}">${esc(text)}</a></li>`;
  const data = p.sources.filter((s) => s.url).map((s) => link(s.url, `${s.file} (the data)`, "data")).join("");
  return `<h3 class="rnn-pt__title" data-project="${esc(p.id)}">${esc(p.title)}</h3>
    <dl class="rnn-pt__facts">${rows}</dl>
    <ul class="rnn-pt__links">
      ${link(p.notebook, `${p.id}.ipynb (Jupyter notebook)`, "notebook")}
      ${link(p.script, `${p.id}.py (the same code as a script)`, "script")}
      ${data}
    </ul>`;
}
