/**
 * Visual question answering (Module 6 § 6.4): the reader builds a scene (the captioning widget's
 * editor: examples, a random scene, or shapes placed by mouse or keyboard), asks a question from
 * the menu of the grammar's questions for that scene or types one, and the model
 * (build_models/scenes, kind vqa) answers in the ONNX worker: the answer, its top probabilities,
 * where its attention read the picture, and the grammar's true answer (right or wrong).
 *
 * Root: `[data-widget="scene-vqa"]`, optional `data-model` (default vqa-scenes). Hooks for tests:
 * the root's `data-answered` (a counter) and `data-scene` (the scene's JSON);
 * `select[data-role="menu"]`, `input[data-role="question"]`, `button[data-action="ask"]`,
 * `button[data-action="random"]`, `[data-role="answer"]` (`data-answer`, `data-words`),
 * `[data-role="top"] li[data-answer][data-prob]`, `[data-role="verdict"]` (`data-verdict` right,
 * wrong or none), `[data-role="message"]` (the sentence for an empty or unreadable question).
 */
import { answerQuestion, loadVqa, type AnswerResult, type VqaMeta } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { latest } from "../lib/latest.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";
import { pretrainedUrl } from "../model-kit/models.ts";
import { showRetry } from "../model-kit/ui.ts";
import { editor } from "../image-captioning/editor.ts";
import { cellName, topCell } from "../image-captioning/logic.ts";
import { render as rasterise, toInput } from "../image-captioning/scene.ts";
import editorCss from "../image-captioning/image-captioning.css" with { type: "text" };
import { questionProblem, randomScene, tokenise, topAnswers, verdictOf } from "./logic.ts";
import { candidates, TYPES } from "./questions.ts";
import { topList } from "./view.ts";
import css from "./scene-vqa.css" with { type: "text" };

const TYPE_NAMES: Record<string, string> = {
  colour: "Colour", shape: "Shape", size: "Size", count: "Counting", exist: "Is there…", relation: "Where (relations)",
};

