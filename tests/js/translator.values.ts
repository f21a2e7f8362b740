/**
 * The translator's tokeniser in the browser (widgets/runtime/onnx/kinds/seq2seq-tokens.ts) on the
 * sentences of tests/data/translate-tokens.json, for tests/test_translate_tokens.py to compare
 * with build_models/translate/data.py. tests/jsunit.py (`values`) bundles and runs this in Node.
 */
import { printValues } from "./harness.ts";
import { detokeniseFrench, tokeniseEnglish, tokeniseFrench } from "../../widgets/runtime/onnx/kinds/seq2seq-tokens.ts";
import sentences from "../data/translate-tokens.json";

printValues({
  english: sentences.english.map(tokeniseEnglish),
  french: sentences.french.map(tokeniseFrench),
  detokenised: sentences.french.map((s: string) => detokeniseFrench(tokeniseFrench(s))),
});
