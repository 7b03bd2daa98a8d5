import { canonicalJson } from '../documents/canonical-json.js';
import { checkInstanceUpdate } from '../documents/lifecycle.js';
import type { AutoRenewal, Policy, RenewalTransaction } from '../policies/model.js';
import type { ConfigRecord } from '../schema/config.js';
import type { Customer } from '../schema/customer.js';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate } from '../schema/document-template.js';
import type { DeliveredNotification } from '../schema/notification.js';
import type { Renewal } from '../schema/renewal.js';
import type { Task } from '../schema/task.js';
import type { TimelineEvent } from '../schema/timeline-event.js';
import type { Worker } from '../schema/worker.js';
import type { Instant } from '../time/index.js';

/**
 * The store port: everything a job reads and writes, by collection. RxDB on IndexedDB in the
 * renderer, SQL (PGlite or PostgreSQL) on the server, a Map in unit tests. Reads go by index;
 * writes are bulk per collection and revision-checked: the revision of a record is its content,
 * so an update applies only while the stored record still equals the one the job read (the
 * same rule as the sync protocol's assumed master state).
 */
export type Records = {
  customers: Customer;
  renewals: Renewal;
  events: TimelineEvent;
  tasks: Task;
  /** This device's delivery ledger: never synced. */
  notifications: DeliveredNotification;
  config: ConfigRecord;
  workers: Worker;
  templates: DocumentTemplate;
  instances: DocumentInstance;
  policies: Policy;
  transactions: RenewalTransaction;
  autorenewals: AutoRenewal;
};

export type CollectionName = keyof Records;
export type AnyRecord = Records[CollectionName];

export const COLLECTION_NAMES = [
  'customers',
  'renewals',
  'events',
  'tasks',
  'notifications',
  'config',
  'workers',
  'templates',
  'instances',
  'policies',
  'transactions',
  'autorenewals',
] as const satisfies readonly CollectionName[];

export type Scalar = string | number | boolean | null;

/** Mango-style comparisons on one top-level field (RxDB speaks them natively). */
export type Comparison<V> = {
  $eq?: V;
  $ne?: V;
  $gt?: V;
  $gte?: V;
  $lt?: V;
  $lte?: V;
  $in?: readonly V[];
};

export type Selector<T> = {
  [K in keyof T]?: T[K] extends Scalar | undefined ? T[K] | Comparison<T[K]> : never;
};

/** A read by index: the selector's fields and the sort should match an index of the collection. */
export type Query<T> = {
  selector?: Selector<T>;
  sort?: readonly { [K in keyof T & string]?: 'asc' | 'desc' }[];
  limit?: number;
};

export type Change<T> = { before: T; after: T };
/** An update refused because the stored record changed since it was read; `current` is null when gone. */
export type Conflict<T> = { id: string; current: T | null };

/**
 * Plans of user operations are recorded before they are applied, and removed after: IndexedDB
 * cannot write several collections atomically, so an interrupted plan is finished from here by
 * the next run. Device-local, never synced.
 */
export type JournalEntry = {
  id: string;
  /** What the operation was, for a person reading a problem report. */
  label: string;
  at: Instant;
  writes: Write[];
};

export type Write =
  | { op: 'insert'; collection: CollectionName; record: AnyRecord }
  | { op: 'update'; collection: CollectionName; before: AnyRecord; after: AnyRecord }
  /**
   * Sets `set` on the record while it matches `when` (field by field); a no-op once it does not
   * or when the record is gone. For effects that must not undo a newer change, such as closing
   * a task that is still open.
   */
  | {
      op: 'patch';
      collection: CollectionName;
      id: string;
      when: Record<string, unknown>;
      set: Record<string, unknown>;
    };

export type StorePort = {
  get<C extends CollectionName>(collection: C, id: string): Promise<Records[C] | null>;
  /** The records that exist among `ids`, in no particular order. */
  getMany<C extends CollectionName>(collection: C, ids: readonly string[]): Promise<Records[C][]>;
  find<C extends CollectionName>(collection: C, query: Query<Records[C]>): Promise<Records[C][]>;
  /** Inserts records absent by id in one bulk write; records whose id exists are kept as stored. */
  insert<C extends CollectionName>(
    collection: C,
    records: readonly Records[C][],
  ): Promise<{ existing: Records[C][] }>;
  /** Replaces each `before` with `after` in one bulk write, only where the stored record equals `before`. */
  update<C extends CollectionName>(
    collection: C,
    changes: readonly Change<Records[C]>[],
  ): Promise<{ conflicts: Conflict<Records[C]>[] }>;
  journal: {
    begin(entry: JournalEntry): Promise<void>;
    end(id: string): Promise<void>;
    pending(): Promise<JournalEntry[]>;
  };
  /**
   * What was written on this device since a job last looked, so a daily run reads what changed
   * rather than everything that might have. Optional: without it the jobs read by index over
   * look-back windows instead (the same results, at a cost that follows the office's size).
   */
  changes?: ChangeFeed;
};

