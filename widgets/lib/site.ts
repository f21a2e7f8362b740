/**
 * Where the site's root is, for widgets that fetch its files (data/, assets/data/). The site may
 * be served from a sub-path (GitHub Pages), so the root is found from where the bundle was loaded.
 */

/** The site's root URL: the bundle lives in <root>/assets/build/widgets/. */
export function siteRoot(): URL {
  const here = import.meta.url;
  const at = here.lastIndexOf("/assets/build/");
  return at >= 0 ? new URL(here.slice(0, at + 1)) : new URL("/", location.href);
}
