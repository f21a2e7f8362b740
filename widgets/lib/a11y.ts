/**
 * Small fixes to Material's own markup that axe-core reports: the search
 * dialog has no accessible name. Applied once; the header survives instant
 * navigation.
 */
export function patchThemeA11y(): void {
  const search = document.querySelector<HTMLElement>(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search the course");
}
