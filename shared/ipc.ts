/**
 * The one contract between the renderer and the Electron main process. The preload exposes
 * exactly `PlatformApi` as `window.nolapse`; the web adapter implements the same type.
 */
import type { BadgeCounts } from './renewals/badge.js';
import type { SchedulerTick } from './time/index.js';

export type { BadgeCounts } from './renewals/badge.js';
export type { SchedulerTick, TickReason } from './time/index.js';

export type Unsubscribe = () => void;

export type NotificationRequest = {
  /** The ledger id of the notification; main uses it to ignore duplicates. */
  id: string;
  title: string;
  body: string;
  /** What clicking the notification opens, e.g. '/renewals/ren_123'. */
  route: string;
};

export type PauseReminders = { until: string | null };

export type PlatformInfo = {
  kind: 'electron' | 'web';
  /** Whether a tray and native notifications exist on this platform. */
  hasTray: boolean;
};

/**
 * A webhook plugin's POST, made by the platform: main in Electron (no CSP or CORS in the way).
 * `idempotencyKey` goes out as the Idempotency-Key header; `allowedHosts` are the office's
 * hosts that may be called although they are private, loopback or link-local.
 */
export type WebhookRequest = {
  url: string;
  body: string;
  timeoutMs: number;
  idempotencyKey: string;
  allowedHosts: string[];
};
/**
 * The reply, or why there is none ('timeout', a network error, or with `refused` the sentence of
 * the webhook rule that refused the call or its answer). Never a thrown error.
 */
export type WebhookResponse =
  { status: number; body: string } | { error: string; refused?: boolean };

/** The `format` field that opens every NoLapse backup file (renderer/src/db/backup.ts writes it). */
export const BACKUP_FORMAT = 'nolapse-backup';
/** The largest backup main accepts over IPC (characters of JSON); larger ones are refused. */
export const MAX_BACKUP_CHARS = 256 * 1024 * 1024;
/** How many daily backups main keeps unless the person chooses another number. */
export const DEFAULT_BACKUPS_KEPT = 7;
/** The most daily backups a person may keep (a year of them). */
export const MAX_BACKUPS_KEPT = 366;

/** One daily backup: the JSON snapshot the job host made after the first daily run of `day`. */
export type DailyBackupRequest = {
  /** The office's local date the backup is of ('YYYY-MM-DD'); one file per day. */
  day: string;
  /** The whole backup document, as JSON starting with `{"format":"nolapse-backup"`. */
  snapshot: string;
};

/** A daily backup file main keeps, newest first in BackupStatus. */
export type BackupFile = { day: string; fileName: string; bytes: number; writtenAt: string };

/** Where daily backups go and what is there; `daily` is false where none are written (web mode). */
export type BackupStatus = {
  daily: boolean;
  /** The folder the desktop writes them to; null in web mode. */
  folder: string | null;
  /** How many daily backups are kept (the newest). */
  keep: number;
  backups: BackupFile[];
  /** The last daily backup that could not be written, and why; null once one succeeds. */
  lastFailure: { at: string; message: string } | null;
  /** Web mode: whether the browser keeps this site's data under storage pressure; null elsewhere. */
  persistentStorage: boolean | null;
};

/** What writing a daily backup did: the file and the older ones it removed, or why it failed. */
export type DailyBackupResult =
  { ok: true; fileName: string; removed: string[] } | { ok: false; message: string };

export type PlatformApi = {
  info(): Promise<PlatformInfo>;
  notify(notification: NotificationRequest): Promise<void>;
  /**
   * The tray icon and dock badge show `mine` (the overdue and urgent renewals of the person
   * using the device); the tray menu shows `office`.
   */
  setBadge(counts: BadgeCounts): Promise<void>;
  /** Local time 'HH:MM' of the daily refresh. */
  setDailyRefreshTime(time: string): Promise<void>;
  /** The office's IANA time zone: the daily refresh and "until tomorrow" follow its clock. */
  setOfficeTimeZone(timeZone: string): Promise<void>;
  postWebhook(request: WebhookRequest): Promise<WebhookResponse>;
  /**
   * Wake the scheduler at this instant (the earliest pending auto-renewal trigger) and tick
   * 'trigger' then; an instant already past ticks at once; null = nothing pending.
   */
  wakeAt(at: string | null): Promise<void>;
  /**
   * The job host's daily run (and the backup after it) started or ended: Quit waits for it to
   * end, and a hung window running one gets longer before it is restarted.
   */
  setJobRunning(running: boolean): Promise<void>;
  /** Writes the day's backup atomically and keeps the newest ones; never throws. */
  writeDailyBackup(request: DailyBackupRequest): Promise<DailyBackupResult>;
  backupStatus(): Promise<BackupStatus>;
  /** How many daily backups to keep (1 to MAX_BACKUPS_KEPT); older ones are removed now. */
  setBackupsKept(count: number): Promise<BackupStatus>;
  onTick(listener: (tick: SchedulerTick) => void): Unsubscribe;
  /** Clicking a notification or a tray entry asks the renderer to open a route. */
  onNavigate(listener: (route: string) => void): Unsubscribe;
  onPauseChanged(listener: (pause: PauseReminders) => void): Unsubscribe;
};

/** Renderer → main request channels (ipcRenderer.invoke). */
export const INVOKE_CHANNELS = [
  'info',
  'notify',
  'setBadge',
  'setDailyRefreshTime',
  'setOfficeTimeZone',
  'postWebhook',
  'wakeAt',
  'setJobRunning',
  'writeDailyBackup',
  'backupStatus',
  'setBackupsKept',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Main → renderer event channels (webContents.send). */
export const EVENT_CHANNELS = ['tick', 'navigate', 'pauseChanged'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];
