/**
 * The URL of a worker bundle that widgets/build.mjs writes next to the widget bundles
 * (<root>/assets/build/widgets/<name>.js). This module is bundled into main's chunks/ folder or
 * into a worker, so the widgets folder is found in its own URL: the site works under any prefix.
 */
export function builtWorkerUrl(name: string): string {
  const here = import.meta.url;
  const i = here.lastIndexOf("/widgets/");
  return i < 0 ? new URL(`./${name}`, here).href : `${here.slice(0, i)}/widgets/${name}`;
}
