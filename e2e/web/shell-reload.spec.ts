import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { integrityViolations } from '../../shared/jobs/invariants.test-support';
import { createMemoryStore } from '../../shared/jobs/memory-store';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/jobs/store';
import { OFFICE_CONFIG_ID } from '../../shared/office';
import { COLLECTION_SCHEMAS } from '../../shared/schema/collections';

/**
 * "A reload never interrupts a job half-way": the window is reloaded (as main reloads a crashed
 * or hung page) in the middle of a daily run's writes, and the next run, the reloaded page's
 * start-up tick, finishes it: no duplicate, nothing lost. Real Chromium, real IndexedDB.
 */
test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const NOW = new Date('2026-02-01T09:00:00Z');
const RENEWALS = 3000;
const CUSTOMERS = 30;
const at = '2026-01-01T09:00:00.000Z';

/** An office whose every renewal went overdue while nobody ran NoLapse: plenty of work. */
function officeBackup(): string {
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
    id: `cus_${String(i).padStart(3, '0')}`,
    name: `Customer ${i + 1}`,
    assigneeId: 'me',
    permits: [],
    createdAt: at,
    updatedAt: at,
  }));
  const renewals = Array.from({ length: RENEWALS }, (_, i) => ({
    id: `ren_${String(i).padStart(5, '0')}`,
    customerId: customers[i % CUSTOMERS]!.id,
    serviceType: 'RESIDENCE_PERMIT',
    dueDate: `2026-01-${String(10 + (i % 15)).padStart(2, '0')}`,
    status: 'ACTIVE',
    stage: null,
    nextStageOn: '2026-01-01',
    assigneeId: 'me',
    notes: '',
    complianceFlag: false,
    createdAt: at,
    updatedAt: at,
  }));
  const collections = Object.fromEntries(COLLECTION_NAMES.map((name) => [name, [] as unknown[]]));
  collections.customers = customers;
  collections.renewals = renewals;
  collections.config = [
    {
      id: OFFICE_CONFIG_ID,
      value: {
        officeName: 'Reload test office',
        timeZone: 'UTC',
        dailyRefreshTime: '07:00',
        staff: [{ id: 'me', name: 'Me' }],
      },
      updatedAt: at,
    },
  ];
  return JSON.stringify({
    format: 'nolapse-backup',
    version: 1,
    createdAt: at,
    schemaVersions: Object.fromEntries(
      COLLECTION_NAMES.map((name) => [name, COLLECTION_SCHEMAS[name].version]),
    ),
    collections,
    journal: [],
  });
}

/** The little of IndexedDB the watcher uses (this file is typechecked without the DOM lib). */
type Request<T> = {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
};
type Store = { count(): Request<number>; getAll(): Request<unknown[]> };
type Database = {
  transaction(name: string, mode: 'readonly'): { objectStore(name: string): Store };
};
type PageGlobals = {
  indexedDB: { open(name: string): Request<Database> };
  sessionStorage: {
    setItem(key: string, value: string): void;
    getItem(key: string): string | null;
  };
  location: { reload(): void };
};

/**
 * Watches the database from inside the page and reloads it the moment the run is half-way:
 * its timeline events are written but its renewals not yet all marked overdue. What it saw is
 * kept in sessionStorage, which survives the reload.
 */
