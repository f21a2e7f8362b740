/**
 * The lab's CodeMirror 6 editor: Python highlighting in colours that keep
 * WCAG AA contrast in both palettes (CSS variables set in lab.css), line
 * numbers, Ctrl/Cmd+Enter to run, and Tab that indents. Tab does not trap
 * keyboard users: CodeMirror's built-in escape hatch lets Escape then Tab
 * move focus on (tab-focus mode, which the help line under the editor tells).
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, HighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState, Prec, StateEffect, StateField, Transaction } from "@codemirror/state";
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { tags } from "@lezer/highlight";

/** What the lab needs from its editor. */
export interface LabEditor {
  readonly view: EditorView;
  getCode(): string;
  /** Replace the whole text as one undoable step (Reset, Undo reset). */
  setCode(code: string, why: "reset" | "undo-reset"): void;
  /** Mark the line a traceback points at (1-based), or clear the mark with null. */
  markErrorLine(line: number | null): void;
  focus(): void;
  destroy(): void;
}

/** How the editor reports back to the lab. */
export interface EditorOptions {
  doc: string;
  /** The editor's accessible name. */
  label: string;
  /** id of the element that explains the keys (aria-describedby). */
  describedBy: string;
  maxChars: number;
  /** The text changed; `byUser` is false for setCode. */
  onChange(code: string, byUser: boolean): void;
  onRun(): void;
  /** An edit was refused because the text would exceed `maxChars`. */
  onTooLarge(chars: number): void;
}

const PROGRAMMATIC = ["lab.reset", "lab.undo-reset"];

const setErrorLine = StateEffect.define<number | null>();
const errorLineMark = Decoration.line({ class: "rnn-lab__error-line" });
/** The error line's decoration; any edit clears it (the line may have moved or been fixed). */
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const n = effect.value;
      if (n === null || n < 1 || n > tr.state.doc.lines) return Decoration.none;
      return Decoration.set([errorLineMark.range(tr.state.doc.line(n).from)]);
    }
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

// Token colours come from CSS variables so light and dark palettes each get AA contrast.
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--rnn-lab-kw)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--rnn-lab-str)" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: "var(--rnn-lab-comment)", fontStyle: "italic" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--rnn-lab-num)" },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className)], color: "var(--rnn-lab-def)" },
  { tag: [tags.standard(tags.variableName), tags.self], color: "var(--rnn-lab-builtin)" },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-code-fg-color)", fontSize: "0.8rem" },
  ".cm-content": { fontFamily: "var(--md-code-font-family)", caretColor: "var(--md-code-fg-color)" },
  ".cm-scroller": { fontFamily: "var(--md-code-font-family)", lineHeight: "1.5" },
  ".cm-gutters": {
    backgroundColor: "var(--md-code-bg-color)",
    color: "var(--rnn-lab-gutter)",
    borderRight: "1px solid var(--md-default-fg-color--lightest)",
  },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--rnn-lab-active-line)" },
  // A left rule rather than a tint: token colours keep their tested contrast.
  ".cm-line.rnn-lab__error-line": { boxShadow: "inset 3px 0 0 var(--rnn-lab-fail)", backgroundColor: "var(--rnn-lab-active-line)" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--md-code-fg-color)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--rnn-lab-selection) !important",
  },
  "&.cm-focused": { outline: "2px solid var(--md-accent-fg-color)", outlineOffset: "2px" },
});

/** Mount an editor into `parent`. */
export function createEditor(parent: HTMLElement, options: EditorOptions): LabEditor {
  // Refuse any change that would push the text over the limit, typed or pasted,
  // so the learner's code is never replaced by a half-inserted paste.
  const sizeGuard = EditorState.transactionFilter.of((tr) => {
    if (!tr.docChanged || tr.newDoc.length <= options.maxChars || tr.newDoc.length <= tr.startState.doc.length) return tr;
    const chars = tr.newDoc.length;
    queueMicrotask(() => options.onTooLarge(chars));
    return [];
  });
  const listener = EditorView.updateListener.of((update) => {
    if (!update.docChanged) return;
    const byUser = update.transactions.some((tr) => {
      const event = tr.annotation(Transaction.userEvent);
      return tr.docChanged && !(event && PROGRAMMATIC.includes(event));
    });
    options.onChange(update.state.doc.toString(), byUser);
  });
  const runKeys = Prec.highest(
    keymap.of([
      {
        key: "Mod-Enter",
        run: () => {
          options.onRun();
          return true;
        },
      },
    ]),
  );
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        python(),
        syntaxHighlighting(highlight),
        runKeys,
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        sizeGuard,
        errorLine,
        listener,
        theme,
        EditorView.contentAttributes.of({
          "aria-label": options.label,
          "aria-describedby": options.describedBy,
          autocapitalize: "off",
          autocorrect: "off",
          spellcheck: "false",
          translate: "no",
          // Already in the tab order (contenteditable); saying so lets axe see
          // that the scrolling region around it is reachable by keyboard.
          tabindex: "0",
        }),
      ],
    }),
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(code, why) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: code },
        annotations: Transaction.userEvent.of(`lab.${why}`),
        scrollIntoView: true,
      });
    },
    markErrorLine: (line) => view.dispatch({ effects: setErrorLine.of(line) }),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
