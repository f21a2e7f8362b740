/**
 * The stress test's small world, as the page needs it: split a typed sentence into words, find its
 * subject and the verb it should agree with, count the nouns between them, and make new sentences
 * and bracket sequences. The word lists come from the model's meta.json (`tasks`), written from
 * build_models/stress/data.py, so the page and the models share one vocabulary. Pure functions.
 */

/** [singular, plural] pairs, as meta.json lists them. */
type Pairs = [string, string][];

export interface AgreementWorld {
  animate: Pairs;
  places: Pairs;
  intransitive: Pairs;
  transitive: Pairs;
  prepositions: string[];
}

export interface BracketWorld {
  environments: string[];
  begin: string[];
  end: string[];
  filler: string[];
}

export interface Tasks { agreement: AgreementWorld; brackets: BracketWorld }

/** Words of a typed sentence: lower case, split on spaces, "." kept as a word; empty words dropped. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/\./g, " . ").split(/\s+/).filter(Boolean);
}

export interface Parsed {
  /** The words the models read: everything before the main verb (the verb and what follows are left out). */
  prefix: string[];
  /** Index of the subject noun in `prefix`; null if the sentence has no noun of this world. */
  subject: number | null;
  singular: boolean | null;
  /** Nouns between the subject and the verb (each a possible attractor), with their number. */
  attractors: { word: string; singular: boolean }[];
  /** The main verb's two forms [singular, plural]: the sentence's own verb if it has one, else `fallback`. */
  verb: [string, string];
  /** Whether the typed sentence ended in a main verb (then it was cut off). */
  hadVerb: boolean;
}

function numberOf(w: string, pairs: Pairs): boolean | null {
  for (const [s, p] of pairs) {
    if (w === s) return true;
    if (w === p) return false;
  }
  return null;
}

/**
 * Parse a sentence of the grammar: the first noun is the subject; the main verb is the last
 * intransitive verb before the end (the grammar's intransitive verbs occur only there). A
 * sentence typed without its verb is all prefix, and `fallback` names the verb to test.
 */
export function parseAgreement(ws: string[], world: AgreementWorld, fallback: [string, string]): Parsed {
  let end = ws.length;
  while (end > 0 && ws[end - 1] === ".") end--;
  const last = end > 0 ? ws[end - 1] : "";
  const verbPair = world.intransitive.find(([s, p]) => s === last || p === last) ?? null;
  const prefix = verbPair ? ws.slice(0, end - 1) : ws.slice(0, end);
  const nouns = [...world.animate, ...world.places];
  let subject: number | null = null, singular: boolean | null = null;
  const attractors: Parsed["attractors"] = [];
  prefix.forEach((w, i) => {
    const n = numberOf(w, nouns);
    if (n === null) return;
    if (subject === null) {
      subject = i;
      singular = n;
    } else {
      attractors.push({ word: w, singular: n });
    }
  });
  return { prefix, subject, singular, attractors, verb: verbPair ?? fallback, hadVerb: verbPair !== null };
}

/** The probabilities of the verb's two forms after the prefix, renormalised over the two. */
export function formShare(pSingular: number, pPlural: number): { singular: number; plural: number } {
  const sum = pSingular + pPlural;
  return sum > 0 ? { singular: pSingular / sum, plural: pPlural / sum } : { singular: 0.5, plural: 0.5 };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

/**
 * A sentence of the grammar with `depth` modifiers between subject and verb, as
 * build_models/stress/data.py makes them (prepositional phrases, object and subject relative
 * clauses, nested); `hard`: every attractor has the other number from the subject.
 */
export function makeSentence(rng: Rng, world: AgreementWorld, depth: number, hard: boolean): string[] {
  const singular = rng() < 0.5;
  const np = (d: number, sg: boolean, animate: boolean): string[] => {
    const out = ["the", pick(rng, animate ? world.animate : world.places)[sg ? 0 : 1]];
    let left = d;
    while (left > 0) {
      const inner = Math.floor(rng() * left);
      left -= inner + 1;
      const n = hard ? !singular : rng() < 0.5;
      const kind = pick(rng, animate ? ["pp", "orc", "src"] : ["pp", "orc"]);
      if (kind === "pp") out.push(pick(rng, world.prepositions), ...np(inner, n, false));
      else if (kind === "orc") out.push("that", ...np(inner, n, true), pick(rng, world.transitive)[n ? 0 : 1]);
      else out.push("that", pick(rng, world.transitive)[sg ? 0 : 1], ...np(inner, n, true));
    }
    return out;
  };
  return [...np(depth, singular, true), pick(rng, world.intransitive)[singular ? 0 : 1], "."];
}

/**
 * A bracket sequence: \begin{X}, `distance` filler tokens, and (if `close`) \end{X}; X drawn at
 * random. Returns the words and X's index.
 */
export function makeBrackets(rng: Rng, world: BracketWorld, distance: number, close = false): { words: string[]; env: number } {
  const env = Math.floor(rng() * world.environments.length);
  const body = Array.from({ length: distance }, () => pick(rng, world.filler));
  return { words: [world.begin[env], ...body, ...(close ? [world.end[env]] : [])], env };
}
