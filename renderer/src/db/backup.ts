import type { MangoQuery, RxCollection } from 'rxdb';
import { z } from 'zod';
import { BACKUP_FORMAT } from '../../../shared/ipc';
import { DAILY_LOCK, type LockPort } from '../../../shared/jobs';
import {
  COLLECTION_NAMES,
  type AnyRecord,
  type CollectionName,
  type JournalEntry,
  type Records,
} from '../../../shared/jobs/store';
import { OFFICE_CONFIG_ID } from '../../../shared/office';
import { ok, refused, type Result } from '../../../shared/result';
import { COLLECTION_SCHEMAS } from '../../../shared/schema/collections';
import { MIGRATIONS } from '../../../shared/schema/migrations';
import type { Instant } from '../../../shared/time';
import type { NoLapseDatabase } from './database';
import { rxdbStore } from './rxdb-store';

/** The backup document's own version: how the file is laid out, not the records' schemas. */
export const BACKUP_VERSION = 1;

/**
 * A whole local database in one JSON document: every collection (the replicated ones and this
 * device's notification ledger, so a restored device does not notify everything again), each
 * collection's schema version, and the journal of operations an interruption left unfinished.
 * `format` comes first in the text: main checks it before writing a daily backup.
 */
export type BackupDocument = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: Instant;
  schemaVersions: Record<CollectionName, number>;
  collections: { [C in CollectionName]: Records[C][] };
  journal: JournalEntry[];
};

/** What a backup holds, for the confirmation before a restore and the report after it. */
export type BackupContents = {
  createdAt: Instant;
  officeName: string | null;
  counts: Record<CollectionName, number>;
  /** The counts in words: '3 customers, 12 renewals, 40 timeline events'. */
  described: string;
  total: number;
  journal: number;
};

export type RestoreReport = BackupContents & {
  /** Collections whose records were migrated from an older schema version. */
  migrated: CollectionName[];
};

/** How many records one read or one bulk insert handles: bounded memory and transactions. */
const PAGE = 500;
/** Marks a restore under way, so one a crash interrupted can be finished from the same file. */
const RESTORE_MARKER = 'backup-restore';
type RestoreMarker = { createdAt: Instant; startedAt: Instant };

/** Collections in the order a restore writes them: what others point at first. */
const RESTORE_ORDER: readonly CollectionName[] = [
  'config',
  'customers',
  'workers',
  'templates',
  'policies',
  'instances',
  'renewals',
  'transactions',
  'autorenewals',
  'tasks',
  'events',
  'notifications',
];

const WHAT: Record<CollectionName, [string, string]> = {
  customers: ['customer', 'customers'],
  renewals: ['renewal', 'renewals'],
  events: ['timeline event', 'timeline events'],
  tasks: ['task', 'tasks'],
  notifications: ['delivered notification', 'delivered notifications'],
  config: ['settings record', 'settings records'],
  workers: ['worker', 'workers'],
  templates: ['document template', 'document templates'],
  instances: ['document', 'documents'],
  policies: ['policy', 'policies'],
  transactions: ['policy renewal', 'policy renewals'],
  autorenewals: ['auto-renewal', 'auto-renewals'],
};

const number = new Intl.NumberFormat('en-GB');

/** '1 customer', '1,204 renewals'. */
export function countOf(collection: CollectionName, count: number): string {
  const [one, many] = WHAT[collection];
  return `${number.format(count)} ${count === 1 ? one : many}`;
}

/** The non-empty counts in words, most telling first: '3 customers, 12 renewals, 40 tasks'. */
export function describeCounts(counts: Partial<Record<CollectionName, number>>): string {
  const parts = COLLECTION_NAMES.filter((name) => (counts[name] ?? 0) > 0).map((name) =>
    countOf(name, counts[name]!),
  );
  return parts.length > 0 ? parts.join(', ') : 'no records';
}

