/**
 * Crafted stores for the unit tests of what reads the site's verified records
 * (widgets/lib/achievements.ts): achievements.test.ts and certificate.test.ts. A fixed clock, so
 * every date in a test is known.
 */
import type { Sources, StudioRun } from "../../widgets/lib/achievements.ts";

export const NOW = Date.parse("2026-12-05T12:00:00Z");
/** The time `h` hours before NOW. */
export const T = (h: number) => NOW - h * 3600_000;

/** Stores as a browser that never used the site holds them. */
export function empty(): Sources {
  return {
    progress: { visits: {}, pages: {}, labs: {}, paths: {} },
    log: { runs: [], events: [], imported: { labs: [], challenges: [], detective: false } },
    challenges: {}, detective: { right: 0, answered: 0 },
  };
}

/** A finished studio run (lib/achievements.ts studioRun's shape), 5 hours ago unless `over` says otherwise. */
export function run(over: Partial<StudioRun> = {}): StudioRun {
  return {
    at: T(5), text: "tinyshakespeare", cell: "lstm", layers: 1, hidden: 128, steps: 1582, chars: 3_239_936, trainedS: 300,
    charsPerS: 10_800, bestValLoss: 1.9, bestValPerplexity: Math.exp(1.9), ...over,
  };
}
