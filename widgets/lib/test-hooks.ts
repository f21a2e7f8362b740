/**
 * Timings a browser test may change by setting a number on `globalThis` before the page runs
 * (Playwright's add_init_script). The site never sets them; anything but a positive number is ignored.
 */
export function hookedNumber(name: string, fallback: number): number {
  const v = (globalThis as Record<string, unknown>)[name];
  return typeof v === "number" && v > 0 ? v : fallback;
}
