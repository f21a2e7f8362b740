/**
 * The Telephone Game without the DOM: the reader's message (saved locally),
 * the Python call that plays it, and what the page says about the result.
 */
import { pyStr } from "../gradient-flow/python.ts";
import { sci } from "../gradient-flow/plot.ts";

/** What flow.py's `telephone()` returns: the fraction of the message left at steps 1 … 50. */
export interface Relay {
  steps: number[];
  rnn: number[];
  lstm: number[];
}

export const DEFAULT_MESSAGE = "meet me at noon";
export const MAX_LENGTH = 40;

/** The message as sent: trimmed, at most 40 characters, never empty. */
export function cleanMessage(text: unknown): string {
  const t = typeof text === "string" ? text.trim().slice(0, MAX_LENGTH) : "";
  return t.length > 0 ? t : DEFAULT_MESSAGE;
}

/** The Python call that plays the game for `message` (default knobs of the simulator). */
export const telephoneCallFor = (message: string): string => `telephone(${pyStr(message)})`;

/** A fraction as the page prints it: a percentage while it is readable, scientific below 0.1%. */
export function share(v: number): string {
  return v >= 0.001 ? `${(v * 100).toFixed(1)}%` : sci(v);
}

/** The verdict for the last step, for the live region. */
export function verdict(r: Relay): string {
  const k = r.steps.length - 1;
  const T = r.steps[k];
  const rnn = r.rnn[k];
  const lstm = r.lstm[k];
  const heard = (v: number) => (v < 1e-3 ? "lost" : v < 0.1 ? "barely audible" : "still clearly there");
  const times = (v: number) => `${share(v)} times its step-1 size (${heard(v)})`;
  return `At step ${T}, the trace of your message in the vanilla RNN is ${times(rnn)}; in the LSTM it is ${times(lstm)}.`;
}
