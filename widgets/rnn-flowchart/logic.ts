/**
 * "Should I use an RNN?" without the DOM: five questions, what each answer says about the
 * choice, and one recommendation. The rules are a short decision list (below, in `recommend`),
 * read top to bottom; the first rule that matches decides, and its sentence is the last step of
 * the reasoning. Every combination of answers (3·2·3·3·2 = 108) reaches exactly one rule.
 */
import { knownAnswers } from "../lib/storage.ts";

export type QuestionId = "length" | "streaming" | "compute" | "data" | "latency";
export type OutcomeId = "rnn" | "lstm" | "transformer" | "hybrid" | "pretrained";

export interface Choice {
  id: string;
  text: string;
  /** What this answer contributes to the decision, shown under the question once answered. */
  reason: string;
}
export interface Question {
  id: QuestionId;
  prompt: string;
  choices: Choice[];
}
export interface Outcome {
  id: OutcomeId;
  title: string;
  summary: string;
}

/** The questions, in the order the flowchart asks them. */
export const QUESTIONS: Question[] = [
  {
    id: "length",
    prompt: "How long are the sequences the model reads, in tokens (words, characters, readings)?",
    choices: [
      { id: "short", text: "Under 100", reason: "Short inputs: any architecture sees the whole sequence cheaply, and long-range memory is not the hard part. A small recurrent model is enough if nothing else argues against it." },
      { id: "medium", text: "100 to 1,000", reason: "Medium inputs: a plain RNN's gradients fade over this distance, so you need gates (LSTM, GRU) or attention to link tokens far apart." },
      { id: "long", text: "Over 1,000", reason: "Long inputs: recurrence has trouble carrying information the whole way, and a Transformer's attention costs grow with the square of the length. Plan to shorten the sequence first or to pay for attention." },
    ],
  },
  {
    id: "streaming",
    prompt: "Does the input arrive as a live stream that must be handled as it comes?",
    choices: [
      { id: "yes", text: "Yes, real-time streaming", reason: "Streaming: a recurrent model updates a fixed-size state once per token, at the same cost for the millionth token as for the first. That is exactly what a stream needs." },
      { id: "no", text: "No, the whole input is there first", reason: "No streaming: the whole input is available before the answer is due, so a model that reads every position at once, in parallel, loses nothing." },
    ],
  },
  {
    id: "compute",
    prompt: "What compute budget do you have for training and running the model yourself?",
    choices: [
      { id: "low", text: "Low (a CPU, a phone, a microcontroller)", reason: "Low budget: large models are out. A recurrent network of a few hundred thousand parameters fits in a few megabytes of memory and runs on a CPU." },
      { id: "medium", text: "Medium (a GPU or two)", reason: "Medium budget: enough to train a mid-sized model or fine-tune a pre-trained one, not enough to train a large Transformer from scratch." },
      { id: "high", text: "High (a GPU cluster)", reason: "High budget: you can afford the architecture that improves most with more data and hardware, which today is the Transformer." },
    ],
  },
  {
    id: "data",
    prompt: "How much labelled data do you have for this task?",
    choices: [
      { id: "small", text: "Small (hundreds to a few thousand examples)", reason: "Little labelled data: a model trained from scratch will memorise it. Start from a model pre-trained on other data, or keep a custom model small." },
      { id: "medium", text: "Medium (tens of thousands)", reason: "A moderate amount of labelled data: enough to train a small or mid-sized model, or to fine-tune a pre-trained one well." },
      { id: "large", text: "Large (hundreds of thousands or more)", reason: "Plenty of labelled data: training your own model pays off, and architectures that keep improving with more data come into their own." },
    ],
  },
  {
    id: "latency",
    prompt: "How strict is the latency requirement?",
    choices: [
      { id: "strict", text: "Strict, per token (milliseconds)", reason: "Strict latency per token: no network round trip per token, and a small, fixed amount of work per step. This favours a small model running next to the data." },
      { id: "relaxed", text: "Relaxed (a second or more per answer)", reason: "Relaxed latency: the model can run on a server or behind an API and take its time over the whole input." },
    ],
  },
];

/** The five possible recommendations. */
export const OUTCOMES: Record<OutcomeId, Outcome> = {
  rnn: { id: "rnn", title: "A small recurrent network (plain RNN or GRU)", summary: "A GRU (or a plain RNN for very short inputs) of modest size: cheap per step, small in memory, and easy to run on a device or inside a stream." },
  lstm: { id: "lstm", title: "An LSTM", summary: "An LSTM, whose gated memory cell carries information over hundreds of steps while keeping the constant cost per token of a recurrent model." },
  transformer: { id: "transformer", title: "A Transformer", summary: "A Transformer you train or fine-tune yourself: attention over the whole input, trained in parallel, the architecture that scales best with data and compute." },
  hybrid: { id: "hybrid", title: "A hybrid", summary: "Two parts doing what each is good at: a convolutional front end that shortens the input feeding a small recurrent network, or a recurrent model on the live stream with a Transformer over the full record afterwards." },
  pretrained: { id: "pretrained", title: "An API or a pre-trained model", summary: "Do not train an architecture at all: call a hosted model, or run (and perhaps fine-tune) an existing pre-trained one." },
};

/** The reader's answers: question id → choice id (missing while unanswered). */
export type Answers = Partial<Record<QuestionId, string>>;

/** One step of the reasoning: a question, the answer given, and what it contributed. */
export interface Step {
  question: Question;
  choice: Choice;
}

