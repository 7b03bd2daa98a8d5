import type { Notice } from '../notice.js';
import type { WebhookResult } from '../policies/plugins.js';
import type { Instant } from '../time/index.js';
import type { StorePort } from './store.js';

/**
 * One webhook call as the jobs ask for it: the transport sends `idempotencyKey` as the
 * Idempotency-Key header and refuses private targets not in `allowedHosts` (webhook-rules.ts).
 */
export type WebhookCall = {
  url: string;
  body: string;
  timeoutMs: number;
  idempotencyKey: string;
  allowedHosts: string[];
};

/**
 * What jobs may cause outside the store: show a notice (the tray or the browser), post a
 * webhook (the main process, the browser or the server). Delivery bookkeeping is not here:
 * the jobs keep the device's ledger in the store, so a notice is delivered once.
 */
export type EffectsPort = {
  /** Shows a notice delivered at `at` (the tray, the browser; on the server: email, webhooks). */
  show(notice: Notice, at: Instant): Promise<void>;
  postWebhook(call: WebhookCall): Promise<WebhookResult>;
  /** True while the person paused reminders: notices reach the notification centre only. */
  paused?(): boolean;
};

/** Runs `task` while holding the named lock, so two daily runs never overlap. */
export type LockPort = <T>(name: string, task: () => Promise<T>) => Promise<T>;

/**
 * The device the jobs run on, when it is one people use (the desktop, the browser): who uses it
 * decides which notices it shows and how (their desktop reminder preference).
 */
export type DevicePort = {
  /** The staff member using this device; null on a shared device, which shows everyone's. */
  me(): string | null;
  /**
   * Asks the office server which of these notices nobody's other device showed to `staffId`
   * yet on `channel`, recording them as shown: the ids this device may show. Null (or a
   * rejection) when the server cannot be asked; absent when there is no server.
   */
  claim?(channel: 'desktop', staffId: string, ids: readonly string[]): Promise<string[] | null>;
};

export type JobPorts = {
  store: StorePort;
  effects: EffectsPort;
  /** Ids for records people create ('cus_…'); derived records get deterministic ids instead. */
  newId(prefix: string): string;
  /** One job at a time per database: navigator.locks, a PostgreSQL advisory lock, or in-process. */
  lock?: LockPort;
  /** The zone a fresh office counts days in until one is set: the machine's. */
  defaultTimeZone: string;
  /** Absent on the server and in tests of the rules: every notice is delivered as it is. */
  device?: DevicePort;
};

/** A lock for one process: tasks under the same name run one after another. */
export function inProcessLock(): LockPort {
  const tails = new Map<string, Promise<unknown>>();
  return async (name, task) => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(task);
    tails.set(name, run);
    try {
      return await run;
    } finally {
      if (tails.get(name) === run) tails.delete(name);
    }
  };
}
