/**
 * The little test runner of tests/js/*.test.ts. A file registers its cases
 * with `test(name, fn)` and ends with `runTests()`, which runs them all and prints
 * one JSON line, {name: null | "failure message"}; tests/jsunit.py bundles
 * the file with esbuild, runs it in Node and turns each case into a pytest case.
 */
const tests: [string, () => void][] = [];

export const test = (name: string, fn: () => void): void => {
  tests.push([name, fn]);
};

export function runTests(): void {
  const results: Record<string, string | null> = {};
  for (const [name, fn] of tests) {
    try {
      fn();
      results[name] = null;
    } catch (err) {
      results[name] = err instanceof Error ? err.message : String(err);
    }
  }
  console.log(JSON.stringify(results));
}
