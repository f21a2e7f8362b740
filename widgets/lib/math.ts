/**
 * Typesets the `.arithmatex` spans and divs that pymdownx.arithmatex (generic
 * mode) leaves in the page. KaTeX is a separate chunk, fetched only by pages
 * that have math.
 */
export async function typesetMath(root: ParentNode): Promise<void> {
  const nodes = Array.from(root.querySelectorAll<HTMLElement>(".arithmatex:not([data-typeset])"));
  if (nodes.length === 0) return;
  const { default: katex } = await import("katex");
  for (const node of nodes) {
    const raw = node.textContent ?? "";
    const display = node.tagName === "DIV";
    // Generic mode wraps inline math in \( \) and display math in \[ \].
    const tex = raw.trim().replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
    katex.render(tex, node, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
    node.dataset.typeset = "";
  }
}
