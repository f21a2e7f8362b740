/**
 * How far below the viewport a widget is "within reach": the registry (widgets/main.ts) mounts a
 * widget once it comes this close, and a lab page's early Python start (runtime/pyodide/early.ts)
 * uses the same reach, so Python starts early exactly for a lab that would mount at once. Close
 * enough that a widget is ready when a reader scrolls to it, far enough that none loads unseen.
 * The tests read this number from here (tests/sitepages.py, WIDGET_REACH_PX).
 */
export const WIDGET_REACH_PX = 600;
