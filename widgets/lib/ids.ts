/**
 * Page-unique ids for label/for and aria references. A widget can appear twice on a page, and
 * instant navigation keeps the document, so ids come from one counter for the whole tab.
 */
let last = 0;

/** `prefix-N`, never handed out before in this tab. */
export function uniqueId(prefix: string): string {
  last += 1;
  return `${prefix}-${last}`;
}
