/**
 * The names demo's "Your favourites": generated names the reader kept with
 * their 👍 button, listed under the demo, each removable, saved in this
 * browser only (widgets/lib/storage.ts; nothing is sent anywhere). When the
 * browser refuses to save, the list still works for this visit and a
 * status line says why it will not survive a reload.
 *
 * Hooks for tests: `[data-role="favourites"]` (a `ul`), its `li[data-favourite]`
 * with a "Remove <name>" button, `[data-role="favourites-empty"]`,
 * `[data-role="favourites-status"]`; keep buttons are `button[data-action="keep"]`
 * with `aria-pressed` and the accessible name "Keep <name>".
 */
import { load, save } from "../lib/storage.ts";
import { h } from "../lib/dom.ts";
import { parseFavourites, removeFavourite, toggleFavourite } from "./logic.ts";

const KEY = "demo-gallery:favourite-names";

export interface Favourites {
  element: HTMLElement;
  /** A 👍 toggle for `name` (its pressed state follows the list). */
  keepButton(name: string): HTMLButtonElement;
}

/** The favourites section; `idPrefix` keeps its heading id unique on the page; its listeners end with `signal`. */
export function favourites(idPrefix: string, signal: AbortSignal): Favourites {
  let list = parseFavourites(load<unknown>(KEY, []));
  const element = h("section", "rnn-dg__favs");
  const heading = h("h4", "rnn-dg__favs-title", "Your favourites");
  heading.id = `${idPrefix}-favs`;
  heading.tabIndex = -1;
  element.setAttribute("aria-labelledby", heading.id);
  const empty = h("p", "rnn-dg__favs-empty",
    "None yet. Press 👍 beside a generated name to keep it here. The list stays in this browser; nothing is sent anywhere.");
  empty.dataset.role = "favourites-empty";
  const ul = h("ul", "rnn-dg__favs-list", undefined, { "data-role": "favourites" });
  const status = h("p", "rnn-dg__favs-status", undefined, { "data-role": "favourites-status", role: "status" });
  element.append(heading, empty, ul, status);
  const keepButtons = new Set<HTMLButtonElement>();

  function paint(): void {
    empty.hidden = list.length > 0;
    ul.hidden = list.length === 0;
    ul.replaceChildren(...list.map((name) => {
      const li = h("li");
      li.dataset.favourite = name;
      const remove = h("button", "rnn-dg__remove", "Remove", { type: "button" });
      remove.setAttribute("aria-label", `Remove ${name}`);
      remove.dataset.action = "remove";
      remove.dataset.name = name;
      li.append(h("span", "rnn-dg__fav-name", name), " ", remove);
      return li;
    }));
    for (const b of keepButtons) {
      if (!b.isConnected) keepButtons.delete(b);
      else b.setAttribute("aria-pressed", String(list.includes(b.dataset.name ?? "")));
    }
  }

  function update(next: string[], said: string): void {
    list = next;
    const saved = save(KEY, list);
    status.textContent = saved.ok ? said : saved.reason;
    status.dataset.saved = String(saved.ok);
    paint();
  }

  const onRemove = (ev: Event) => {
    const b = (ev.target as Element).closest<HTMLButtonElement>('button[data-action="remove"]');
    if (!b) return;
    const name = b.dataset.name ?? "";
    const at = list.indexOf(name);
    update(removeFavourite(list, name), `Removed ${name} from your favourites.`);
    // Focus the next name's Remove button (or the previous one), else the heading, so focus is never lost.
    const buttons = ul.querySelectorAll<HTMLButtonElement>('button[data-action="remove"]');
    (buttons[Math.min(at, buttons.length - 1)] ?? heading).focus();
  };
  ul.addEventListener("click", onRemove, { signal });
  paint();

  return {
    element,
    keepButton(name) {
      // The accessible name "Keep <name>" holds the visible word, so voice control finds it (WCAG 2.5.3).
      const b = h("button", "rnn-dg__keep", "👍 Keep", { type: "button" });
      b.dataset.action = "keep";
      b.dataset.name = name;
      b.setAttribute("aria-label", `Keep ${name}`);
      b.setAttribute("aria-pressed", String(list.includes(name)));
      b.addEventListener("click", () => {
        const kept = !list.includes(name);
        update(toggleFavourite(list, name), kept ? `Kept ${name}.` : `Removed ${name} from your favourites.`);
      }, { signal });
      keepButtons.add(b);
      return b;
    },
  };
}
