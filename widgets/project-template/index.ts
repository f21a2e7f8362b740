/**
 * Project template selector (Module 10): difficulty × domain → a ready project: its goal, data,
 * model, success metric (the targets our own run of its defaults met) and time, links to its
 * Jupyter notebook, its script and its data, and "Train it in the studio here", which mounts the
 * training studio in the page on the project's text with its settings (the reader's own text for
 * the custom domain: the studio's upload step). The catalogue is docs/data/capstone/templates.json
 * (python -m coursekit.capstone_templates); the choice is saved in localStorage.
 *
 * Hooks for tests: the root's `data-project` (the project shown) and `data-studio` ("mounted" once
 * the studio is in the page).
 */
import { h } from "../lib/dom.ts";
import { siteRoot } from "../lib/site.ts";
import { describeError, setState } from "../lib/state.ts";
import { load, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";
import { mountStudio, type StudioHandle } from "../training-studio/index.ts";
import { restoreSettings } from "../training-studio/logic.ts";
import { projectOf, restoreChoice, type Catalogue, type Choice, type Project } from "./logic.ts";
import css from "./project-template.css" with { type: "text" };
import { cardMarkup, pickerMarkup } from "./view.ts";

const CHOICE_KEY = "project-template:choice";
let counter = 0;

export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const uid = `rnn-pt-${++counter}`;
  el.classList.add("rnn-pt");
  el.innerHTML = `<p class="rnn-pt__heading">Project templates</p><p>Loading the projects…</p>`;
  let cat: Catalogue;
  try {
    const r = await fetch(new URL("data/capstone/templates.json", siteRoot()), { signal });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    cat = (await r.json()) as Catalogue;
  } catch (err) {
    if (signal.aborted) return;
    setState(el, "error", `The projects could not be loaded (${describeError(err)}). Reload the page to try again.`);
    return;
  }
  let choice = restoreChoice(load<unknown>(CHOICE_KEY, null), cat);

  el.innerHTML = `
    <p class="rnn-pt__heading">Project templates</p>
    <div data-role="picker">${pickerMarkup(uid, cat, choice)}</div>
    <section class="rnn-pt__card" data-role="card" aria-live="polite"></section>
    <p class="rnn-pt__note" role="status" data-role="note"></p>
    <p><button type="button" class="rnn-primary" data-action="studio">Train it in the studio here</button></p>
    <p class="rnn-pt__problem" role="alert" data-role="problem"></p>
    <div data-role="studio"></div>`;
  const part = (role: string) => el.querySelector<HTMLElement>(`[data-role='${role}']`)!;
  const button = el.querySelector<HTMLButtonElement>("[data-action='studio']")!;
  let studio: { ctl: AbortController; handle: StudioHandle | null } | null = null;

  function closeStudio(): void {
    studio?.ctl.abort();
    studio = null;
    part("studio").replaceChildren();
    delete el.dataset.studio;
    button.hidden = false;
  }

  function show(p: Project): void {
    el.dataset.project = p.id;
    part("card").innerHTML = cardMarkup(p, cat, siteRoot());
    button.textContent = p.studio.url ? "Train it in the studio here" : "Train it in the studio here, on your own text";
  }

  async function openStudio(p: Project): Promise<void> {
    closeStudio();
    button.hidden = true;
    const host = h("div", "");
    host.dataset.slot = `capstone-${p.id}`;
    host.dataset.heading = `Training studio: ${p.title}`;
    part("studio").replaceChildren(host);
    const ctl = new AbortController();
    signal.addEventListener("abort", () => ctl.abort(), { once: true, signal: ctl.signal });
    studio = { ctl, handle: null };
    const mine = studio;
    const st = p.studio;
    const url = st.url;
    const names = p.sources.map((s) => s.file).join(" and ");
    mine.handle = await mountStudio(host, { signal: ctl.signal }, {
      fixedText: url ? {
        name: `${p.title}: ${names}${st.chars ? `, first ${st.chars.toLocaleString("en")} characters` : ""}`,
        note: p.config.tags
          ? `This project's text: ${names}, each line behind its source's tag (${[...p.config.tags].join(", ")}), as the notebook tags it.`
          : `This project trains on ${names}.`,
        load: async (s) => {
          const r = await fetch(new URL(url, siteRoot()), { signal: s });
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
          return (await r.text()).slice(0, st.chars || undefined);
        },
      } : undefined,
      defaults: restoreSettings(st.settings),
    });
    el.dataset.studio = "mounted";
  }

  el.addEventListener("change", (e) => {
    const input = e.target as HTMLInputElement;
    const key = input.matches("[data-difficulty]") ? "difficulty" : input.matches("[data-domain]") ? "domain" : null;
    if (!key) return;
    const mode = studio?.handle?.state().mode;
    if (mode === "training" || mode === "stopping") {
      part("problem").textContent = "Pause or stop the studio's run before you choose another project: the page trains one model at a time.";
      el.querySelector<HTMLInputElement>(`input[data-${key}][value='${choice[key]}']`)!.checked = true;
      return;
    }
    const next: Choice = { ...choice, [key]: input.value };
    const p = projectOf(cat, next);
    if (!p) return;
    choice = next;
    part("problem").textContent = "";
    saveAndSay(CHOICE_KEY, choice, part("note"));
    closeStudio();
    show(p);
  }, { signal });

  button.addEventListener("click", () => {
    const p = projectOf(cat, choice);
    if (p) void openStudio(p).catch((err) => {
      if (!signal.aborted) part("problem").textContent = `The studio could not start (${describeError(err)}).`;
    });
  }, { signal });

  show(projectOf(cat, choice)!);
  setState(el, "ready");
}
