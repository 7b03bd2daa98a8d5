import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testJobs, tickAt, webhookServer } from '../../../shared/jobs/jobs.test-support';
import { createMemoryStore } from '../../../shared/jobs/memory-store';
import { COLLECTION_NAMES, type JournalEntry } from '../../../shared/jobs/store';
import { COLLECTION_SCHEMAS } from '../../../shared/schema/collections';
import { allRecords, liveThroughTheYear } from '../../../shared/jobs/year.test-support';
import {
  backupContents,
  backupText,
  createBackupService,
  describeCounts,
  readBackup,
  type BackupDocument,
} from './backup';
import type { NoLapseDatabase } from './database';
import { rxdbStore } from './rxdb-store';
import { openTestDatabase } from './rxdb.test-support';

const NOW = '2027-01-02T08:00:00.000Z';
let hook: Awaited<ReturnType<typeof webhookServer>>;
/** A year of an office's work (every domain, every collection), lived on the reference store. */
let office: Awaited<ReturnType<typeof allRecords>>;

const pending: JournalEntry = {
  id: 'op:complete:ren_x',
  label: 'Complete renewal ren_x',
  at: '2027-01-02T07:59:00.000Z',
  writes: [],
};

beforeAll(async () => {
  hook = await webhookServer((_req, _body, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  const memory = createMemoryStore();
  await liveThroughTheYear(memory, hook.url);
  office = await allRecords(memory);
}, 120_000);
afterAll(() => hook.close());

/**
 * Runs `task` on a fresh database and closes it: RxDB allows 13 open collections per process,
 * so one device's database (12) is open at a time, as on a real device.
 */
async function onDatabase<T>(
  task: (db: NoLapseDatabase) => Promise<T>,
  seed?: (db: NoLapseDatabase) => Promise<void>,
): Promise<T> {
  const db = await openTestDatabase();
  try {
    await seed?.(db);
    return await task(db);
  } finally {
    await db.close();
  }
}

/** Seeds a device's database with the office's year, and one operation an interruption left. */
async function theYear(db: NoLapseDatabase): Promise<void> {
  const store = rxdbStore(db);
  for (const name of COLLECTION_NAMES) await store.insert(name, office[name] as never[]);
  await store.journal.begin(pending);
}

/** A backup of a device holding the office's year. */
const backupOfTheYear = () => onDatabase((db) => createBackupService(db).snapshot(NOW), theYear);

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: { form?: string } }): V {
  if (!result.ok) throw new Error(`refused: ${result.errors.form}`);
  return result.value;
}

/** The backup as a file would hold it, edited by `change`. */
function edited(backup: BackupDocument, change: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(backupText(backup)) as Record<string, unknown>;
  change(json);
  return JSON.stringify(json);
}

