// The shell's styles first, so each feature's own CSS comes after them and may refine them.
import './styles.css';
// Before any module builds a zod schema: see strict-csp.ts.
import './strict-csp';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './app/App';
import { SignIn } from './app/SignIn';
import { createBackups } from './db/backup';
import { createData } from './db/data';
import { openDatabase, type MigrationProgress } from './db/database';
import { deleteCountIndex } from './db/count-index';
import { deleteNameIndex } from './db/name-index';
import { rxdbStore } from './db/rxdb-store';
import { StorageFullError } from './db/write-error';
import { ServicesProvider } from './features/shared/services';
import { startJobHost, webLock } from './jobs/host';
import { getPlatform } from './platform';
import { useUi } from './store/ui-store';
import { loadConnection, memoryStorage, type ConnectionStorage } from './sync/connection';
import { createSyncManager } from './sync/manager';
import { syncService } from './sync/service';

/** The device's own storage for the sync connection (localStorage; memory where there is none). */
function deviceStorage(): ConnectionStorage {
  try {
    localStorage.getItem('nolapse.sync');
    return localStorage;
  } catch {
    return memoryStorage();
  }
}

/**
 * Whether this page was served by a NoLapse office server (web build only): then the app is
 * the office's web app, signed in with a device token, and keeps a copy per office.
 */
async function servedByOfficeServer(): Promise<boolean> {
  if (__NOLAPSE_PLATFORM__ !== 'web') return false;
  try {
    const response = await fetch('/api/server', { cache: 'no-store' });
    const body = (await response.json()) as { nolapse?: string };
    return response.ok && body.nolapse === 'office-server';
  } catch {
    return false;
  }
}

/** What each collection holds, in the words of the "Updating your data" screen. */
const COLLECTION_WORDS: Record<string, string> = {
  customers: 'customers',
  renewals: 'renewals',
  events: 'timeline entries',
  tasks: 'tasks',
  notifications: 'notifications',
  config: 'settings',
  workers: 'workers',
  templates: 'document templates',
  instances: 'documents',
  policies: 'policies',
  transactions: 'policy renewals',
  autorenewals: 'auto-renewals',
};

/**
 * Shown while records an older version stored are brought up to date at start-up (after an
 * update, once): what is being updated and how far it is, so nobody closes the app thinking it
 * hangs.
 */
function UpdatingData({ progress }: { progress: MigrationProgress }) {
  const what = COLLECTION_WORDS[progress.collection] ?? progress.collection;
  const count = (n: number) => n.toLocaleString();
  return (
    <main className="fatal" role="status" aria-live="polite">
      <h1>Updating your data…</h1>
      <p>
        This version of NoLapse stores your records a little differently. Updating {what}:{' '}
        {count(progress.handled)} of {count(progress.total)}.
      </p>
      <progress
        max={Math.max(progress.total, 1)}
        value={progress.handled}
        style={{ width: '100%' }}
      />
      <p>
        This happens once after an update. Please keep NoLapse open; nothing is lost if it closes.
      </p>
    </main>
  );
}

async function start(root: Root) {
  const storage = deviceStorage();
  const servedByOffice = await servedByOfficeServer();
  const connection = loadConnection(storage);
  if (servedByOffice && !connection) {
    root.render(
      <StrictMode>
        <SignIn storage={storage} onSignedIn={() => void start(root)} />
      </StrictMode>,
    );
    return;
  }
  const db = await openDatabase({
    name: servedByOffice && connection ? `nolapse-office-${connection.officeId}` : 'nolapse',
    devMode: import.meta.env.DEV,
    onMigrationProgress: (progress) => root.render(<UpdatingData progress={progress} />),
  });
  // User Timing marks of start-up (bench/suites/queue-ui.mjs reads them; free otherwise).
  performance.mark('nolapse:database-open');
  const data = createData(db);
  const platform = getPlatform();
  const manager = createSyncManager({ db, storage, events: window });
  const backups = createBackups(db, { lock: webLock() });
  // Built once, outside React: the scheduler's ticks run the jobs whatever screen is open.
  const host = startJobHost({
    store: rxdbStore(db),
    data,
    platform,
    claim: (channel, staffId, ids) => manager.claimDeliveries(channel, staffId, ids),
    dailyBackup: backups.daily,
  });
  const sync = syncService(manager, {
    servedByOffice,
    async removeLocalData() {
      host.stop();
      // The search's name index and the queue's count index live beside the database: they go
      // with the rest.
      await deleteNameIndex(db);
      await deleteCountIndex(db);
      await db.remove();
      location.reload();
    },
  });
  // A device signed in with a staff member's token is that person's.
  manager.connection$.subscribe((current) => {
    if (current?.staffId) useUi.getState().setMe(current.staffId);
  });
  manager.resume();
  root.render(
    <StrictMode>
      <ServicesProvider
        services={{
          data,
          jobs: host.jobs,
          platform,
          refresh: () => host.refresh(),
          sync,
          backups,
        }}
      >
        <App />
      </ServicesProvider>
    </StrictMode>,
  );
  performance.mark('nolapse:first-render');
}

const root = createRoot(document.getElementById('root')!);
start(root).catch((error: unknown) => {
  const full = error instanceof StorageFullError;
  root.render(
    <main className="fatal" role="alert">
      <h1>NoLapse could not open its data</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      <p>
        {full
          ? 'Once there is space, reload NoLapse. Your data has not been changed.'
          : 'Close other NoLapse windows and reload. Your data has not been changed.'}
      </p>
    </main>,
  );
});
