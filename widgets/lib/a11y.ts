/**
 * Small fixes to Material's own markup that axe-core reports: the search
 * dialog has no accessible name, and with `navigation.indexes` a section's
 * sub-navigation points `aria-labelledby` at a label holding only an icon,
 * so its landmark is unnamed; each code block's button bar is an unnamed
 * `<nav>` too. A table wider than the column scrolls inside Material's
 * wrapper, which a keyboard cannot reach: such a wrapper becomes a named,
 * focusable region (on every page view and after the window is resized).
 * Run on every page view (instant navigation swaps the sidebar).
 */
export function patchThemeA11y(): void {
  const search = document.querySelector<HTMLElement>(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search the course");
  for (const nav of document.querySelectorAll<HTMLElement>("nav[aria-labelledby]")) {
    const label = document.getElementById(nav.getAttribute("aria-labelledby") ?? "");
    if (label?.textContent?.trim()) continue;
    const title = nav.querySelector(":scope > .md-nav__title")?.textContent?.trim();
    if (!title) continue;
    // aria-labelledby wins over aria-label, so the empty reference has to go.
    nav.removeAttribute("aria-labelledby");
    nav.setAttribute("aria-label", title);
  }
  document.querySelectorAll<HTMLElement>("nav.md-code__nav:not([aria-label])").forEach((nav, i) => {
    nav.setAttribute("aria-label", `Code block ${i + 1} tools`);
  });
  focusableWideTables();
  if (!resizeWatched) {
    resizeWatched = true;
    let pending = 0;
    window.addEventListener("resize", () => {
      window.clearTimeout(pending);
      pending = window.setTimeout(focusableWideTables, 200);
    });
  }
}

let resizeWatched = false;

/** Scrolling table wrappers get tabindex, role and a name; those that fit lose them again. */
function focusableWideTables(): void {
  document.querySelectorAll<HTMLElement>(".md-typeset__scrollwrap").forEach((wrap, i) => {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", `Table ${i + 1} (scrolls sideways)`);
    } else if (!scrolls && wrap.getAttribute("role") === "region") {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  });
}
