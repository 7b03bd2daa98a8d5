// The benchmark page, served at /bench/ on the same origin as the real web build (bench/run.mjs),
// so it shares IndexedDB with the app. It exposes window.seedApp and loads every
// bench/page/suites/*.ts, each of which registers the window functions its Node suite calls.
import { openDatabase } from '../../renderer/src/db/database';
import { rxdbStore } from '../../renderer/src/db/rxdb-store';
import { DAY1, DAY2, generateOffice, TODAY } from '../data/generate';

/** The database web mode opens (renderer/src/main.tsx, not served by an office). */
export const APP_DB_NAME = 'nolapse';
const CHUNK = 5000;

export const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

/** Inserts generateOffice() into the app's own database, then closes it. */
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
    await store.insert('customers', office.customers);
    for (let i = 0; i < office.renewals.length; i += CHUNK) {
      const { existing } = await store.insert('renewals', office.renewals.slice(i, i + CHUNK));
      if (existing.length > 0) throw new Error('seedApp: the database was not empty');
    }
  } finally {
    await db.close();
  }
  return {
    ms: ms(t),
    counts: { customers: office.customers.length, renewals: office.renewals.length },
  };
}

// The generator's dates, so the Node suites read them from here rather than keep a copy.
Object.assign(window, { seedApp, benchDates: { TODAY, DAY1, DAY2 } });
import.meta.glob('./suites/*.ts', { eager: true });
Object.assign(window, { benchReady: true });
document.getElementById('status')!.textContent = 'ready';
