/**
 * The unrolling story without the DOM: the stages in order, what each one
 * says, and how Previous / Next / Play move between them.
 */

export interface Stage {
  id: "loop" | "unrolled" | "gradient";
  title: string;
  caption: string;
}

export const STAGES: Stage[] = [
  {
    id: "loop",
    title: "The loop",
    caption:
      "An RNN is one cell with a loop. At every step it reads the input x_t and its own previous state h_{t−1} " +
      "(the loop arrow, weights W_hh), computes the new state h_t, and emits y_t.",
  },
  {
    id: "unrolled",
    title: "Unrolled through time",
    caption:
      "Drawing the loop once per step turns it into a network five steps deep. Every horizontal arrow is the same " +
      "matrix W_hh (and every vertical one the same W_xh or W_hy): the weights are shared, so the model has the same " +
      "size for a sequence of any length.",
  },
  {
    id: "gradient",
    title: "Gradients flow backward",
    caption:
      "Training puts a loss L on y_5. Its gradient goes down to h_5 and then right to left through h_4, h_3, h_2 " +
      "and h_1, multiplied by W_hh and by tanh′ at each step; every step adds its share to the gradient of the one " +
      "shared W_hh. Module 3 shows why these repeated products can make the gradient vanish.",
  },
];

/** What the trace toggle says while it is on. */
export const TRACE_CAPTION =
  "Trace x_1 → y_5: x_1 enters h_1, then travels h_1 → h_2 → h_3 → h_4 → h_5 before it can affect y_5: " +
  "four multiplications by W_hh, each followed by tanh, on the way.";

/** Time each stage stays on screen while playing: long enough to read and for the staggered arrows. */
export const PLAY_STAGE_MS = 4000;
