import type { Database } from '../db/database.js';
import type { ReminderSettings } from './route.js';

/** Until the server says where it is reachable (PUBLIC_URL), links point at its default port. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { publicUrl: 'http://127.0.0.1:8787' };

const byDatabase = new WeakMap<Database, ReminderSettings>();

/**
 * The reminder settings of the server running on `db`: every job port of every office (the
 * daily runs, the ops API, the sync routes) routes its notices with them.
 */
export function reminderSettingsOf(db: Database): ReminderSettings {
  return byDatabase.get(db) ?? DEFAULT_REMINDER_SETTINGS;
}

export function setReminderSettings(db: Database, settings: ReminderSettings): void {
  byDatabase.set(db, settings);
}