export interface Recommendation {
  outcome: Outcome;
  /** The answers' contributions, in question order. */
  steps: Step[];
  /** The rule that decided, as a sentence. */
  decision: string;
}

/** The chosen choice of `q`, or undefined when unanswered or not one of its choices. */
export function chosen(q: Question, answers: Answers): Choice | undefined {
  return q.choices.find((c) => c.id === answers[q.id]);
}

/**
 * The answered questions in order, up to the first unanswered one: the path the flowchart has
 * drawn so far. The question after it (if any) is the one to ask next.
 */
export function answeredPath(answers: Answers): Step[] {
  const steps: Step[] = [];
  for (const question of QUESTIONS) {
    const choice = chosen(question, answers);
    if (!choice) break;
    steps.push({ question, choice });
  }
  return steps;
}

/** Keep only known question ids with one of their choices (for answers read back from storage). */
export const cleanAnswers = (raw: unknown): Answers => knownAnswers<Answers>(raw, QUESTIONS);

/**
 * The recommendation once all five questions are answered, else null. The decision list:
 *
 * 1. Little labelled data, no stream and relaxed latency → API or pre-trained model: too few
 *    labels to train well from scratch, and nothing forces a custom model.
 * 2. Online (streaming, or a strict per-token latency), sequences over 1,000 tokens → hybrid:
 *    a conv front end shortens the input for a small RNN (low or medium budget), or an RNN serves
 *    the stream while a Transformer reads the full record afterwards (high budget).
 * 3. Online with a low budget, or with sequences under 100 tokens → small RNN/GRU.
 * 4. Online otherwise (100–1,000 tokens, medium or high budget) → LSTM.
 * 5. Offline and relaxed, high budget → Transformer.
 * 6. Offline and relaxed, low budget: under 100 tokens → small RNN/GRU; 100–1,000 → LSTM;
 *    over 1,000 → hybrid (a conv front end shortening the input for an RNN).
 * 7. Offline and relaxed, medium budget: large labelled data → Transformer; otherwise → API or
 *    pre-trained model (fine-tuning one gives more quality per pound than training from scratch).
 */
export function recommend(answers: Answers): Recommendation | null {
  const steps = answeredPath(answers);
  if (steps.length < QUESTIONS.length) return null;
  const a = Object.fromEntries(steps.map((s) => [s.question.id, s.choice.id])) as Record<QuestionId, string>;
  const online = a.streaming === "yes" || a.latency === "strict";
  const pick = (id: OutcomeId, decision: string): Recommendation => ({ outcome: OUTCOMES[id], steps, decision });

  if (a.data === "small" && !online) {
    return pick("pretrained", "Few labels and no real-time constraint: a hosted or pre-trained model, prompted or fine-tuned, will beat anything trained from scratch on so little data, and nothing here forces you to build.");
  }
  if (online) {
    const why = a.streaming === "yes" ? "the input streams" : "each token has a strict latency budget";
    const Why = why[0].toUpperCase() + why.slice(1);
    if (a.length === "long") {
      return a.compute === "high"
        ? pick("hybrid", `Long sequences and ${why}, with a large budget: let a recurrent model answer on the live stream, and run a Transformer over the full record afterwards where the extra quality is worth the wait.`)
        : pick("hybrid", `Long sequences and ${why}, on a limited budget: a convolutional front end shortens the input (for example 10 ms audio frames into 40 ms features) and a small recurrent network carries the state from step to step.`);
    }
    if (a.compute === "low" || a.length === "short") {
      const small = a.data === "small" ? " With few labels, keep it small, or distil it from a larger pre-trained model." : "";
      return pick("rnn", `${Why} and ${a.compute === "low" ? "the budget is low" : "the sequences are short"}: a small GRU does a fixed, tiny amount of work per token and fits on a device.${small}`);
    }
    return pick("lstm", `${Why} and the sequences run to hundreds of tokens: an LSTM keeps the constant per-token cost of recurrence and its gates carry information over that distance.`);
  }
  if (a.compute === "high") {
    return pick("transformer", "Offline, relaxed latency and a large budget: train or fine-tune a Transformer, which reads the whole input in parallel and gains the most from data and compute.");
  }
  if (a.compute === "low") {
    if (a.length === "short") return pick("rnn", "Short inputs on a small budget: a Transformer would be overkill; a small GRU trains on a CPU and does the job.");
    if (a.length === "medium") return pick("lstm", "Hundreds of tokens on a small budget: an LSTM bridges the distance at a fraction of a Transformer's cost.");
    return pick("hybrid", "Long inputs on a small budget: shorten them with a convolutional front end, then let a small recurrent network summarise what is left. If the data is text, price a hosted model as well.");
  }
  if (a.data === "large") {
    return pick("transformer", "Offline, a GPU or two and plenty of labels: a mid-sized Transformer (or a pre-trained one fine-tuned on all your data) is the strongest option you can afford.");
  }
  return pick("pretrained", "Offline, a moderate budget and a moderate amount of data: fine-tuning or prompting an existing pre-trained model gives more quality for the money than training an architecture yourself.");
}

/** Every combination of answers, in question order (3·2·3·3·2 = 108 of them). */
export function allAnswerCombinations(): Answers[] {
  let combos: Answers[] = [{}];
  for (const q of QUESTIONS) combos = combos.flatMap((a) => q.choices.map((c) => ({ ...a, [q.id]: c.id })));
  return combos;
}