export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(editorCss);
  adoptCss(css);
  el.classList.add("rnn-vqa");
  const metaUrl = pretrainedUrl(`${encodeURIComponent(el.dataset.model || "vqa-scenes")}/meta.json`);
  const runs = latest(signal);
  let meta: VqaMeta | null = null, count = 0, randomSeed = 1, result: AnswerResult | null = null;

  const ed = editor({ signal, onChange: () => { fillMenu(); void ask(); } });
  const status = h("p", "rnn-vqa__status", "", { "data-role": "load-status", "aria-live": "polite" });
  const random = h("button", "", "Random scene", { type: "button", "data-action": "random" });
  const menuId = uniqueId("rnn-vqa-menu"), textId = uniqueId("rnn-vqa-q"), lookId = uniqueId("rnn-vqa-look");
  const menu = h("select", "", [], { id: menuId, "data-role": "menu" });
  const text = h("input", "rnn-vqa__text", undefined, { id: textId, type: "text", "data-role": "question", autocomplete: "off", spellcheck: "false" });
  const askBtn = h("button", "", "Ask", { type: "submit", "data-action": "ask" });
  const form = h("form", "rnn-vqa__row", [h("label", "", "Or type a question", { for: textId }), text, askBtn]);
  const look = h("input", "", undefined, { id: lookId, type: "checkbox", "data-role": "show-attention" });
  look.checked = true;
  const message = h("p", "rnn-vqa__message", "", { "data-role": "message", "aria-live": "polite" });
  const answerBox = h("p", "rnn-vqa__answer", "", { "data-role": "answer", "aria-live": "polite" });
  const top = h("ol", "rnn-vqa__top", [], { "data-role": "top", "aria-label": "The five most probable answers" });
  const verdict = h("p", "rnn-vqa__verdict", "", { "data-role": "verdict" });
  const looked = h("p", "rnn-vqa__status", "", { "data-role": "looked" });
  const section = (title: string, ...kids: Node[]) => h("section", "rnn-vqa__section", [h("p", "rnn-vqa__title", title), ...kids]);
  el.replaceChildren(
    status,
    section("The scene: pick an example, make a random one, or build your own", ed.element, h("p", "rnn-vqa__row", [random])),
    section("Ask a question", h("p", "rnn-vqa__row", [h("label", "", "The grammar's questions for this scene", { for: menuId }), menu]), form, message),
    section("The model's answer", answerBox, top, verdict, looked,
      h("p", "rnn-vqa__row", [look, h("label", "", "Show where its attention looked (the dark veil hides what it read least)", { for: lookId })])),
  );

  function fillMenu(): void {
    const qs = candidates(ed.scene());
    const keep = menu.value;
    menu.replaceChildren(h("option", "", qs.length ? "Choose a question…" : "(no questions: the scene is empty)", { value: "" }),
      ...TYPES.map((t) => h("optgroup", "", qs.filter((q) => q.type === t).map((q) => h("option", "", q.words.join(" ") + "?", { value: q.words.join(" ") })), { label: TYPE_NAMES[t] }))
        .filter((g) => g.childElementCount > 0));
    menu.value = qs.some((q) => q.words.join(" ") === keep) ? keep : "";
    el.dataset.scene = JSON.stringify(ed.scene());
  }

  function clearAnswer(): void {
    result = null;
    answerBox.textContent = "";
    delete answerBox.dataset.answer;
    top.replaceChildren();
    verdict.textContent = "";
    delete verdict.dataset.verdict;
    looked.textContent = "";
    ed.mark({});
  }

  /** Ask the text box's question about the current scene; the question is never cleared. */
  async function ask(): Promise<void> {
    const s = runs.next();
    const words = tokenise(text.value), scene = ed.scene();
    try {
      if (!meta) {
        status.textContent = "Downloading the question answerer (once)…";
        meta = await loadVqa(metaUrl);
        if (s.aborted) return;
        status.textContent = "";
      }
    } catch (err) {
      if (s.aborted) return;
      status.textContent = "";
      showRetry(el, `The question answerer could not load: ${describeError(err)}`, () => { setState(el, "ready"); void ask(); });
      return;
    }
    const problem = questionProblem(words, meta.vocabulary, meta.maxWords)
      ?? (scene.shapes.length ? null : "The scene is empty: add a shape (or pick an example) and ask again.");
    if (problem) {
      clearAnswer();
      message.textContent = problem;
      message.dataset.problem = words.length ? "words" : "empty";
      count += 1;
      el.dataset.answered = String(count);
      return;
    }
    message.textContent = "";
    delete message.dataset.problem;
    setState(el, "running");
    try {
      const r = await answerQuestion(metaUrl, { image: toInput(rasterise(scene)), words }, { signal: s });
      if (s.aborted) return;
      result = r;
      const v = verdictOf(scene, words, r.answer);
      answerBox.replaceChildren(`“${words.join(" ")}?” `, h("strong", "", r.answer));
      answerBox.dataset.answer = r.answer;
      answerBox.dataset.words = words.join(" ");
      top.replaceChildren(...topList(topAnswers(r.probs, meta.answers, 5)));
      verdict.textContent = v.line;
      verdict.dataset.verdict = v.verdict;
      looked.textContent = `Its attention looked most at the picture's ${cellName(topCell(r.alpha))} (of an 8 × 8 grid).`;
      showAttention();
      count += 1;
      el.dataset.answered = String(count);
      setState(el, "ready");
    } catch (err) {
      if (s.aborted || (err as { code?: string }).code === "cancelled") return;
      showRetry(el, `The question answerer could not run: ${describeError(err)}`, () => { setState(el, "ready"); void ask(); });
    }
  }

  const showAttention = () => ed.mark({ weights: look.checked && result ? result.alpha : null });

  menu.addEventListener("change", () => { if (menu.value) { text.value = menu.value; void ask(); } }, { signal });
  form.addEventListener("submit", (e) => { e.preventDefault(); void ask(); }, { signal });
  look.addEventListener("change", showAttention, { signal });
  random.addEventListener("click", () => ed.setScene(randomScene(randomSeed++)), { signal });   // setScene calls onChange

  fillMenu();
  text.value = candidates(ed.scene())[0]?.words.join(" ") ?? "";   // something to answer at once
  menu.value = text.value;
  setState(el, "ready");
  void ask();
}
