/**
 * The widgets' one element builder and one query helper. Text goes in as text, never as HTML, so
 * nothing a reader or a model writes is ever parsed as markup.
 */

/**
 * An element with a class, its content (a string set as text, or children) and attributes:
 * `h("button", "rnn-primary", "Check", { type: "button", "data-action": "check" })`.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = "",
  content?: string | readonly (Node | string)[],
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (typeof content === "string") node.textContent = content;
  else if (content) node.append(...content);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}


/**
 * `$(selector)` inside `root`, for a widget's own markup: a missing element is a bug in the
 * widget's template, so it throws with the selector rather than failing later on `null`.
 */
export function finder(root: ParentNode): <T extends Element = HTMLElement>(selector: string) => T {
  return <T extends Element = HTMLElement>(selector: string): T => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`widget markup has no ${selector}`);
    return found;
  };
}
