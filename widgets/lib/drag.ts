/**
 * HTML drag and drop of items onto zones inside one widget, by delegation on the widget's root
 * (the Sequence Sorter's cards, Architecture Matching's architectures). While an item is dragged
 * over a zone the zone carries `overClass`; a drop hands the dragged item's id and the zone to
 * `onDrop`. Listeners end with `signal`. Drag and drop is the mouse's route only: each widget keeps
 * its own keyboard and touch route beside it.
 */
export interface DragOptions {
  /** Selector of the draggable items (each with `draggable="true"`). */
  item: string;
  /** Selector of the drop zones. */
  zone: string;
  /** The id an item carries to its drop. */
  idOf: (item: HTMLElement) => string;
  /** Class set on the zone under a dragged item. */
  overClass: string;
  /** "move" (the item leaves where it was) or "copy" (it may be placed again). */
  effect: "move" | "copy";
  onDrop: (id: string, zone: HTMLElement) => void;
  signal: AbortSignal;
}

/** Wire drag and drop of `opts.item` onto `opts.zone` inside `root`. */
export function dragAndDrop(root: HTMLElement, opts: DragOptions): void {
  const { signal } = opts;
  const zoneOf = (ev: Event) => (ev.target as Element).closest<HTMLElement>(opts.zone);
  const unmark = (keep?: HTMLElement) => root.querySelectorAll(`.${opts.overClass}`).forEach((z) => z !== keep && z.classList.remove(opts.overClass));
  root.addEventListener("dragstart", (ev) => {
    const item = (ev.target as Element).closest<HTMLElement>(opts.item);
    if (!item || !ev.dataTransfer) return;
    ev.dataTransfer.setData("text/plain", opts.idOf(item));
    ev.dataTransfer.effectAllowed = opts.effect;
  }, { signal });
  root.addEventListener("dragover", (ev) => {
    const zone = zoneOf(ev);
    if (!zone) return;
    ev.preventDefault(); // allows the drop
    unmark(zone);
    zone.classList.add(opts.overClass);
  }, { signal });
  root.addEventListener("drop", (ev) => {
    const zone = zoneOf(ev);
    unmark();
    if (!zone) return;
    ev.preventDefault();
    opts.onDrop(ev.dataTransfer?.getData("text/plain") ?? "", zone);
  }, { signal });
  root.addEventListener("dragend", () => unmark(), { signal });
}