/** Where a job stopped reading a change feed: opaque to the jobs, kept in a job cursor. */
export type FeedMark = string;

/**
 * The records a device wrote or received (its own jobs and screens, other tabs, replication),
 * in the order they were written, and small device-local values the jobs keep between runs.
 */
export type ChangeFeed = {
  /** A mark at the feed's end now (a little before, to be safe): later writes come after it. */
  end(collection: CollectionName): Promise<FeedMark>;
  /**
   * Records written after `mark`, oldest first, at most `limit`, the mark after the last, and
   * whether more may follow.
   */
  since<C extends CollectionName>(
    collection: C,
    mark: FeedMark,
    limit: number,
  ): Promise<{ records: Records[C][]; mark: FeedMark; more: boolean }>;
  /** A device-local value a job kept (its cursor), or null. Never synced. */
  read(name: string): Promise<unknown>;
  write(name: string, value: unknown): Promise<void>;
};

/** How many records a job reads from a change feed at a time. */
export const FEED_PAGE = 2000;

/** Every record of `collection` written after `mark`, read page by page, and the mark after. */
export async function readFeed<C extends CollectionName>(
  feed: ChangeFeed,
  collection: C,
  mark: FeedMark,
): Promise<{ records: Records[C][]; mark: FeedMark }> {
  const records: Records[C][] = [];
  let at = mark;
  for (;;) {
    const page = await feed.since(collection, at, FEED_PAGE);
    records.push(...page.records);
    at = page.mark;
    if (!page.more) return { records, mark: at };
  }
}

/**
 * Why a store must refuse replacing `before` with `after` in `collection`, or null. These rules
 * hold whoever writes (a job, a screen, a bug): a submitted document changes only by being
 * completed, a signed one only by being archived, an archived one never (checkInstanceUpdate).
 * Every adapter checks it in `update`, before writing anything of the bulk.
 */
export function writeRefusal(
  collection: CollectionName,
  before: AnyRecord,
  after: AnyRecord,
): string | null {
  if (collection === 'instances')
    return checkInstanceUpdate(before as DocumentInstance, after as DocumentInstance);
  return null;
}

/** An update a store refused because it breaks a rule of the records (see writeRefusal). */
export class RefusedWrite extends Error {
  constructor(
    readonly collection: CollectionName,
    readonly id: string,
    reason: string,
  ) {
    super(`NoLapse refused to save this change: ${reason}`);
    this.name = 'RefusedWrite';
  }
}

/** Throws RefusedWrite when `writeRefusal` refuses the change. */
export function assertWritable(
  collection: CollectionName,
  before: AnyRecord,
  after: AnyRecord,
): void {
  const reason = writeRefusal(collection, before, after);
  if (reason) throw new RefusedWrite(collection, before.id, reason);
}

/** Records are equal when their content is: key order and absent-vs-undefined do not count. */
export function sameRecord(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** True when `value` satisfies the comparison or equals the scalar. */
function matchesCondition(value: unknown, condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object') return value === condition;
  const c = condition as Comparison<Scalar>;
  const v = value as Scalar;
  if ('$eq' in c && v !== c.$eq) return false;
  if ('$ne' in c && v === c.$ne) return false;
  if (c.$in !== undefined && !c.$in.includes(v)) return false;
  if (v === undefined || v === null) {
    return (
      c.$gt === undefined && c.$gte === undefined && c.$lt === undefined && c.$lte === undefined
    );
  }
  if (c.$gt !== undefined && c.$gt !== null && !(v > c.$gt)) return false;
  if (c.$gte !== undefined && c.$gte !== null && !(v >= c.$gte)) return false;
  if (c.$lt !== undefined && c.$lt !== null && !(v < c.$lt)) return false;
  if (c.$lte !== undefined && c.$lte !== null && !(v <= c.$lte)) return false;
  return true;
}

/** Whether a record satisfies a selector: the in-memory meaning every adapter must agree with. */
export function matchesSelector<T>(record: T, selector: Selector<T> | undefined): boolean {
  if (!selector) return true;
  for (const [field, condition] of Object.entries(selector)) {
    if (!matchesCondition((record as Record<string, unknown>)[field], condition)) return false;
  }
  return true;
}

/** Sorts records as a query's `sort` says, ties broken by id so every adapter pages alike. */
export function sortRecords<T extends { id: string }>(records: T[], sort: Query<T>['sort']): T[] {
  const keys = (sort ?? []).flatMap((part) => Object.entries(part)) as [keyof T, string][];
  return records.sort((a, b) => {
    for (const [field, dir] of keys) {
      const x = a[field] as Scalar;
      const y = b[field] as Scalar;
      if (x === y) continue;
      const order =
        x === undefined || x === null ? -1 : y === undefined || y === null ? 1 : x < y ? -1 : 1;
      return dir === 'desc' ? -order : order;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
