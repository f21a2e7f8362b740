/**
 * The Attention Weight Calculator's numbers (widgets/attention-calculator/logic.ts) on chosen
 * inputs, for tests/test_attention_calculator.py to compare with NumPy: the plan's example (plain,
 * scaled, sharpened), seeded random cases in every dimension and key count with own values and
 * random additive parameters, and inputs at the size limit.
 */
import { printValues } from "./harness.ts";
import { mulberry32 } from "../../widgets/lib/random.ts";
import { attend, readDraft, startDraft, LIMIT, type Inputs } from "../../widgets/attention-calculator/logic.ts";

const start = readDraft(startDraft()).inputs as Inputs;
const rand = mulberry32(7);
const u = (s = 1) => (rand() * 2 - 1) * s;
const vecs = (n: number, d: number, s = 1) => Array.from({ length: n }, () => Array.from({ length: d }, () => u(s)));

const cases: Inputs[] = [
  start,
  { ...start, scaled: true },
  { ...start, sharpness: 25 },
  { ...start, sharpness: 0 },
];
for (let d = 2; d <= 4; d++) {
  for (let n = 2; n <= 8; n += 3) {
    cases.push({
      query: vecs(1, d, 2)[0], keys: vecs(n, d, 2), values: vecs(n, d, 3), scaled: n % 2 === 0,
      sharpness: 0.5 + rand() * 4, Wq: vecs(d, d), Wk: vecs(d, d), v: vecs(1, d)[0],
    });
  }
}
cases.push({ ...start, query: [LIMIT, LIMIT], keys: [[LIMIT, -LIMIT], [LIMIT, LIMIT], [-LIMIT, LIMIT]], sharpness: 1000 });

printValues(cases.map((inp) => ({ inp, out: attend(inp) })));
