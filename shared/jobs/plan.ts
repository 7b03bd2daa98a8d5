import type { Notice } from '../notice.js';
import { deliver } from './deliver.js';
import type { Instant } from '../time/index.js';
import type { JobPorts } from './ports.js';
import {
  sameRecord,
  type AnyRecord,
  type CollectionName,
  type JournalEntry,
  type Records,
  type StorePort,
  type Write,
} from './store.js';

/**
 * The one plan shape every job produces: writes in the order they must happen, and what
 * people should hear. One `applyPlan` writes every plan.
 */
export type Plan = { writes: Write[]; notices: Notice[] };

export const emptyPlan = (): Plan => ({ writes: [], notices: [] });

export function insert<C extends CollectionName>(collection: C, record: Records[C]): Write {
  return { op: 'insert', collection, record };
}

export function update<C extends CollectionName>(
  collection: C,
  before: Records[C],
  after: Records[C],
): Write {
  return { op: 'update', collection, before, after };
}

export function patch<C extends CollectionName>(
  collection: C,
  id: string,
  when: Partial<Records[C]>,
  set: Partial<Records[C]>,
): Write {
  return { op: 'patch', collection, id, when, set };
}

export type WriteConflict = { collection: CollectionName; id: string; current: AnyRecord | null };

export type Applied = {
  /**
   * False when the plan's first write, its claim (an update of the record the operation is
   * about), met a newer change: then nothing at all was written and the caller re-plans or
   * tells the person.
   */
  ok: boolean;
  conflicts: WriteConflict[];
  /** Ids inserted by this plan; records that already existed are left out. */
  inserted: { collection: CollectionName; id: string }[];
};

type Group =
  | { op: 'insert'; collection: CollectionName; writes: Extract<Write, { op: 'insert' }>[] }
  | { op: 'update'; collection: CollectionName; writes: Extract<Write, { op: 'update' }>[] }
  | { op: 'patch'; collection: CollectionName; writes: Extract<Write, { op: 'patch' }>[] };

/** Consecutive writes of one kind to one collection go to the store as one bulk write. */
function groups(writes: readonly Write[]): Group[] {
  const result: Group[] = [];
  for (const write of writes) {
    const last = result.at(-1);
    if (last && last.op === write.op && last.collection === write.collection)
      (last.writes as Write[]).push(write);
    else result.push({ op: write.op, collection: write.collection, writes: [write] } as Group);
  }
  return result;
}

const PATCH_ATTEMPTS = 5;

/** Applies one patch: sets fields while the record still matches `when`; false when it no longer does. */
async function applyPatch(
  store: StorePort,
  write: Extract<Write, { op: 'patch' }>,
): Promise<boolean> {
  for (let attempt = 0; attempt < PATCH_ATTEMPTS; attempt++) {
    const current = (await store.get(write.collection, write.id)) as AnyRecord | null;
    if (!current) return false;
    const fields = current as Record<string, unknown>;
    if (Object.entries(write.when).some(([key, value]) => !sameRecord(fields[key], value)))
      return false;
    const after: Record<string, unknown> = { ...fields };
    for (const [key, value] of Object.entries(write.set)) {
      if (value === undefined) delete after[key];
      else after[key] = value;
    }
    if (sameRecord(after, current)) return true;
    const { conflicts } = await store.update(write.collection, [
      { before: current, after: after as AnyRecord },
    ]);
    if (conflicts.length === 0) return true;
  }
  throw new Error(
    `Could not update ${write.collection} ${write.id}: it kept changing while NoLapse wrote it.`,
  );
}

/**
 * Writes in order, one bulk write per group. An update whose record already equals its `after`
 * counts as done, so applying a plan twice (a replay, or two devices) changes nothing more.
 */