describe('backup and restore on RxDB', { timeout: 120_000 }, () => {
  it('restores into an empty profile every record, equal record for record, and the journal', async () => {
    const backup = await backupOfTheYear();
    expect(backup.collections.renewals.length).toBeGreaterThan(5);
    for (const name of COLLECTION_NAMES)
      expect(backup.collections[name], name).toEqual(office[name]);

    const text = backupText(backup);
    expect(text.startsWith('{"format":"nolapse-backup","version":1,')).toBe(true);
    await onDatabase(async (restored) => {
      const report = valueOf(
        await createBackupService(restored).restore(valueOf(readBackup(text)), NOW),
      );
      expect(report.total).toBe(Object.values(office).reduce((sum, list) => sum + list.length, 0));
      expect(report.journal).toBe(1);
      expect(report.officeName).toBe('Ikamet & Partners');
      expect(report.migrated).toEqual([]);
      expect(await allRecords(rxdbStore(restored))).toEqual(office);
      expect(await rxdbStore(restored).journal.pending()).toEqual([pending]);
      // A backup of the restored device is the same backup.
      const again = await createBackupService(restored).snapshot(NOW);
      expect(again.collections).toEqual(backup.collections);
      expect(again.journal).toEqual(backup.journal);
    });
  });

  it('runs on as the original would: the next daily run writes and notifies the same', async () => {
    const tick = tickAt('2027-12-31');
    const run = async (db: NoLapseDatabase) => {
      const device = testJobs(rxdbStore(db), { timeZone: 'Europe/Istanbul' });
      const summary = await device.jobs.runDaily(tick);
      return { summary, shown: device.shown, records: await allRecords(rxdbStore(db)) };
    };
    let text = '';
    const original = await onDatabase(async (db) => {
      text = backupText(await createBackupService(db).snapshot(NOW));
      return run(db);
    }, theYear);
    const copy = await onDatabase(async (db) => {
      valueOf(await createBackupService(db).restore(valueOf(readBackup(text)), NOW));
      return run(db);
    });
    expect(original.summary.renewals.events + original.summary.documents.archived).toBeGreaterThan(
      0,
    );
    const { problems: _a, ...originalSummary } = original.summary;
    const { problems: _b, ...copySummary } = copy.summary;
    expect(copySummary).toEqual(originalSummary);
    expect(original.shown.length).toBeGreaterThan(0);
    expect(copy.shown).toEqual(original.shown);
    // The ledger came along: nothing delivered before the backup is delivered again.
    const delivered = new Set(office.notifications!.map((n) => (n as { id: string }).id));
    expect(copy.shown.filter((n) => delivered.has(n.id))).toEqual([]);
    expect(copy.records).toEqual(original.records);
  });

  it('refuses a profile that holds anything, and changes nothing in it', async () => {
    const backup = await backupOfTheYear();
    await onDatabase(async (target) => {
      await rxdbStore(target).insert('customers', [office.customers![0] as never]);
      const result = await createBackupService(target).restore(backup, NOW);
      expect(result).toEqual({
        ok: false,
        errors: {
          form: 'This device already holds 1 customer. A backup is restored only into an empty NoLapse, so nothing here is overwritten or mixed with it. Export these first if you still need them, then restore into a new, empty profile.',
        },
      });
      const records = await allRecords(rxdbStore(target));
      expect(records.customers).toHaveLength(1);
      expect(records.renewals).toHaveLength(0);
    });
  });

  it('finishes a restore an interruption cut short, from the same file only', async () => {
    const backup = await backupOfTheYear();
    await onDatabase(async (target) => {
      // Interrupted after the marker and part of the records.
      await target.insertLocal('backup-restore', { createdAt: backup.createdAt, startedAt: NOW });
      await rxdbStore(target).insert('customers', backup.collections.customers.slice(0, 1));
      const other = { ...backup, createdAt: '2027-01-01T08:00:00.000Z' };
      expect(await createBackupService(target).restore(other, NOW)).toEqual({
        ok: false,
        errors: {
          form: `A restore of the backup made ${NOW} was interrupted here. Import that same file again to finish it.`,
        },
      });
      valueOf(await createBackupService(target).restore(backup, NOW));
      expect(await allRecords(rxdbStore(target))).toEqual(office);
      expect(await target.getLocal('backup-restore')).toBeNull();
    });
  });

  it('takes the snapshot and the restore under the daily run’s lock', async () => {
    const taken: string[] = [];
    const lock = <T>(name: string, task: () => Promise<T>) => {
      taken.push(name);
      return task();
    };
    const backup = await onDatabase(
      (db) => createBackupService(db, { lock }).snapshot(NOW),
      theYear,
    );
    await onDatabase((db) => createBackupService(db, { lock }).restore(backup, NOW));
    expect(taken).toEqual(['nolapse-daily', 'nolapse-daily']);
  });

  it('migrates records of an older schema version on the way in', async () => {
    const backup = await backupOfTheYear();
    // Version 0 policies had no state: every later step must still run on the way in.
    expect(COLLECTION_SCHEMAS.policies.version).toBeGreaterThanOrEqual(1);
    const older = edited(backup, (json) => {
      (json.schemaVersions as Record<string, number>).policies = 0;
      for (const policy of (json.collections as Record<string, Record<string, unknown>[]>)
        .policies!)
        delete policy.state;
    });
    await onDatabase(async (restored) => {
      const report = valueOf(
        await createBackupService(restored).restore(valueOf(readBackup(older)), NOW),
      );
      expect(report.migrated).toEqual(['policies']);
      const policies = (await allRecords(rxdbStore(restored))).policies as { state: string }[];
      expect(policies.length).toBeGreaterThan(0);
      expect(policies.every((p) => p.state === 'active')).toBe(true);
    });
  });
});

