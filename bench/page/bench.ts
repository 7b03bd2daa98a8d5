// The benchmark page, served at /bench/ on the same origin as the real web build (bench/run.mjs),
// so it shares IndexedDB with the app. It exposes window.seedApp and loads every
// bench/page/suites/*.ts, each of which registers the window functions its Node suite calls.
import { openDatabase } from '../../renderer/src/db/database';
import { rxdbStore } from '../../renderer/src/db/rxdb-store';
import { DAY1, DAY2, generateOffice, OFFICE_COLLECTIONS, TODAY } from '../data/generate';

/** The database web mode opens (renderer/src/main.tsx, not served by an office). */
export const APP_DB_NAME = 'nolapse';
const CHUNK = 5000;

export const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

/** Inserts generateOffice() (every collection it fills) into the app's own database, then closes it. */
async function seedApp({
  size,
  today,
  state,
}: {
  size: number;
  today?: string;
  state?: 'refreshed' | 'unstaged';
}) {
  const t = performance.now();
  const office = generateOffice({ size, ...(today ? { today } : {}), state: state ?? 'refreshed' });
  const db = await openDatabase({ name: APP_DB_NAME, validate: false });
  try {
    const store = rxdbStore(db);
    // Every collection through the store port the jobs use, in bulk chunks; renewals last.
    for (const collection of OFFICE_COLLECTIONS) {
      const records = office[collection];
      for (let i = 0; i < records.length; i += CHUNK) {
        const { existing } = await store.insert(collection, records.slice(i, i + CHUNK) as never[]);
        if (existing.length > 0) throw new Error(`seedApp: ${collection} was not empty`);
      }
    }
  } finally {
    await db.close();
  }
  return {
    ms: ms(t),
    counts: Object.fromEntries(OFFICE_COLLECTIONS.map((c) => [c, office[c].length])),
  };
}

/**
 * The problems the daily runs so far reported (they are delivered as `problem:…` notices), so a
 * suite can check that the seeded office is one the jobs run over cleanly.
 */
async function appProblems() {
  const db = await openDatabase({ name: APP_DB_NAME, validate: false });
  try {
    const notifications = await rxdbStore(db).find('notifications', {});
    return notifications
      .filter((n) => n.id.startsWith('problem:'))
      .map((n) => ({ id: n.id, title: n.title, body: n.body }));
  } finally {
    await db.close();
  }
}

// The generator's dates, so the Node suites read them from here rather than keep a copy.
Object.assign(window, { seedApp, appProblems, benchDates: { TODAY, DAY1, DAY2 } });
import.meta.glob('./suites/*.ts', { eager: true });
Object.assign(window, { benchReady: true });
document.getElementById('status')!.textContent = 'ready';
