/**
 * Build vs buy (Module 8, § 8.4) without the DOM: four ways to get a sequence model, the
 * reader's constraints, and a ranking. Each answer pushes some options up or down by a few
 * points (`effects`); a few answers rule an option out altogether (`excludes`, with the reason).
 * Options still allowed are ranked by points, ties going to the cheaper, faster option (the order
 * of OPTION_IDS); ruled-out options come last. Every push is kept, so the reader sees which of
 * their answers moved each option.
 */
import { knownAnswers } from "../lib/storage.ts";

export type OptionId = "api" | "pretrained" | "custom-rnn" | "custom-transformer";
/** Cheapest and quickest first: the order ties are broken in. */
export const OPTION_IDS: OptionId[] = ["api", "pretrained", "custom-rnn", "custom-transformer"];

export const OPTIONS: Record<OptionId, { title: string; example: string }> = {
  api: { title: "Cloud API", example: "a hosted model such as GPT-4 or Claude, called over the network" },
  pretrained: { title: "Pre-trained model, run locally", example: "an open model from Hugging Face, run (and perhaps fine-tuned) on your own machines" },
  "custom-rnn": { title: "Custom RNN/LSTM", example: "a recurrent network you design and train on your own data" },
  "custom-transformer": { title: "Custom Transformer", example: "a Transformer you design and train, largely from scratch" },
};

export interface Choice {
  id: string;
  text: string;
  /** Points added to (or taken from) options by this answer. */
  effects: Partial<Record<OptionId, number>>;
  /** Options this answer rules out, each with the reason shown to the reader. */
  excludes?: Partial<Record<OptionId, string>>;
  /** Why this answer pushes where it does, in a sentence. */
  why: string;
}
export interface Question {
  id: string;
  prompt: string;
  choices: Choice[];
}

const yes = (why: string, effects: Choice["effects"], excludes?: Choice["excludes"]): Choice => ({ id: "yes", text: "Yes", effects, excludes, why });
const no = (why: string, effects: Choice["effects"], excludes?: Choice["excludes"]): Choice => ({ id: "no", text: "No", effects, excludes, why });

/** The constraints, as questions the reader answers. */
export const QUESTIONS: Question[] = [
  { id: "standard", prompt: "Is it a standard language task (summarising, classifying, extracting or generating text)?", choices: [
    yes("Hosted and pre-trained models are built and tested for exactly these tasks.", { api: 2, pretrained: 1, "custom-rnn": -1, "custom-transformer": -1 }),
    no("An unusual task (sensor streams, a private format, a narrow signal) is where off-the-shelf language models help least.", { api: -1, "custom-rnn": 1, "custom-transformer": 1 }),
  ] },
  { id: "data-leaves", prompt: "May the data leave your environment (be sent to a third party's servers)?", choices: [
    yes("With no rule against sending data out, a hosted API is open to you.", { api: 1 }),
    no("Data that must stay in house rules out any hosted API; every other option runs on your own machines.", { pretrained: 1, "custom-rnn": 1 }, { api: "your data may not leave your environment, and a cloud API sends it to someone else's servers" }),
  ] },
  { id: "edge", prompt: "Must it work on a live stream in real time, or on a device at the edge (phone, sensor, embedded board)?", choices: [
    yes("Streams and small devices want a constant, small amount of work per token and no network round trip: a recurrent network's strengths.", { api: -3, pretrained: -1, "custom-rnn": 3, "custom-transformer": -2 }),
    no("Without a stream or a device to fit, the model can live on a server, where size matters less.", { api: 1, pretrained: 1, "custom-rnn": -1 }),
  ] },
  { id: "sota", prompt: "Do you need state-of-the-art quality?", choices: [
    yes("The best quality today comes from the largest Transformers, which the big providers host.", { api: 2, pretrained: 1, "custom-rnn": -2 }),
    no("Good enough is good enough: a smaller, cheaper model can do.", { "custom-rnn": 1, pretrained: 1 }),
  ] },
  { id: "time", prompt: "Is time to market critical (weeks rather than months)?", choices: [
    yes("An API is live in days and a pre-trained model in weeks; a custom model takes months.", { api: 2, pretrained: 1, "custom-rnn": -2, "custom-transformer": -3 }),
    no("With months available, building your own is a real option.", { "custom-rnn": 1, "custom-transformer": 1 }),
  ] },
  { id: "scale", prompt: "Will the cost per query matter at your scale (millions of requests)?", choices: [
    yes("Per-query fees grow with every request; a model you run yourself costs about the same whether it answers a thousand or a million.", { api: -2, pretrained: 2, "custom-rnn": 2 }),
    no("At low volume the per-query fee of an API is small next to the cost of building.", { api: 1 }),
  ] },
  { id: "coverage", prompt: "Is your domain or language one that existing pre-trained models do not cover?", choices: [
    yes("If no pre-trained model knows your domain or language, there is nothing to buy or fine-tune: you train your own.", { api: -2, pretrained: -3, "custom-rnn": 1, "custom-transformer": 3 }),
    no("Existing models already know your domain, so training one from scratch repeats work others have done.", { api: 1, pretrained: 1, "custom-transformer": -1 }),
  ] },
  { id: "weights", prompt: "Do you need to hold the model weights yourself (for audit, compliance or fine-tuning)?", choices: [
    yes("Holding the weights rules out a hosted API: its weights stay with the provider.", { pretrained: 2, "custom-rnn": 1, "custom-transformer": 1 }, { api: "you need the model's weights, and a cloud API never hands them over" }),
    no("Nothing requires you to own the model.", { api: 1 }),
  ] },
  { id: "compute", prompt: "What compute budget do you have for training and running a model?", choices: [
    { id: "low", text: "Low (CPUs, no GPU to speak of)", why: "Without GPUs, training a Transformer is out of reach and even running a large pre-trained one is slow; a hosted API or a small RNN fits.", effects: { api: 1, pretrained: -1, "custom-rnn": 1 }, excludes: { "custom-transformer": "training a Transformer of useful size needs far more compute than a low budget provides" } },
    { id: "medium", text: "Medium (a GPU or two)", why: "A GPU or two is enough to fine-tune and serve a pre-trained model, or to train a recurrent one.", effects: { pretrained: 1, "custom-rnn": 1, "custom-transformer": -1 } },
    { id: "high", text: "High (a GPU cluster)", why: "A large budget makes training your own Transformer possible, if the data justifies it.", effects: { pretrained: 1, "custom-transformer": 2 } },
  ] },
];

