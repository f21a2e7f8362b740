/**
 * Small fixes to Material's own markup that axe-core reports: the search
 * dialog has no accessible name, and with `navigation.indexes` a section's
 * sub-navigation points `aria-labelledby` at a label holding only an icon,
 * so its landmark is unnamed; each code block's button bar is an unnamed
 * `<nav>` too. Run on every page view (instant navigation swaps
 * the sidebar).
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
}