/** The domain record of a stored document: RxDB's own fields (`_rev`, `_meta`, …) removed. */
function withoutStorageFields<T>(stored: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(stored).filter(([key]) => !key.startsWith('_'))) as T;
}

type JsonSchemaProperty = { type?: string | readonly string[] };
type CollectionSchema = {
  version: number;
  required?: readonly string[];
  properties: Record<string, JsonSchemaProperty>;
};

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Why a record cannot be a record of `collection`, checked against its schema's top level; null if it can. */
function recordProblem(collection: CollectionName, record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return 'is not a record';
  const fields = record as Record<string, unknown>;
  if (typeof fields.id !== 'string' || fields.id === '') return 'has no id';
  const schema = COLLECTION_SCHEMAS[collection] as unknown as CollectionSchema;
  for (const field of schema.required ?? [])
    if (!(field in fields)) return `(${fields.id}) has no ${field}`;
  for (const [field, value] of Object.entries(fields)) {
    if (field.startsWith('_')) return `(${fields.id}) carries the storage field ${field}`;
    const declared = schema.properties[field]?.type;
    if (declared === undefined) continue;
    const allowed = typeof declared === 'string' ? [declared] : declared;
    const actual = typeOfValue(value);
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number')))
      return `(${fields.id}) has ${field} as ${actual}, not ${allowed.join(' or ')}`;
  }
  return null;
}

const envelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.string().min(1),
  schemaVersions: z.record(z.string(), z.number().int().min(0)),
  collections: z.record(z.string(), z.array(z.unknown())),
  journal: z.array(
    z.object({ id: z.string(), label: z.string(), at: z.string(), writes: z.array(z.unknown()) }),
  ),
});

const NOT_A_BACKUP =
  'This file is not a NoLapse backup. Choose a file made by Export backup (or a daily backup), named like nolapse-backup-2026-06-15.json.';

/**
 * Reads a backup file's text into a document whose records are current (older ones migrated;
 * `schemaVersions` still says what the file had). Refused, with what to do: a file that is not a NoLapse backup,
 * one made by a newer NoLapse (a newer file format or newer records than this build reads),
 * and one whose records are not what their collection holds. Older records are migrated.
 */
export function readBackup(text: string): Result<BackupDocument> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refused(`${NOT_A_BACKUP} (It is not JSON, or it was cut short.)`);
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) return refused(NOT_A_BACKUP);
  const version = (parsed as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION)
    return refused(
      `This backup was made by a newer NoLapse (backup format ${version}; this one reads up to ${BACKUP_VERSION}). Update NoLapse on this device, then import it again.`,
    );
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) {
    const where = envelope.error.issues[0]?.path.join('.') || 'its header';
    return refused(`This NoLapse backup is damaged: ${where} is missing or wrong. ${NOT_A_BACKUP}`);
  }
  const backup = envelope.data;
  const collections = {} as { [C in CollectionName]: AnyRecord[] };
  const schemaVersions = {} as Record<CollectionName, number>;
  for (const name of Object.keys(backup.collections))
    if (!(COLLECTION_NAMES as readonly string[]).includes(name))
      return refused(
        `This backup holds "${name}", which this NoLapse does not know: it was made by a newer NoLapse. Update NoLapse on this device, then import it again.`,
      );
  for (const name of COLLECTION_NAMES) {
    const current = COLLECTION_SCHEMAS[name].version;
    const records = backup.collections[name] ?? [];
    const from = backup.schemaVersions[name] ?? current;
    if (from > current)
      return refused(
        `This backup was made by a newer NoLapse: its ${WHAT[name][1]} are version ${from}, this NoLapse reads up to version ${current}. Update NoLapse on this device, then import it again.`,
      );
    const ids = new Set<string>();
    const migrated: AnyRecord[] = [];
    for (const [index, record] of records.entries()) {
      let upgraded = record as Record<string, unknown>;
      for (let v = from + 1; v <= current; v++) {
        const step = MIGRATIONS[name]?.[v];
        if (!step)
          return refused(
            `This backup's ${WHAT[name][1]} are version ${from}, and this NoLapse cannot bring them to version ${current}.`,
          );
        upgraded = step(upgraded);
      }
      const problem = recordProblem(name, upgraded);
      if (problem)
        return refused(
          `This NoLapse backup is damaged: ${WHAT[name][0]} number ${index + 1} ${problem}. Nothing was imported.`,
        );
      const id = upgraded.id as string;
      if (ids.has(id))
        return refused(
          `This NoLapse backup is damaged: it holds ${WHAT[name][0]} ${id} twice. Nothing was imported.`,
        );
      ids.add(id);
      migrated.push(upgraded as unknown as AnyRecord);
    }
    collections[name] = migrated;
    schemaVersions[name] = from;
  }
  return ok({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: backup.createdAt,
    schemaVersions,
    collections: collections as BackupDocument['collections'],
    journal: backup.journal as JournalEntry[],
  });
}

