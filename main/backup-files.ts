import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEFAULT_BACKUPS_KEPT,
  MAX_BACKUPS_KEPT,
  type BackupFile,
  type BackupStatus,
  type DailyBackupRequest,
  type DailyBackupResult,
} from '../shared/ipc';
import type { Instant } from '../shared/time';

const BACKUP_FILE = /^nolapse-backup-(\d{4}-\d{2}-\d{2})\.json$/;
const TEMP_FILE = /^\.nolapse-backup-.*\.tmp$/;

/** The file a day's backup is kept in; names sort by day, oldest first. */
export function backupFileName(day: string): string {
  return `nolapse-backup-${day}.json`;
}

/** The day a backup file holds, or null for any other file in the folder. */
export function backupDayOf(fileName: string): string | null {
  return BACKUP_FILE.exec(fileName)?.[1] ?? null;
}

/**
 * Which backup files to delete so the newest `keep` remain. Other files in the folder are
 * never touched; `protect` (the one just written) never goes, whatever its day.
 */
export function backupsToRemove(fileNames: readonly string[], keep: number, protect?: string) {
  const backups = fileNames.filter((name) => backupDayOf(name) !== null).sort();
  const kept = new Set(backups.slice(-Math.max(1, keep)));
  if (protect !== undefined) kept.add(protect);
  return backups.filter((name) => !kept.has(name));
}

/** A kept count a person may choose: a whole number from 1 to MAX_BACKUPS_KEPT. */
export function isBackupsKept(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_BACKUPS_KEPT;
}

function messageOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM') return 'NoLapse may not write to the backup folder';
  if (code === 'EROFS') return 'the backup folder is on a read-only disk';
  return error instanceof Error ? error.message : String(error);
}

export type BackupFolderOptions = {
  /** `<userData>/backups`. */
  folder: string;
  /** Where the kept count is remembered, outside the backup folder: `<userData>/backup-settings.json`. */
  settingsFile: string;
  now: () => Instant;
};

/**
 * The desktop's daily backups: one JSON file per day, written to a temporary file, flushed to
 * disk and renamed over the day's file, so a crash or a full disk leaves the previous backups
 * as they were. Only after the new file is in place are the oldest beyond the kept count removed.
 */
export class BackupFolder {
  readonly #options: BackupFolderOptions;
  #lastFailure: BackupStatus['lastFailure'] = null;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(options: BackupFolderOptions) {
    this.#options = options;
  }

  get folder(): string {
    return this.#options.folder;
  }

  async keep(): Promise<number> {
    try {
      const saved = JSON.parse(await readFile(this.#options.settingsFile, 'utf8')) as {
        keep?: unknown;
      };
      return isBackupsKept(saved.keep) ? saved.keep : DEFAULT_BACKUPS_KEPT;
    } catch {
      return DEFAULT_BACKUPS_KEPT;
    }
  }

  /** Remembers how many to keep and removes the ones beyond it now. */
  setKeep(count: number): Promise<BackupStatus> {
    return this.#serial(async () => {
      if (!isBackupsKept(count))
        throw new Error(`Keep between 1 and ${MAX_BACKUPS_KEPT} daily backups, not ${count}.`);
      await writeFile(this.#options.settingsFile, `${JSON.stringify({ keep: count })}\n`);
      await this.#prune(count);
      return this.#statusNow();
    });
  }

  /** The backups there are, newest first. */
  async list(): Promise<BackupFile[]> {
    let names: string[];
    try {
      names = await readdir(this.#options.folder);
    } catch {
      return [];
    }
    const files: BackupFile[] = [];
    for (const fileName of names) {
      const day = backupDayOf(fileName);
      if (day === null) continue;
      try {
        const info = await stat(join(this.#options.folder, fileName));
        if (info.isFile())
          files.push({ day, fileName, bytes: info.size, writtenAt: info.mtime.toISOString() });
      } catch {
        // Removed meanwhile.
      }
    }
    return files.sort((a, b) => (a.day < b.day ? 1 : -1));
  }

  status(): Promise<BackupStatus> {
    return this.#serial(() => this.#statusNow());
  }

  /** Writes the day's backup; never throws: a failure is returned and shown in the status. */
  write(request: DailyBackupRequest): Promise<DailyBackupResult> {
    return this.#serial(async () => {
      const fileName = backupFileName(request.day);
      const target = join(this.#options.folder, fileName);
      const temp = join(
        this.#options.folder,
        `.${fileName}.${Date.parse(this.#options.now())}-${Math.random().toString(36).slice(2, 8)}.tmp`,
      );
      try {
        await mkdir(this.#options.folder, { recursive: true });
        const handle = await open(temp, 'wx');
        try {
          await handle.writeFile(request.snapshot, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        const message = `The daily backup of ${request.day} could not be written (${messageOf(error)}); the earlier backups are kept.`;
        this.#lastFailure = { at: this.#options.now(), message };
        return { ok: false, message };
      }
      this.#lastFailure = null;
      const removed = await this.#prune(await this.keep(), fileName);
      return { ok: true, fileName, removed };
    });
  }

  async #statusNow(): Promise<BackupStatus> {
    return {
      daily: true,
      folder: this.#options.folder,
      keep: await this.keep(),
      backups: await this.list(),
      lastFailure: this.#lastFailure,
      persistentStorage: null,
    };
  }

  /** Removes backups beyond `keep` and temporary files a crash left; a failure here loses nothing. */
  async #prune(keep: number, protect?: string): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.#options.folder);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of backupsToRemove(names, keep, protect)) {
      try {
        await rm(join(this.#options.folder, name));
        removed.push(name);
      } catch {
        // Still there; the next prune tries again.
      }
    }
    for (const name of names.filter((n) => TEMP_FILE.test(n)))
      await rm(join(this.#options.folder, name), { force: true }).catch(() => undefined);
    return removed;
  }

  /** One write, prune or status at a time, so a prune never races a rename. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#writes.then(task, task);
    this.#writes = next.catch(() => undefined);
    return next;
  }
}