function reloadHalfWay(page: Page): Promise<unknown> {
  const names = {
    events: `rxdb-dexie-nolapse--${COLLECTION_SCHEMAS.events.version}--events`,
    renewals: `rxdb-dexie-nolapse--${COLLECTION_SCHEMAS.renewals.version}--renewals`,
    tasks: `rxdb-dexie-nolapse--${COLLECTION_SCHEMAS.tasks.version}--tasks`,
  };
  return page
    .evaluate(
      async ({ names, expected }) => {
        const { indexedDB, sessionStorage, location } = globalThis as unknown as PageGlobals;
        const open = (name: string) =>
          new Promise<Database>((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
        const read = <T>(db: Database, get: (store: Store) => Request<T>) =>
          new Promise<T>((resolve, reject) => {
            const request = get(db.transaction('docs', 'readonly').objectStore('docs'));
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
        const [events, renewals, tasks] = await Promise.all([
          open(names.events),
          open(names.renewals),
          open(names.tasks),
        ]);
        for (;;) {
          const eventCount = await read(events, (s) => s.count());
          if (eventCount < expected) continue;
          const stored = await read(renewals, (s) => s.getAll());
          const overdue = (stored as { status: string }[]).filter(
            (r) => r.status === 'OVERDUE',
          ).length;
          if (overdue === expected) return { missed: true };
          const taskCount = await read(tasks, (s) => s.count());
          sessionStorage.setItem(
            'half-way',
            JSON.stringify({ events: eventCount, tasks: taskCount, overdue }),
          );
          location.reload();
          return { reloaded: true };
        }
      },
      { names, expected: RENEWALS },
    )
    .catch((error: Error) => ({ reloaded: true, note: error.message }));
}

test('a reload in the middle of a daily run is finished by the next run, whole', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.clock.install({ time: NOW });
  await page.goto('/#/settings');
  const card = page.getByRole('region', { name: 'Backups' });
  await card.getByLabel('Backup file to import').setInputFiles({
    name: 'nolapse-backup-2026-01-01.json',
    mimeType: 'application/json',
    buffer: Buffer.from(officeBackup()),
  });
  const confirmation = card.getByRole('group', { name: 'Restore this backup?' });
  await expect(confirmation).toContainText(
    `${(RENEWALS + CUSTOMERS + 1).toLocaleString('en-GB')} records`,
  );
  await confirmation.getByRole('button', { name: 'Restore' }).click();
  await expect(card.getByRole('status')).toContainText('Restored', { timeout: 60_000 });

  // The restore's refresh now marks 3000 renewals overdue, with an event and a task each.
  const reloaded = page.waitForEvent('load');
  const watched = (await reloadHalfWay(page)) as { missed?: boolean };
  expect(watched.missed, 'the run finished before the page could be reloaded half-way').not.toBe(
    true,
  );
  await reloaded;
  const halfWay = JSON.parse(
    (await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).sessionStorage.getItem('half-way'),
    )) ?? 'null',
  ) as { events: number; tasks: number; overdue: number };
  test.info().annotations.push({ type: 'half-way', description: JSON.stringify(halfWay) });
  expect(halfWay.events).toBe(RENEWALS);
  expect(halfWay.overdue).toBeLessThan(RENEWALS);

  // The reloaded page's start-up run finishes the work.
  await page.goto('/#/queue');
  await expect(
    page.getByRole('group', { name: 'Counts by urgency' }).locator('.bucket-overdue .bucket-count'),
  ).toHaveText(RENEWALS.toLocaleString('en-GB'), { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Refresh now' })).toBeEnabled({ timeout: 120_000 });

  // Everything, as a backup exports it, checked against the integrity rules.
  await page.goto('/#/settings');
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Export backup' }).click();
  const backup = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as {
    collections: Record<CollectionName, Record<string, unknown>[]>;
  };
  const store = createMemoryStore();
  for (const name of COLLECTION_NAMES)
    await store.insert(name, backup.collections[name] as never[]);
  expect(integrityViolations(store, [])).toEqual([]);

  const renewals = backup.collections.renewals;
  const events = backup.collections.events;
  const tasks = backup.collections.tasks;
  expect(renewals).toHaveLength(RENEWALS);
  expect(renewals.every((r) => r.status === 'OVERDUE' && r.complianceFlag === true)).toBe(true);
  // Nothing lost, nothing twice: one overdue event and one URGENT task per renewal.
  const overdueEvents = events.filter(
    (e) => e.type === 'RENEWAL_TRIGGERED' && e.stage === 'OVERDUE',
  );
  expect(new Set(overdueEvents.map((e) => e.subjectId)).size).toBe(RENEWALS);
  expect(overdueEvents).toHaveLength(RENEWALS);
  const urgent = tasks.filter((t) => t.priority === 'URGENT');
  expect(new Set(urgent.map((t) => t.renewalId)).size).toBe(RENEWALS);
  expect(urgent).toHaveLength(RENEWALS);
});