/** What a backup holds, in counts, and whose office it is. */
export function backupContents(backup: BackupDocument): BackupContents {
  const counts = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [name, backup.collections[name].length]),
  ) as Record<CollectionName, number>;
  const office = backup.collections.config.find((record) => record.id === OFFICE_CONFIG_ID);
  const officeName = (office?.value as { officeName?: unknown } | undefined)?.officeName;
  return {
    createdAt: backup.createdAt,
    officeName: typeof officeName === 'string' && officeName.trim() !== '' ? officeName : null,
    counts,
    described: describeCounts(counts),
    total: Object.values(counts).reduce((sum, n) => sum + n, 0),
    journal: backup.journal.length,
  };
}

/** The backup as the text of a file: `format` first, as main checks before writing one. */
export function backupText(backup: BackupDocument): string {
  return JSON.stringify(backup);
}

export type BackupService = {
  /** The whole database now, taken while no daily run writes. */
  snapshot(now: Instant): Promise<BackupDocument>;
  /** How many records the database holds, by collection: a restore wants none. */
  counts(): Promise<Record<CollectionName, number>>;
  /** Restores `backup` into this empty database; refuses a database that holds anything. */
  restore(backup: BackupDocument, now: Instant): Promise<Result<RestoreReport>>;
};

async function allRecords<C extends CollectionName>(
  collection: RxCollection<Records[C]>,
): Promise<Records[C][]> {
  const records: Records[C][] = [];
  let after: string | null = null;
  for (;;) {
    const query = {
      selector: after === null ? {} : { id: { $gt: after } },
      sort: [{ id: 'asc' }],
      limit: PAGE,
    } as unknown as MangoQuery<Records[C]>;
    const page = await collection.find(query).exec();
    for (const doc of page)
      records.push(withoutStorageFields<Records[C]>(doc.toJSON() as Record<string, unknown>));
    if (page.length < PAGE) return records;
    after = (page.at(-1)!.toJSON() as { id: string }).id;
  }
}

/**
 * Backups of one database. The snapshot and the restore hold the daily run's lock, so no run
 * writes half-way through them (a person's operation during a snapshot is journaled: the
 * journal is read before and after, and a restore's next run finishes what it shows).
 */
