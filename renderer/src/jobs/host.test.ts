import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BackupStatus,
  DailyBackupRequest,
  PlatformApi,
  SchedulerTick,
} from '../../../shared/ipc';
import { createBackups } from '../db/backup';
import { createData } from '../db/data';
import type { NoLapseDatabase } from '../db/database';
import { rxdbStore } from '../db/rxdb-store';
import { openTestDatabase } from '../db/rxdb.test-support';
import { useUi } from '../store/ui-store';
import { startJobHost, type JobHost } from './host';

/** The platform port as the desktop's main process answers it, recording what it is told. */
function recordingPlatform(options: { daily: boolean; failWrite?: boolean }) {
  const jobRunning: boolean[] = [];
  const written: DailyBackupRequest[] = [];
  const ticks = new Set<(tick: SchedulerTick) => void>();
  const status = (): BackupStatus => ({
    daily: options.daily,
    folder: options.daily ? '/profile/backups' : null,
    keep: 7,
    backups: written.map((w) => ({
      day: w.day,
      fileName: `nolapse-backup-${w.day}.json`,
      bytes: w.snapshot.length,
      writtenAt: '2026-06-15T07:00:00.000Z',
    })),
    lastFailure: null,
    persistentStorage: null,
  });
  const platform: PlatformApi = {
    info: async () => ({ kind: 'electron', hasTray: true }),
    notify: async () => undefined,
    setBadge: async () => undefined,
    setDailyRefreshTime: async () => undefined,
    setOfficeTimeZone: async () => undefined,
    postWebhook: async () => ({ error: 'offline' }),
    wakeAt: async () => undefined,
    setJobRunning: async (running) => void jobRunning.push(running),
    writeDailyBackup: async (request) => {
      if (options.failWrite) return { ok: false, message: 'The disk is full.' };
      written.push(request);
      return { ok: true, fileName: `nolapse-backup-${request.day}.json`, removed: [] };
    },
    backupStatus: async () => status(),
    setBackupsKept: async () => status(),
    onTick: (listener) => {
      ticks.add(listener);
      return () => ticks.delete(listener);
    },
    onNavigate: () => () => undefined,
    onPauseChanged: () => () => undefined,
  };
  return { platform, jobRunning, written, tick: (t: SchedulerTick) => ticks.forEach((l) => l(t)) };
}

let db: NoLapseDatabase;
let host: JobHost | null = null;
beforeEach(async () => {
  db = await openTestDatabase();
  useUi.setState({ toasts: [], refreshing: false });
});
afterEach(async () => {
  host?.stop();
  host = null;
  await db.close();
});

function start(platform: PlatformApi, at = '2026-06-15T07:00:00.000Z') {
  const backups = createBackups(db, { now: () => at });
  host = startJobHost({
    store: rxdbStore(db),
    data: createData(db),
    platform,
    now: () => at,
    dailyBackup: backups.daily,
  });
  return host;
}

async function addCustomer(): Promise<void> {
  await rxdbStore(db).insert('customers', [
    {
      id: 'cus_1',
      name: 'Elif Kaya',
      assigneeId: 'me',
      permits: [],
      createdAt: '2026-06-01T00:00:00.000Z',
      updatedAt: '2026-06-01T00:00:00.000Z',
    } as never,
  ]);
}

describe('job host', { timeout: 30_000 }, () => {
  it('tells the platform a run is under way until it and the backup after it are done', async () => {
    const desktop = recordingPlatform({ daily: true });
    await addCustomer();
    await start(desktop.platform).refresh();
    expect(desktop.jobRunning).toEqual([true, false]);
    expect(desktop.written).toHaveLength(1);
  });

  it('writes the day’s backup after its first run only, as a NoLapse backup', async () => {
    const desktop = recordingPlatform({ daily: true });
    await addCustomer();
    const jobs = start(desktop.platform);
    await jobs.refresh();
    await jobs.refresh();
    expect(desktop.written.map((w) => w.day)).toEqual(['2026-06-15']);
    const backup = JSON.parse(desktop.written[0]!.snapshot) as {
      format: string;
      collections: { customers: { id: string }[] };
    };
    expect(backup.format).toBe('nolapse-backup');
    expect(backup.collections.customers.map((c) => c.id)).toEqual(['cus_1']);
  });

  it('backs up nothing from an empty database, where daily copies would push out good ones', async () => {
    const desktop = recordingPlatform({ daily: true });
    await start(desktop.platform).refresh();
    expect(desktop.written).toEqual([]);
  });

  it('writes no daily backup where the platform keeps none (web mode)', async () => {
    const web = recordingPlatform({ daily: false });
    await addCustomer();
    await start(web.platform).refresh();
    expect(web.written).toEqual([]);
  });

  it('says so when the backup could not be written', async () => {
    const desktop = recordingPlatform({ daily: true, failWrite: true });
    await addCustomer();
    await start(desktop.platform).refresh();
    expect(useUi.getState().toasts.map((t) => [t.kind, t.text])).toContainEqual([
      'error',
      'The disk is full.',
    ]);
    expect(desktop.jobRunning).toEqual([true, false]);
  });

  it('stays "running" across a tick that arrives during a run, until the last run ends', async () => {
    const desktop = recordingPlatform({ daily: true });
    await addCustomer();
    const jobs = start(desktop.platform);
    const first = jobs.refresh();
    desktop.tick({ reason: 'daily', at: '2026-06-15T07:00:00.000Z' });
    await first;
    await expect.poll(() => desktop.jobRunning).toEqual([true, false]);
  });
});
