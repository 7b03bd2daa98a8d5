import type { RxCollection } from 'rxdb';

/** A write the database refused (disk full, quota, a conflict); the form keeps its data. */
export class WriteError extends Error {
  constructor(what: string, cause: unknown) {
    super(`Could not save ${what}: ${describe(cause)}. Nothing you entered was lost; try again.`);
  }
}

function describe(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  if (/quota/i.test(text)) return 'the disk is full or the browser storage quota is used up';
  return text.split('\n')[0] ?? 'unknown error';
}

/** Plain records out of RxDB documents. */
export function json<T>(docs: readonly { toJSON(): unknown }[]): T[] {
  return docs.map((d) => d.toJSON() as T);
}

/**
 * Inserts records and reports which ids already existed: derived records have deterministic
 * ids, so a conflict means another run or device made the same record first.
 */
export async function insertMissing<T extends { id: string }>(
  collection: RxCollection<T>,
  records: readonly T[],
  what: string,
): Promise<{ inserted: T[]; existing: string[] }> {
  if (records.length === 0) return { inserted: [], existing: [] };
  const result = await collection.bulkInsert(records as T[]);
  const failures = result.error.filter((e) => e.status !== 409);
  if (failures.length > 0) throw new WriteError(what, failures[0]);
  const inserted = new Set(result.success.map((r) => (r as T).id));
  return {
    inserted: records.filter((r) => inserted.has(r.id)),
    existing: records.filter((r) => !inserted.has(r.id)).map((r) => r.id),
  };
}

/** Writes records whole, in one bulk transaction. */
export async function upsertAll<T extends { id: string }>(
  collection: RxCollection<T>,
  records: readonly T[],
  what: string,
): Promise<void> {
  if (records.length === 0) return;
  const result = await collection.bulkUpsert(records as T[]);
  if (result.error.length > 0) throw new WriteError(what, result.error[0]);
}
