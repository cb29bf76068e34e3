import type { Caller } from '../access/caller.js';
import type { Db, Queryable } from '../db/client.js';
import type { Registry } from '../registry/registry.js';

/** What every operation needs; it knows no transport, so plugins and the CLI call crud/* directly. */
export interface OpContext {
  db: Db;
  caller: Caller | null;
  requestId: string;
  registry: Registry;
  /** Reports errors from after-commit hooks, which must not fail a committed write. */
  onHookError?: (err: unknown) => void;
}

/** Runs `fn` in a transaction only when something needs one (before-hooks); one statement needs none. */
export async function maybeTransaction<T>(
  db: Db,
  needed: boolean,
  fn: (q: Queryable) => Promise<T>,
): Promise<T> {
  return needed ? db.transaction((tx) => fn(tx)) : fn(db);
}
