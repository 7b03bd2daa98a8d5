import type { DocumentInstance } from '../schema/document-instance.js';

const RENEWAL_SUFFIX = /:r(\d+)$/;

/**
 * Ids of derived document records, built from what caused them, so two devices (or a device
 * and the server) assigning, renewing or reminding converge to one record each.
 */
export const documentIds = {
  /** A worker's first instance of a template. */
  firstInstance: (templateId: string, workerId: string) => `doc:${templateId}:${workerId}`,
  /** The instance that follows `previous` in its renewal chain: '<rootId>:r<n>'. */
  nextInstance(previous: Pick<DocumentInstance, 'id' | 'renewalNumber'>): string {
    const suffix = RENEWAL_SUFFIX.exec(previous.id);
    const rootId =
      suffix && Number(suffix[1]) === previous.renewalNumber
        ? previous.id.slice(0, suffix.index)
        : previous.id;
    return `${rootId}:r${previous.renewalNumber + 1}`;
  },
  workerReminder: (instanceId: string, daysBefore: number) =>
    `doc-reminder:${instanceId}:D${daysBefore}`,
  adminReminder: (instanceId: string, daysBefore: number) =>
    `doc-reminder-admin:${instanceId}:D${daysBefore}`,
  /** A reminder interval that reaches admins through the weekly digest only. */
  digestItem: (instanceId: string, daysBefore: number) => `doc-digest:${instanceId}:D${daysBefore}`,
  workerExpired: (instanceId: string) => `doc-expired:${instanceId}`,
  /** A reminder after expiry to sign the renewal `instanceId`, sent on `remindOn`. */
  overdueReminder: (instanceId: string, remindOn: string) =>
    `doc-overdue:${instanceId}:${remindOn}`,
  adminExpired: (instanceId: string) => `doc-expired-admin:${instanceId}`,
  weeklyDigest: (weekOf: string) => `doc-digest-week:${weekOf}`,
};
