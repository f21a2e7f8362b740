/**
 * Tables built in code. Every chart has a table beside it (the accessible view of its numbers),
 * and column headers need `scope="col"` for a screen reader to name each cell's column.
 */
import { h } from "./dom.ts";

/** A `<thead>` of one row of column headers. */
export function tableHead(titles: readonly string[]): HTMLTableSectionElement {
  return h("thead", "", [h("tr", "", titles.map((t) => h("th", "", t, { scope: "col" })))]);
}
