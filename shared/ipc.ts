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
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Main → renderer event channels (webContents.send). */
export const EVENT_CHANNELS = ['tick', 'navigate', 'pauseChanged'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];
