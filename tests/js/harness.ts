/**
 * The little test runner of tests/js. A tests/js/<name>.test.ts file registers
 * its cases with `test(name, fn)` and ends with `runTests()`, which runs them all
 * and prints one JSON line, {name: null | "failure message"}; tests/jsunit.py
 * bundles the file with esbuild, runs it in Node and turns each case into a
 * pytest case. A tests/js/<name>.values.ts file instead computes what the
 * widgets' code gives for chosen inputs and ends with `printValues(values)`:
 * one JSON line that a Python test compares with its NumPy reference
 * (jsunit.values, the `js_values` fixture).
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

export function printValues(values: unknown): void {
  console.log(JSON.stringify(values));
}
