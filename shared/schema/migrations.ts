import type { CollectionName } from '../jobs/store.js';
import { COLLECTION_SCHEMAS } from './collections.js';
import { fitToSchema } from './fit-to-schema.js';

/**
 * How a stored record of an older schema version becomes the current one, per collection and
 * target version. Pure, so the desktop's RxDB migration and the server can run the same steps.
 * A step never loses what someone entered (see fitToSchema).
 */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

/**
 * The step of a version that changes no stored record (it only adds indexes, or names values
 * the data already held): the record comes back as it was, the same object. Such a version is
 * this marker, never another function that happens to return its input, so the server can raise
 * it without reading or rewriting a record, and devices pull nothing for it (recordMigrationPlan).
 */
export const RECORDS_UNCHANGED: Migration = (record) => record;

/**
 * Policies version 1 record whether a policy is cancelled. Version 0 had no such state: a
 * cancellation then only reset renewals, so every stored policy is still in force.
 */
export const policyToV1: Migration = (record) => ({ ...record, state: 'active' });

/**
 * Template version 1: each version gains `overdueReminderEveryDays`, 7 as the office had it
 * before (a fixed value: later changes of the default must not reach old records).
 */
const templateOverdueReminders: Migration = (record) => ({
  ...record,
  versions: ((record.versions ?? []) as Record<string, unknown>[]).map((version) => ({
    overdueReminderEveryDays: 7,
    ...version,
  })),
});

/** Worker version 1: placements are recorded on the worker; older workers had none. */
const workerPlacements: Migration = (record) => ({ placements: [], ...record });

/** Notification ledger version 1: notices can wait for a digest; older ones never did. */
const notificationDigest: Migration = (record) => ({
  ...record,
  digestDue: '',
  digestedAt: null,
});

/**
 * Notification ledger version 3: a notice a digest already took no longer waits for one (its
 * `digestDue` is cleared, as the digest now clears it when it takes a notice).
 */
const notificationDigestTaken: Migration = (record) =>
  record.digestedAt !== null && record.digestedAt !== undefined && record.digestDue !== ''
    ? { ...record, digestDue: '' }
    : record;

/**
 * Notification ledger version 4: an unread notice's `readAt` is '' rather than null, so an
 * index holds it (the unread count reads that index, not every notice).
 */
const notificationUnreadIndexed: Migration = (record) =>
  record.readAt === null || record.readAt === undefined ? { ...record, readAt: '' } : record;

/** Renewals version 1 add optional snooze and in-progress fields: absent means neither. */
const renewalAcknowledgement = RECORDS_UNCHANGED;

/**
 * The limits version of every collection (shared/limits.ts): text bounded, dates 1900-2199.
 * Records an older build wrote are fitted with nothing lost (fitToSchema): text too long for
 * its field is shortened there and kept in full in `keptByMigration`, a date out of range is
 * replaced by the nearest one in range (years 0-99 as earlier builds counted them, 1900-1999)
 * and kept as written. The limits are the ones this version introduced; a later version that
 * changes a limit freezes this step's schema first.
 */
function limitsStep(collection: CollectionName, version?: number): Migration {
  const schema = COLLECTION_SCHEMAS[collection];
  return fitToSchema(schema, version ?? schema.version);
}

/** Renewals version 3 only add the queue's indexes: the record stays as it was. */
const renewalQueueIndexes = RECORDS_UNCHANGED;

/** Tasks version 2 only add the index that counts a person's open tasks. */
const taskAssigneeIndex = RECORDS_UNCHANGED;

export const MIGRATIONS: Record<CollectionName, Record<number, Migration>> = {
  customers: { 1: limitsStep('customers') },
  renewals: { 1: renewalAcknowledgement, 2: limitsStep('renewals', 2), 3: renewalQueueIndexes },
  events: { 1: limitsStep('events') },
  tasks: { 1: limitsStep('tasks', 1), 2: taskAssigneeIndex },
  notifications: {
    1: notificationDigest,
    2: limitsStep('notifications', 2),
    3: notificationDigestTaken,
    4: notificationUnreadIndexed,
  },
  config: { 1: limitsStep('config') },
  workers: { 1: workerPlacements, 2: limitsStep('workers') },
  templates: { 1: templateOverdueReminders, 2: limitsStep('templates') },
  instances: { 1: limitsStep('instances') },
  policies: { 1: policyToV1, 2: limitsStep('policies') },
  // Version 1 of these only named enum values the data already held.
  transactions: { 1: RECORDS_UNCHANGED, 2: limitsStep('transactions') },
  autorenewals: { 1: RECORDS_UNCHANGED, 2: limitsStep('autorenewals') },
};

/**
 * What bringing the records of a collection from version `from` up to `to` takes: only the steps
 * that may change a record, in order, with `versionOnly` when there are none (every step between
 * is RECORDS_UNCHANGED), or the first version that has no step at all.
 */
export type RecordMigrationPlan =
  | { kind: 'versionOnly' }
  | { kind: 'rewrite'; steps: readonly Migration[] }
  | { kind: 'missingStep'; version: number };

/** The plan for the records of `collection` stored at `from` to reach `to`; reads no storage. */
export function recordMigrationPlan(
  collection: CollectionName,
  from: number,
  to: number,
  migrations: Readonly<Record<string, Readonly<Record<number, Migration>>>> = MIGRATIONS,
): RecordMigrationPlan {
  const steps: Migration[] = [];
  for (let version = from + 1; version <= to; version++) {
    const step = migrations[collection]?.[version];
    if (!step) return { kind: 'missingStep', version };
    if (step !== RECORDS_UNCHANGED) steps.push(step);
  }
  return steps.length === 0 ? { kind: 'versionOnly' } : { kind: 'rewrite', steps };
}
