import { canonicalJson } from '../../documents/canonical-json.js';

/**
 * What a replication conflict hands over: this device's version, the version it last saw on
 * the server (its base), and the server's version now. The base may be null (the device
 * thought the record was new).
 */
export type ConflictInput<T> = { local: T; base: T | null; master: T };

/** A value one side wrote that the resolution did not keep: it goes on the timeline. */
export type Overwritten = { field: string; replaced: unknown; kept: unknown };

export type Resolution<T> = { document: T; overwritten: Overwritten[] };

export const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

type Fields<T> = readonly (keyof T & string)[];

/**
 * A three-way merge of people's edits, field by field: a field only one side changed since the
 * base takes that side's value; a field both changed differently keeps the server's (so every
 * device resolves alike) and the local value is reported as overwritten.
 */
export function mergeEdits<T extends object>(
  input: ConflictInput<T>,
  fields: Fields<T>,
): { merged: Partial<T>; overwritten: Overwritten[] } {
  const { local, base, master } = input;
  const merged: Partial<T> = {};
  const overwritten: Overwritten[] = [];
  for (const field of fields) {
    const l = local[field];
    const m = master[field];
    const b = base?.[field];
    if (same(l, m) || (base !== null && same(l, b))) merged[field] = m;
    else if (base !== null && same(m, b)) merged[field] = l;
    else {
      merged[field] = m;
      overwritten.push({ field, replaced: l, kept: m });
    }
  }
  return { merged, overwritten };
}

/** The later of two instants, for the merged record's `updatedAt`. */
export function later(a: string, b: string): string {
  return a > b ? a : b;
}

/** Every field of a record that is not listed: the merge keeps the server's value for those. */
export function withMaster<T extends object>(master: T, merged: Partial<T>): T {
  const out = { ...master, ...merged };
  for (const [key, value] of Object.entries(out))
    if (value === undefined) delete out[key as keyof T];
  return out;
}

/** Union of two lists keyed by `key`; on the same key, `pick` chooses the element to keep. */
export function unionBy<E>(
  a: readonly E[],
  b: readonly E[],
  key: (e: E) => string,
  pick: (x: E, y: E) => E = (x) => x,
): E[] {
  const out = new Map<string, E>();
  for (const e of a) out.set(key(e), e);
  for (const e of b) {
    const k = key(e);
    const seen = out.get(k);
    out.set(k, seen === undefined ? e : pick(seen, e));
  }
  return [...out.values()];
}