/** The reader's answers: question id → choice id. */
export type Answers = Record<string, string>;

/** One answer's effect on one option. */
export interface Push {
  question: Question;
  choice: Choice;
  points: number;
}

export interface Ranked {
  id: OptionId;
  score: number;
  /** Why it is ruled out (one reason per answer that ruled it out); empty if allowed. */
  excluded: string[];
  /** The answers that moved it, in question order (zero-point answers left out). */
  pushes: Push[];
}

/** The chosen choice of `q`, or undefined when unanswered or unknown. */
export function chosen(q: Question, answers: Answers): Choice | undefined {
  return q.choices.find((c) => c.id === answers[q.id]);
}

/** How many questions the answers cover. */
export function answeredCount(answers: Answers): number {
  return QUESTIONS.filter((q) => chosen(q, answers)).length;
}

/** Keep only known question ids with one of their choices (for answers read back from storage). */
export const cleanAnswers = (raw: unknown): Answers => knownAnswers<Answers>(raw, QUESTIONS);

/**
 * The four options ranked for the answers given so far (unanswered questions count for nothing):
 * allowed options by score, highest first, ties in OPTION_IDS order; ruled-out options after
 * them, in the same order.
 */
export function rank(answers: Answers): Ranked[] {
  const ranked: Ranked[] = OPTION_IDS.map((id) => ({ id, score: 0, excluded: [], pushes: [] }));
  for (const question of QUESTIONS) {
    const choice = chosen(question, answers);
    if (!choice) continue;
    for (const r of ranked) {
      const points = choice.effects[r.id] ?? 0;
      r.score += points;
      if (points) r.pushes.push({ question, choice, points });
      const reason = choice.excludes?.[r.id];
      if (reason) r.excluded.push(reason);
    }
  }
  const order = (r: Ranked) => OPTION_IDS.indexOf(r.id);
  return ranked.sort((a, b) =>
    Number(a.excluded.length > 0) - Number(b.excluded.length > 0) || b.score - a.score || order(a) - order(b));
}

/** "+2", "0" or "−3" (a true minus sign). */
export function signed(points: number): string {
  if (points === 0) return "0";
  return points > 0 ? `+${points}` : `\u2212${Math.abs(points)}`;
}

/** Every combination of answers to all the questions (2^8 · 3 = 768). */
export function allAnswerCombinations(): Answers[] {
  let combos: Answers[] = [{}];
  for (const q of QUESTIONS) combos = combos.flatMap((a) => q.choices.map((c) => ({ ...a, [q.id]: c.id })));
  return combos;
}

/** A row of the rough cost comparison. */
export interface CostRow {
  approach: string;
  /** The option this row describes, if it is one of the four (the fine-tuned API is not). */
  option: OptionId | null;
  dev: string;
  infra: string;
  /** Quality, 1 to 5. */
  quality: number;
  deploy: string;
}

/**
 * The course plan's rough comparison: relative dev and infrastructure cost ($ lowest to $$$$$
 * highest), quality out of 5 and time to deploy. Qualitative estimates, not measurements.
 */
export const COSTS: CostRow[] = [
  { approach: "Cloud API", option: "api", dev: "$", infra: "$ per query", quality: 5, deploy: "Days" },
  { approach: "Fine-tuned API", option: null, dev: "$$", infra: "$$ per query", quality: 5, deploy: "Weeks" },
  { approach: "Pre-trained model, run locally", option: "pretrained", dev: "$$$", infra: "$$$ (GPUs)", quality: 4, deploy: "Weeks" },
  { approach: "Custom Transformer", option: "custom-transformer", dev: "$$$$$", infra: "$$$$$", quality: 4, deploy: "Months" },
  { approach: "Custom RNN/LSTM", option: "custom-rnn", dev: "$$$$", infra: "$$", quality: 3, deploy: "Months" },
];