async function applyWrites(
  store: StorePort,
  writes: readonly Write[],
  claimFirst: boolean,
  onFailure?: (failure: WriteFailure) => void,
): Promise<Applied> {
  const applied: Applied = { ok: true, conflicts: [], inserted: [] };
  const all = groups(writes);
  for (const [index, group] of all.entries()) {
    try {
      const claimLost = await applyGroup(store, group, applied, index === 0 && claimFirst);
      if (claimLost) return { ...applied, ok: false };
    } catch (error) {
      if (!onFailure || group.writes.length === 0) throw error;
      // One bad record must not stop the rest: write the group one record at a time.
      for (const write of group.writes) {
        try {
          await applyGroup(store, { ...group, writes: [write] } as Group, applied, false);
        } catch (failed) {
          onFailure({ collection: group.collection, id: idOf(write), reason: reasonOf(failed) });
        }
      }
    }
  }
  return applied;
}

export type WriteFailure = { collection: CollectionName; id: string; reason: string };

function idOf(write: Write): string {
  return write.op === 'insert'
    ? write.record.id
    : write.op === 'update'
      ? write.after.id
      : write.id;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Writes one group; true when it was the claim and it lost to a newer change. */
async function applyGroup(
  store: StorePort,
  group: Group,
  applied: Applied,
  isClaim: boolean,
): Promise<boolean> {
  if (group.op === 'insert') {
    const records = group.writes.map((w) => w.record);
    const { existing } = await store.insert(group.collection, records);
    const kept = new Set(existing.map((r) => r.id));
    for (const record of records)
      if (!kept.has(record.id))
        applied.inserted.push({ collection: group.collection, id: record.id });
  } else if (group.op === 'update') {
    const byId = new Map(group.writes.map((w) => [w.after.id, w.after]));
    const { conflicts } = await store.update(
      group.collection,
      group.writes.map((w) => ({ before: w.before, after: w.after })),
    );
    const real = conflicts.filter((c) => !sameRecord(c.current, byId.get(c.id)));
    applied.conflicts.push(...real.map((c) => ({ collection: group.collection, ...c })));
    if (real.length > 0 && isClaim) return true;
  } else {
    for (const write of group.writes) await applyPatch(store, write);
  }
  return false;
}

export type ApplyOptions = {
  /**
   * Record the plan in the journal first, under this label, so an interruption anywhere is
   * finished by the next run. User operations set it; daily jobs re-plan from their cursor.
   */
  journal?: string;
  at: Instant;
  /**
   * Daily jobs pass this: a record the store refuses is reported here and skipped, and the
   * rest is written. Without it a refused write fails the whole operation.
   */
  onFailure?: (failure: WriteFailure) => void;
};

/**
 * Writes a plan and delivers its notices. A journaled plan's first update is its claim: if the
 * record changed since it was read, nothing is written and `ok` is false.
 */
export async function applyPlan(
  ports: JobPorts,
  plan: Plan,
  options: ApplyOptions,
): Promise<Applied> {
  const { store } = ports;
  let entry: JournalEntry | null = null;
  if (options.journal && plan.writes.length > 1) {
    entry = { id: ports.newId('job'), label: options.journal, at: options.at, writes: plan.writes };
    await store.journal.begin(entry);
  }
  const applied = await applyWrites(store, plan.writes, true, options.onFailure);
  if (entry) await store.journal.end(entry.id);
  if (applied.ok && plan.notices.length > 0) await deliver(ports, plan.notices, options.at);
  return applied;
}

/** What a job met and skipped, shown to people in the notification centre. */
export type Problem = { id: string; title: string; body: string; route: string };

/**
 * Finishes plans an interrupted run left in the journal. A write that meets a record changed
 * since then by someone else is not forced: it is reported as a problem instead.
 */
export async function replayJournal(ports: JobPorts): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const entry of await ports.store.journal.pending()) {
    const applied = await applyWrites(ports.store, entry.writes, false);
    for (const conflict of applied.conflicts)
      problems.push({
        id: `problem:journal:${entry.id}:${conflict.collection}:${conflict.id}`,
        title: `Could not finish “${entry.label}”`,
        body: `It was interrupted on ${entry.at.slice(0, 10)}, and ${conflict.collection} record ${conflict.id} changed before it could be finished. Check it and repeat the action if it is still needed.`,
        route: '/notifications',
      });
    await ports.store.journal.end(entry.id);
  }
  return problems;
}

export { deliver, deliverDigests, nextDigestDue } from './deliver.js';
