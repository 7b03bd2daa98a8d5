import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import { routes } from '../routes.js';
import { addDays, diffDays, type LocalDate } from '../time/index.js';
import { blockedFrom, graceState } from './expiry.js';
import { documentIds } from './ids.js';
import { isUnsigned } from './lifecycle.js';
import type { DocumentNotification } from './sweep.js';
import { latestTemplateVersion } from './template.js';

/** A renewal still to sign after the document it renews expired: what reminders and the digest say. */
export type OverdueRenewal = {
  workerId: string;
  worker: string;
  /** The unsigned renewal instance the worker must sign. */
  instanceId: string;
  status: DocumentInstance['status'];
  templateId: string;
  document: string;
  /** The expiry date of the document it renews. */
  expiredOn: LocalDate;
  daysOverdue: number;
  /** 'expired': past grace on a non-blocking template (a warning, never a block). */
  state: 'grace' | 'blocked' | 'expired';
  blockedFrom: LocalDate;
  /** Whether the template blocks job assignment after grace. */
  blocking: boolean;
  /** After the expiry-day notice, the worker is reminded every this many days. */
  everyDays: number;
};

/**
 * Unsigned renewals of active workers whose previous instance expired on or before `today`,
 * oldest expiry first. Grace, blocking and the reminder interval follow the latest version.
 */
export function overdueRenewals(input: {
  templates: readonly DocumentTemplate[];
  instances: readonly DocumentInstance[];
  workers: readonly Worker[];
  today: LocalDate;
}): OverdueRenewal[] {
  const { today } = input;
  const templates = new Map(input.templates.map((t) => [t.id, t]));
  const workers = new Map(input.workers.map((w) => [w.id, w]));
  const byId = new Map(input.instances.map((i) => [i.id, i]));
  const overdue: OverdueRenewal[] = [];
  for (const renewal of input.instances) {
    if (!isUnsigned(renewal) || !renewal.previousInstanceId) continue;
    const expiredOn = byId.get(renewal.previousInstanceId)?.expiresOn;
    const template = templates.get(renewal.templateId);
    const worker = workers.get(renewal.workerId);
    if (!expiredOn || expiredOn > today || !template || !worker?.active) continue;
    const policy = latestTemplateVersion(template);
    const grace = graceState(expiredOn, policy.gracePeriodDays, today);
    overdue.push({
      workerId: worker.id,
      worker: worker.fullName,
      instanceId: renewal.id,
      status: renewal.status,
      templateId: template.id,
      document: policy.name,
      expiredOn,
      daysOverdue: diffDays(expiredOn, today),
      state: grace === 'grace' ? 'grace' : policy.blocking ? 'blocked' : 'expired',
      blockedFrom: blockedFrom(expiredOn, policy.gracePeriodDays),
      blocking: policy.blocking,
      everyDays: policy.overdueReminderEveryDays,
    });
  }
  return overdue.sort(
    (a, b) => a.expiredOn.localeCompare(b.expiredOn) || a.worker.localeCompare(b.worker),
  );
}

/**
 * The reminder due today for an overdue renewal: every `everyDays` days after the expiry day
 * (the expiry day itself has its own notice: "… has expired and a new version is ready").
 * After days offline only the latest reached one is sent; its id holds its date, so each is
 * delivered once however often the sweep runs.
 */
export function overdueReminder(overdue: OverdueRenewal, today: LocalDate): DocumentNotification[] {
  const steps = Math.floor(overdue.daysOverdue / overdue.everyDays);
  if (steps < 1) return [];
  const remindOn = addDays(overdue.expiredOn, steps * overdue.everyDays);
  const days = diffDays(overdue.expiredOn, today);
  const name = overdue.document;
  return [
    {
      id: documentIds.overdueReminder(overdue.instanceId, remindOn),
      audience: { kind: 'worker', workerId: overdue.workerId },
      recipient: 'worker',
      kind: 'overdue',
      workerId: overdue.workerId,
      instanceId: overdue.instanceId,
      templateId: overdue.templateId,
      title: `${name} expired ${days === 1 ? '1 day' : `${days} days`} ago`,
      body: `Your ${name} expired on ${overdue.expiredOn} and the renewal is not signed yet. ${overdueAdvice(overdue)}`,
      route: routes.instance(overdue.instanceId),
    },
  ];
}

/** What the worker should know about job assignment while the renewal waits. */
export function overdueAdvice(
  overdue: Pick<OverdueRenewal, 'state' | 'blockedFrom' | 'blocking'>,
): string {
  if (!overdue.blocking) return 'Please review and sign it.';
  return overdue.state === 'grace'
    ? `Sign it by ${addDays(overdue.blockedFrom, -1)} to stay available for jobs.`
    : 'You cannot be assigned jobs until you sign it.';
}
