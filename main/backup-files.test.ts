import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BACKUPS_KEPT } from '../shared/ipc';
import { BackupFolder, backupDayOf, backupFileName, backupsToRemove } from './backup-files';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function profile() {
  const userData = mkdtempSync(join(tmpdir(), 'nolapse-backups-'));
  made.push(userData);
  const folder = join(userData, 'backups');
  const backups = new BackupFolder({
    folder,
    settingsFile: join(userData, 'backup-settings.json'),
    now: () => '2026-06-15T07:00:00.000Z',
  });
  return { userData, folder, backups };
}

const snapshot = (day: string) => `{"format":"nolapse-backup","version":1,"day":"${day}"}`;
const days = (n: number) =>
  Array.from({ length: n }, (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`);

describe('backup rotation', () => {
  it('removes the oldest beyond the kept count and never another file', () => {
    const names = [...days(9).map(backupFileName), 'notes.txt', 'nolapse-backup-latest.json'];
    expect(backupsToRemove(names, 7)).toEqual([
      backupFileName('2026-06-01'),
      backupFileName('2026-06-02'),
    ]);
    expect(backupsToRemove(names, 100)).toEqual([]);
  });

  it('never removes the one just written, even when its day sorts first', () => {
    const names = [
      backupFileName('2026-06-01'),
      backupFileName('2026-06-10'),
      backupFileName('2026-06-11'),
    ];
    expect(backupsToRemove(names, 1, backupFileName('2026-06-01'))).toEqual([
      backupFileName('2026-06-10'),
    ]);
  });

  it('reads the day back from a file name', () => {
    expect(backupDayOf('nolapse-backup-2026-06-15.json')).toBe('2026-06-15');
    expect(backupDayOf('.nolapse-backup-2026-06-15.json.1.tmp')).toBeNull();
  });
});

describe('backup folder', () => {
  it('writes the day’s backup into <userData>/backups and lists it', async () => {
    const { folder, backups } = profile();
    const result = await backups.write({ day: '2026-06-15', snapshot: snapshot('2026-06-15') });
    expect(result).toEqual({ ok: true, fileName: 'nolapse-backup-2026-06-15.json', removed: [] });
    expect(readFileSync(join(folder, 'nolapse-backup-2026-06-15.json'), 'utf8')).toBe(
      snapshot('2026-06-15'),
    );
    const status = await backups.status();
    expect(status).toMatchObject({
      daily: true,
      folder,
      keep: DEFAULT_BACKUPS_KEPT,
      lastFailure: null,
    });
    expect(status.backups).toEqual([
      expect.objectContaining({ day: '2026-06-15', bytes: snapshot('2026-06-15').length }),
    ]);
    // Only the backup is left: the temporary file was renamed into place.
    expect(readdirSync(folder)).toEqual(['nolapse-backup-2026-06-15.json']);
  });

  it('keeps the newest seven by default, newest first', async () => {
    const { folder, backups } = profile();
    for (const day of days(9)) await backups.write({ day, snapshot: snapshot(day) });
    const status = await backups.status();
    expect(status.backups.map((b) => b.day)).toEqual(days(9).slice(2).reverse());
    expect(readdirSync(folder)).toHaveLength(7);
  });

  it('replaces a day’s backup when that day is backed up again', async () => {
    const { folder, backups } = profile();
    await backups.write({ day: '2026-06-15', snapshot: snapshot('first') });
    await backups.write({ day: '2026-06-15', snapshot: snapshot('second') });
    expect(readFileSync(join(folder, backupFileName('2026-06-15')), 'utf8')).toBe(
      snapshot('second'),
    );
  });

  it('keeps every earlier backup when a new one cannot be written, and says why', async () => {
    const { folder, backups } = profile();
    for (const day of days(7)) await backups.write({ day, snapshot: snapshot(day) });
    // The day's file cannot be replaced: a folder stands where it would go.
    mkdirSync(join(folder, backupFileName('2026-06-08'), 'blocker'), { recursive: true });
    const result = await backups.write({ day: '2026-06-08', snapshot: snapshot('2026-06-08') });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^The daily backup of 2026-06-08 could not be written \(.+\); the earlier backups are kept\.$/,
    );
    for (const day of days(7))
      expect(existsSync(join(folder, backupFileName(day))), day).toBe(true);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const status = await backups.status();
    expect(status.lastFailure).toEqual({
      at: '2026-06-15T07:00:00.000Z',
      message: !result.ok ? result.message : '',
    });

    // Once a backup succeeds again, the failure is gone from the status.
    rmSync(join(folder, backupFileName('2026-06-08')), { recursive: true });
    expect((await backups.write({ day: '2026-06-08', snapshot: snapshot('2026-06-08') })).ok).toBe(
      true,
    );
    expect((await backups.status()).lastFailure).toBeNull();
  });

  it('cleans up a temporary file a crash left behind', async () => {
    const { folder, backups } = profile();
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '.nolapse-backup-2026-06-14.json.123-abc.tmp'), '{"format":');
    await backups.write({ day: '2026-06-15', snapshot: snapshot('2026-06-15') });
    expect(readdirSync(folder)).toEqual(['nolapse-backup-2026-06-15.json']);
  });

  it('remembers a chosen count across restarts and removes the excess at once', async () => {
    const { userData, folder, backups } = profile();
    for (const day of days(5)) await backups.write({ day, snapshot: snapshot(day) });
    const status = await backups.setKeep(2);
    expect(status.keep).toBe(2);
    expect(status.backups.map((b) => b.day)).toEqual(['2026-06-05', '2026-06-04']);
    const restarted = new BackupFolder({
      folder,
      settingsFile: join(userData, 'backup-settings.json'),
      now: () => '2026-06-16T07:00:00.000Z',
    });
    expect(await restarted.keep()).toBe(2);
    await expect(backups.setKeep(0)).rejects.toThrow(
      'Keep between 1 and 366 daily backups, not 0.',
    );
  });

  it('falls back to seven when the settings file is damaged', async () => {
    const { userData, backups } = profile();
    writeFileSync(join(userData, 'backup-settings.json'), '{"keep": "all"');
    expect(await backups.keep()).toBe(DEFAULT_BACKUPS_KEPT);
    writeFileSync(join(userData, 'backup-settings.json'), '{"keep": 100000}');
    expect(await backups.keep()).toBe(DEFAULT_BACKUPS_KEPT);
  });

  it('lists nothing before the first backup', async () => {
    const { backups } = profile();
    expect((await backups.status()).backups).toEqual([]);
  });
});