export function createBackupService(
  db: NoLapseDatabase,
  options: { lock?: LockPort } = {},
): BackupService {
  const store = rxdbStore(db);
  const locked = <T>(task: () => Promise<T>): Promise<T> =>
    options.lock ? options.lock(DAILY_LOCK, task) : task();
  const collection = <C extends CollectionName>(name: C) =>
    db.collections[name] as unknown as RxCollection<Records[C]>;

  async function counts(): Promise<Record<CollectionName, number>> {
    const entries = await Promise.all(
      COLLECTION_NAMES.map(async (name) => [name, await collection(name).count().exec()] as const),
    );
    return Object.fromEntries(entries) as Record<CollectionName, number>;
  }

  return {
    counts,

    snapshot: (now) =>
      locked(async () => {
        const journalBefore = await store.journal.pending();
        const collections = {} as Record<CollectionName, AnyRecord[]>;
        for (const name of COLLECTION_NAMES) collections[name] = await allRecords(collection(name));
        const journal = new Map(journalBefore.map((entry) => [entry.id, entry]));
        for (const entry of await store.journal.pending()) journal.set(entry.id, entry);
        return {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: now,
          schemaVersions: Object.fromEntries(
            COLLECTION_NAMES.map((name) => [name, COLLECTION_SCHEMAS[name].version]),
          ) as Record<CollectionName, number>,
          collections: collections as BackupDocument['collections'],
          journal: [...journal.values()],
        };
      }),

    restore: (backup, now) =>
      locked(async () => {
        const marker = await db.getLocal<RestoreMarker>(RESTORE_MARKER);
        const resuming = marker?.toJSON().data.createdAt === backup.createdAt;
        const present = await counts();
        const held = Object.values(present).reduce((sum, n) => sum + n, 0);
        if (marker && !resuming)
          return refused(
            `A restore of the backup made ${marker.toJSON().data.createdAt} was interrupted here. Import that same file again to finish it.`,
          );
        if (held > 0 && !resuming)
          return refused(
            `This device already holds ${describeCounts(present)}. A backup is restored only into an empty NoLapse, so nothing here is overwritten or mixed with it. Export these first if you still need them, then restore into a new, empty profile.`,
          );
        if (!marker)
          await db.insertLocal<RestoreMarker>(RESTORE_MARKER, {
            createdAt: backup.createdAt,
            startedAt: now,
          });
        for (const name of RESTORE_ORDER) {
          const records = backup.collections[name] as AnyRecord[];
          for (let start = 0; start < records.length; start += PAGE) {
            const chunk = records.slice(start, start + PAGE);
            const result = await collection(name).bulkInsert(chunk as never[]);
            // 409: already restored before an interruption, from this same backup.
            const failed = result.error.find((e) => e.status !== 409);
            if (failed)
              throw new Error(
                `Could not restore ${WHAT[name][1]} (the database answered ${failed.status}). What was restored so far stays; import the same file again to finish.`,
              );
          }
        }
        for (const entry of backup.journal) await store.journal.begin(entry);
        await (await db.getLocal(RESTORE_MARKER))?.remove();
        const contents = backupContents(backup);
        return ok({
          ...contents,
          migrated: COLLECTION_NAMES.filter(
            (name) =>
              backup.schemaVersions[name] < COLLECTION_SCHEMAS[name].version &&
              backup.collections[name].length > 0,
          ),
        });
      }),
  };
}

/** What the Settings screen and the job host do with backups, at the instant they ask. */
export type Backups = {
  /** A backup of everything now, as the text of a file, and what it holds. */
  exportNow(): Promise<{ text: string; contents: BackupContents }>;
  /** A chosen file's text, read and checked; nothing is written yet. */
  read(text: string): Result<{ backup: BackupDocument; contents: BackupContents }>;
  /** Restores a read backup into this (empty) profile. */
  restore(backup: BackupDocument): Promise<Result<RestoreReport>>;
  /** The daily backup's text, and how many records it holds (none: nothing worth keeping). */
  daily(at: Instant): Promise<{ text: string; records: number }>;
};

export function createBackups(
  db: NoLapseDatabase,
  options: { lock?: LockPort; now?: () => Instant } = {},
): Backups {
  const service = createBackupService(db, options.lock ? { lock: options.lock } : {});
  const now = options.now ?? (() => new Date().toISOString());
  return {
    async exportNow() {
      const backup = await service.snapshot(now());
      return { text: backupText(backup), contents: backupContents(backup) };
    },
    read(text) {
      const read = readBackup(text);
      return read.ok ? ok({ backup: read.value, contents: backupContents(read.value) }) : read;
    },
    restore: (backup) => service.restore(backup, now()),
    async daily(at) {
      const backup = await service.snapshot(at);
      return { text: backupText(backup), records: backupContents(backup).total };
    },
  };
}
