/**
 * Where the shared Pyodide runtime stands, and the words a widget shows for
 * it: plain data and a plain function, so any widget (a lab, a NumPy demo)
 * draws the same loading indicator and unit tests can call it.
 */
import { assertNever, type BootTimings } from "./protocol.ts";

/** Where the runtime stands; widgets show it (a progress bar, an error). */
export type RuntimeStatus =
  | { phase: "idle" }
  | {
      phase: "loading";
      /** The file being downloaded, if any, and how far it is (bytes; total null when unknown). */
      file: string | null;
      loaded: number;
      total: number | null;
      /** Loading again because Stop had to throw the previous Python away. */
      restarting: boolean;
    }
  | { phase: "ready"; python: string; numpy: string; bootMs?: BootTimings }
  | { phase: "failed"; message: string };

/** A short sentence and a fraction (null: indeterminate) for a loading indicator. */
export function describeProgress(status: RuntimeStatus): { label: string; fraction: number | null } {
  switch (status.phase) {
    case "idle":
      return { label: "Python is not loaded yet.", fraction: null };
    case "ready":
      return { label: `Python ${status.python} with NumPy ${status.numpy} is ready.`, fraction: 1 };
    case "failed":
      return { label: `Python could not be loaded: ${status.message}.`, fraction: null };
    case "loading": {
      const verb = status.restarting ? "Restarting Python" : "Loading Python";
      if (!status.file) return { label: `${verb}…`, fraction: null };
      // Between downloads (compiling the wasm, unpacking NumPy) there is nothing to count.
      if (status.total !== null && status.loaded >= status.total) return { label: `${verb}: starting up…`, fraction: null };
      const mb = (n: number) => (n / 1e6).toFixed(1);
      const of = status.total ? ` of ${mb(status.total)} MB` : " MB";
      return {
        label: `${verb}: ${status.file}, ${mb(status.loaded)}${of}`,
        fraction: status.total ? status.loaded / status.total : null,
      };
    }
    default:
      return assertNever(status);
  }
}
