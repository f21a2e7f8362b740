/**
 * IndexedDB as a small key-value store that never throws, for what is too big for localStorage
 * (a training run's checkpoint and its text: megabytes). Storage can be denied (private modes,
 * sandboxed frames), missing, full or blocked by another tab; every call resolves, and a writer
 * learns why a value was not kept so that the page can say so and carry on.
 */
import type { SaveResult } from "./storage.ts";

const DB_NAME = "rnn-course";
const DB_VERSION = 1;
/** One object store per kind of record; a new store needs DB_VERSION raised. */
export const STORES = ["studio-runs", "studio-models"] as const;
export type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (opening) return opening;
  opening = new Promise<IDBDatabase>((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      if (typeof indexedDB === "undefined") throw new Error("this browser has no IndexedDB");
      req = indexedDB.open(DB_NAME, DB_VERSION);
    } catch (err) {
      reject(err);
      return;
    }
    req.onupgradeneeded = () => {
      for (const name of STORES) if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name);
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the database: let it, and open again next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    req.onerror = () => reject(req.error ?? new Error("IndexedDB refused to open"));
    req.onblocked = () => reject(new Error("another tab holds an older version of the course's storage"));
  });
  // A failed open is not cached: storage may be allowed again later in the same tab.
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

function isQuota(err: unknown): boolean {
  return err instanceof DOMException && (err.name === "QuotaExceededError" || err.code === 22);
}

/** Why a value was not kept, as a sentence for the reader. */
export function refusal(err: unknown): string {
  return isQuota(err)
    ? "Your browser's storage for this site is full, so it was not saved."
    : `Your browser does not let this site save here (${err instanceof Error ? err.message : String(err)}), so it will be lost on reload.`;
}

function request<T>(store: StoreName, mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const req = act(tx.objectStore(store));
        // A write counts only once its transaction has committed (a quota error can come that late).
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error ?? req.error ?? new Error("the storage transaction failed"));
        tx.onabort = () => reject(tx.error ?? new Error("the storage transaction was aborted"));
      }),
  );
}

/** Save `value` (anything structured-clone can copy: typed arrays included) under `key`. */
export async function idbPut(store: StoreName, key: string, value: unknown): Promise<SaveResult> {
  try {
    await request(store, "readwrite", (s) => s.put(value, key));
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: refusal(err) };
  }
}

/** The value under `key`, or null when absent or unreadable. */
export async function idbGet<T>(store: StoreName, key: string): Promise<T | null> {
  try {
    const v = await request<unknown>(store, "readonly", (s) => s.get(key));
    return v === undefined ? null : (v as T);
  } catch {
    return null;
  }
}

/** Every key of a store (empty when storage is unavailable). */
export async function idbKeys(store: StoreName): Promise<string[]> {
  try {
    const keys = await request(store, "readonly", (s) => s.getAllKeys());
    return keys.map(String);
  } catch {
    return [];
  }
}

/** Remove `key` (no error when storage is unavailable). */
export async function idbDelete(store: StoreName, key: string): Promise<void> {
  try {
    await request(store, "readwrite", (s) => s.delete(key));
  } catch {
    // Nothing to remove where nothing could be saved.
  }
}