describe('reading a backup file', () => {
  let backup: BackupDocument;
  beforeAll(async () => {
    backup = await backupOfTheYear();
  }, 60_000);
  const refusal = (text: string) => {
    const result = readBackup(text);
    return result.ok ? null : result.errors.form;
  };

  it('says what a backup holds, for the confirmation', () => {
    const contents = backupContents(backup);
    expect(contents.createdAt).toBe(NOW);
    expect(contents.counts.customers).toBe(office.customers!.length);
    expect(describeCounts({ customers: 1, renewals: 1204, tasks: 0 })).toBe(
      '1 customer, 1,204 renewals',
    );
    expect(describeCounts({})).toBe('no records');
  });

  it('refuses what is not a NoLapse backup', () => {
    expect(refusal('not json at all')).toMatch(
      /^This file is not a NoLapse backup\. Choose a file made by Export backup .*\(It is not JSON, or it was cut short\.\)$/,
    );
    expect(refusal(backupText(backup).slice(0, 500))).toMatch(/cut short/);
    expect(refusal('{"customers":[]}')).toMatch(/^This file is not a NoLapse backup\./);
    expect(refusal(edited(backup, (json) => delete json.journal))).toMatch(
      /^This NoLapse backup is damaged: journal is missing or wrong\./,
    );
  });

  it('refuses a backup from a newer NoLapse, saying to update', () => {
    expect(refusal(edited(backup, (json) => (json.version = 2)))).toBe(
      'This backup was made by a newer NoLapse (backup format 2; this one reads up to 1). Update NoLapse on this device, then import it again.',
    );
    expect(
      refusal(
        edited(backup, (json) => ((json.schemaVersions as Record<string, number>).renewals = 9)),
      ),
    ).toBe(
      `This backup was made by a newer NoLapse: its renewals are version 9, this NoLapse reads up to version ${COLLECTION_SCHEMAS.renewals.version}. Update NoLapse on this device, then import it again.`,
    );
    expect(
      refusal(
        edited(backup, (json) => ((json.collections as Record<string, unknown>).invoices = [])),
      ),
    ).toMatch(/^This backup holds "invoices", which this NoLapse does not know/);
  });

  it('refuses damaged records, naming which and why', () => {
    const renewals = (json: Record<string, unknown>) =>
      (json.collections as Record<string, Record<string, unknown>[]>).renewals!;
    expect(refusal(edited(backup, (json) => delete renewals(json)[0]!.dueDate))).toMatch(
      /^This NoLapse backup is damaged: renewal number 1 \(.+\) has no dueDate\. Nothing was imported\.$/,
    );
    expect(refusal(edited(backup, (json) => (renewals(json)[1]!.complianceFlag = 'yes')))).toMatch(
      /renewal number 2 \(.+\) has complianceFlag as string, not boolean/,
    );
    expect(
      refusal(edited(backup, (json) => renewals(json).push({ ...renewals(json)[0]! }))),
    ).toMatch(/^This NoLapse backup is damaged: it holds renewal .+ twice\./);
    expect(refusal(edited(backup, (json) => (renewals(json)[0]!._rev = '1-abc')))).toMatch(
      /carries the storage field _rev/,
    );
  });
});
