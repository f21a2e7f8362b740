// Typesets the math of a built site once, at build time, with KaTeX.
// pymdownx.arithmatex (generic mode) leaves `\( … \)` and `\[ … \]` inside
// span/div.arithmatex; replacing them with KaTeX's HTML here means readers
// download no 260 KB typesetting script, math shows without JavaScript, and
// nothing shifts after load. Works on the output of MkDocs and Zensical alike.
// Usage: node widgets/prerender-math.mjs SITE_DIR
import katex from "katex";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const MATH = /<(span|div) class="arithmatex">([\s\S]*?)<\/\1>/g;
const ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };

/** The TeX inside an arithmatex element, delimiters removed and HTML entities decoded. */
export function texOf(inner) {
  const text = inner.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (e) => ENTITIES[e]).trim();
  return text.replace(/^\\[([]/, "").replace(/\\[)\]]$/, "").trim();
}

/** Replace every arithmatex element of one HTML document; returns [html, count]. */
export function typeset(html, where) {
  let count = 0;
  const out = html.replace(MATH, (_, tag, inner) => {
    count += 1;
    const display = tag === "div";
    // Errors stop the build: a typo in an equation should not ship as red text.
    const rendered = katex.renderToString(texOf(inner), { displayMode: display, throwOnError: true, output: "htmlAndMathml" });
    return `<${tag} class="arithmatex" data-typeset="">${rendered}</${tag}>`;
  });
  if (where && /class="arithmatex">\\[([]/.test(out)) throw new Error(`${where}: math left untypeset`);
  return [out, count];
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === "assets" ? [] : htmlFiles(p);
    return d.name.endsWith(".html") ? [p] : [];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const site = process.argv[2];
  if (!site) throw new Error("usage: node widgets/prerender-math.mjs SITE_DIR");
  let total = 0;
  for (const file of htmlFiles(site)) {
    const [html, count] = typeset(readFileSync(file, "utf8"), file);
    if (count) writeFileSync(file, html);
    total += count;
  }
  console.log(`typeset ${total} formulas in ${site}`);
}
