/**
 * How a stored record of an older schema version becomes the current one, per collection and
 * target version. Pure, so the desktop's RxDB migration and the server can run the same steps.
 */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

/** Version 1 only named enum values the data already held: the record stays as it was. */
const unchanged: Migration = (record) => record;

/**
 * Policies version 1 record whether a policy is cancelled. Version 0 had no such state: a
 * cancellation then only reset renewals, so every stored policy is still in force.
 */
export const policyToV1: Migration = (record) => ({ ...record, state: 'active' });

/**
 * Template version 1: each version gains `overdueReminderEveryDays`, 7 as the office had it
 * before (a fixed value: later changes of the default must not reach old records).
 */
const templateOverdueReminders: Migration = (record) => ({
  ...record,
  versions: ((record.versions ?? []) as Record<string, unknown>[]).map((version) => ({
    overdueReminderEveryDays: 7,
    ...version,
  })),
});

/** Worker version 1: placements are recorded on the worker; older workers had none. */
const workerPlacements: Migration = (record) => ({ placements: [], ...record });

/** Notification ledger version 1: notices can wait for a digest; older ones never did. */
const notificationDigest: Migration = (record) => ({
  ...record,
  digestDue: '',
  digestedAt: null,
});

/** Renewals version 1 add optional snooze and in-progress fields: absent means neither. */
const renewalAcknowledgement: Migration = unchanged;

export const MIGRATIONS: Partial<Record<string, Record<number, Migration>>> = {
  renewals: { 1: renewalAcknowledgement },
  notifications: { 1: notificationDigest },
  transactions: { 1: unchanged },
  autorenewals: { 1: unchanged },
  policies: { 1: policyToV1 },
  templates: { 1: templateOverdueReminders },
  workers: { 1: workerPlacements },
};
