import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate, TemplateVersion } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import type { Notice } from '../notice.js';
import { ids as renewalIds } from '../renewals/ids.js';
import { routes } from '../routes.js';
import { addDays, diffDays, type Instant, type LocalDate } from '../time/index.js';
import { blockedFrom, graceState } from './expiry.js';
import { documentIds } from './ids.js';
import {
  findOpenInstance,
  latestOfChain,
  nextInstanceOf,
  openInstances,
  renewalInstanceId,
} from './lifecycle.js';
import { overdueReminder, overdueRenewals } from './overdue.js';
import { latestTemplateVersion, templateVersion } from './template.js';

/**
 * 'reminder', 'expired' and 'overdue' (after expiry, until the renewal is signed) are shown
 * individually (in-app and tray); 'digest' goes only into the admins' weekly digest (see
 * digest.ts) and is never popped up.
 */
export type DocumentNotificationKind = 'reminder' | 'digest' | 'expired' | 'overdue';

/** A document notice: a Notice with what the digest and the worker view need to know. */
export type DocumentNotification = Notice & {
  recipient: 'worker' | 'admin';
  kind: DocumentNotificationKind;
  workerId: string;
  instanceId: string;
  templateId: string;
  /** The reminder interval this notification stands for; absent for expiry notices. */
  daysBefore?: number;
};

export type InstanceUpdate = { id: string; patch: Partial<DocumentInstance> };

/** What the documents job turns into a DOCUMENT Renewal in the queue (ids.documentRenewal). */
export type DocumentRenewalLink = {
  renewalId: string;
  documentId: string;
  workerId: string;
  templateId: string;
  title: string;
  dueDate: LocalDate;
  /** The date the renewal instance was signed; the Renewal is COMPLETED then. */
  completedOn: LocalDate | null;
};

export type DocumentSweepPlan = {
  updates: InstanceUpdate[];
  creates: DocumentInstance[];
  notifications: DocumentNotification[];
  renewalLinks: DocumentRenewalLink[];
};

const ADMIN_INDIVIDUAL_MAX_DAYS = 7;

/**
 * The daily document sweep: reminders before expiry, archive and renew at expiry, reminders
 * after expiry until the renewal is signed, and the renewal-queue links. Pure and idempotent:
 * run it twice, or on two devices, and the ids match.
 */
export function planDocumentSweep(input: {
  templates: readonly DocumentTemplate[];
  instances: readonly DocumentInstance[];
  workers: readonly Worker[];
  today: LocalDate;
  now: Instant;
}): DocumentSweepPlan {
  const { instances, today, now } = input;
  const templates = new Map(input.templates.map((t) => [t.id, t]));
  const workers = new Map(input.workers.map((w) => [w.id, w]));
  const successors = successorsById(instances);
  const open = openInstances(instances);
  const plan: DocumentSweepPlan = { updates: [], creates: [], notifications: [], renewalLinks: [] };
  const createdIds = new Set(instances.map((i) => i.id));

  for (const overdue of overdueRenewals({ ...input, instances }))
    plan.notifications.push(...overdueReminder(overdue, today));

  for (const instance of instances) {
    const template = templates.get(instance.templateId);
    if (!template) continue;
    const version =
      templateVersion(template, instance.templateVersion) ?? latestTemplateVersion(template);
    const worker = workers.get(instance.workerId);
    const successor = successors.get(instance.id);

    if (instance.expiresOn && (instance.status === 'completed' || instance.status === 'expired')) {
      plan.renewalLinks.push({
        renewalId: renewalIds.documentRenewal(instance.id, instance.expiresOn),
        documentId: instance.id,
        workerId: instance.workerId,
        templateId: instance.templateId,
        title: worker ? `${version.name} — ${worker.fullName}` : version.name,
        dueDate: instance.expiresOn,
        completedOn: successor?.signedOn ?? null,
      });
    }

    if (instance.status !== 'completed' || !instance.expiresOn) continue;

    if (today < instance.expiresOn) {
      // Reminders stop once the worker completes the renewal (started early); until then they
      // open the renewal when there is one, where the worker acts.
      if (worker?.active && successor?.status !== 'completed') {
        plan.notifications.push(
          ...reminders(instance, version, latestTemplateVersion(template), worker, today).map(
            (n) => (successor ? { ...n, route: routes.instance(successor.id) } : n),
          ),
        );
      }
      continue;
    }

    plan.updates.push({
      id: instance.id,
      patch: { status: 'expired', archivedAt: now, updatedAt: now },
    });
    // Renewed early and signed: archived quietly, no new instance, no notice.
    if (!worker?.active || successor?.status === 'completed') continue;
    let renewal = successor;
    if (!renewal) {
      const renewalId = renewalInstanceId(instance);
      const otherOpen = open.some(
        (i) =>
          i.id !== instance.id &&
          i.workerId === instance.workerId &&
          i.templateId === instance.templateId,
      );
      if (otherOpen || createdIds.has(renewalId)) continue;
      createdIds.add(renewalId);
      renewal = nextInstanceOf(instance, template, worker, now);
      plan.creates.push(renewal);
    }
    plan.notifications.push(
      {
        id: documentIds.workerExpired(instance.id),
        audience: { kind: 'worker', workerId: worker.id },
        recipient: 'worker',
        kind: 'expired',
        workerId: worker.id,
        instanceId: renewal.id,
        templateId: template.id,
        title: `${version.name} expired`,
        body: `Your ${version.name} has expired and a new version is ready for review.`,
        route: routes.instance(renewal.id),
      },
      {
        id: documentIds.adminExpired(instance.id),
        audience: { kind: 'admins' },
        recipient: 'admin',
        kind: 'expired',
        workerId: worker.id,
        instanceId: renewal.id,
        templateId: template.id,
        title: `${version.name} expired for ${worker.fullName}`,
        body: `${worker.fullName}'s ${version.name} expired on ${instance.expiresOn}. A renewal is waiting for their signature.`,
        route: routes.instance(renewal.id),
      },
    );
  }
  return plan;
}

/**
 * The reminder due today for one signed instance, to the worker and to admins. Only the most
 * urgent interval already reached is sent, so a catch-up after days offline sends one reminder,
 * not all it missed; an interval that fell before the signing date never fires.
 */
function reminders(
  instance: DocumentInstance,
  signedVersion: TemplateVersion,
  policy: TemplateVersion,
  worker: Worker,
  today: LocalDate,
): DocumentNotification[] {
  const expiresOn = instance.expiresOn!;
  const daysLeft = diffDays(today, expiresOn);
  const reached = policy.reminderDaysBefore.filter(
    (days) =>
      days >= daysLeft && (!instance.signedOn || addDays(expiresOn, -days) > instance.signedOn),
  );
  if (!reached.length) return [];
  const daysBefore = Math.min(...reached);
  const name = signedVersion.name;
  const common = {
    workerId: worker.id,
    instanceId: instance.id,
    templateId: instance.templateId,
    daysBefore,
    route: routes.instance(instance.id),
  };
  const adminIndividual = daysBefore <= ADMIN_INDIVIDUAL_MAX_DAYS;
  return [
    {
      ...common,
      id: documentIds.workerReminder(instance.id, daysBefore),
      audience: { kind: 'worker', workerId: worker.id },
      recipient: 'worker',
      kind: 'reminder',
      title: `${name} expires ${daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`}`,
      body: workerReminderText(name, daysLeft),
    },
    {
      ...common,
      id: adminIndividual
        ? documentIds.adminReminder(instance.id, daysBefore)
        : documentIds.digestItem(instance.id, daysBefore),
      audience: { kind: 'admins' },
      recipient: 'admin',
      kind: adminIndividual ? 'reminder' : 'digest',
      title: `${worker.fullName}'s ${name} expires ${daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`}`,
      body: `${worker.fullName}'s ${name} expires on ${expiresOn} (${daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`}).`,
    },
  ];
}

/** The worker's reminder text; the four default intervals use the office's wording, others the nearest one's tone. */
export function workerReminderText(documentName: string, daysLeft: number): string {
  if (daysLeft <= 1) return `Your ${documentName} expires tomorrow. Immediate action required.`;
  const prefix = `Your ${documentName} expires in ${daysLeft} days.`;
  if (daysLeft <= 7) return `${prefix} Renew now to avoid disruption.`;
  if (daysLeft <= 14) return `${prefix} Action required.`;
  return `${prefix} Please review and renew.`;
}

function successorsById(instances: readonly DocumentInstance[]): Map<string, DocumentInstance> {
  const map = new Map<string, DocumentInstance>();
  for (const i of instances) if (i.previousInstanceId) map.set(i.previousInstanceId, i);
  return map;
}

export type ComplianceReason = {
  templateId: string;
  document: string;
  /** The expired instance the state comes from. */
  instanceId: string;
  /** 'expired': past grace on a non-blocking template — a warning, never a block. */
  state: 'grace' | 'blocked' | 'expired';
  /** Whether the template blocks job assignment after grace (its latest version). */
  blocking: boolean;
  expiresOn: LocalDate;
  blockedFrom: LocalDate;
  message: string;
};

export type WorkerCompliance = {
  state: 'valid' | 'grace' | 'blocked';
  reasons: ComplianceReason[];
};

/**
 * Whether `worker` may be assigned jobs on `today`: 'blocked' when a blocking template's
 * document expired past its grace period and the renewal is not signed, 'grace' while any
 * expired document is within grace. Grace and blocking follow the template's latest version.
 */
export function workerCompliance(
  worker: Pick<Worker, 'id'>,
  instances: readonly DocumentInstance[],
  templates: readonly DocumentTemplate[],
  today: LocalDate,
): WorkerCompliance {
  const own = instances.filter((i) => i.workerId === worker.id);
  const byId = new Map(own.map((i) => [i.id, i]));
  const reasons: ComplianceReason[] = [];
  for (const template of templates) {
    const chain = own.filter((i) => i.templateId === template.id);
    if (!chain.length) continue;
    const open = findOpenInstance(chain, worker.id, template.id);
    const lapsed =
      open?.status === 'completed'
        ? open
        : open
          ? open.previousInstanceId
            ? byId.get(open.previousInstanceId)
            : undefined
          : latestOfChain(chain);
    if (!lapsed?.expiresOn) continue;
    const policy = latestTemplateVersion(template);
    const state = graceState(lapsed.expiresOn, policy.gracePeriodDays, today);
    if (state === 'valid') continue;
    const name = policy.name;
    const endsOn = blockedFrom(lapsed.expiresOn, policy.gracePeriodDays);
    const daysToRenew = diffDays(today, endsOn);
    const reason: ComplianceReason = {
      templateId: template.id,
      document: name,
      instanceId: lapsed.id,
      state: state === 'grace' ? 'grace' : policy.blocking ? 'blocked' : 'expired',
      blocking: policy.blocking,
      expiresOn: lapsed.expiresOn,
      blockedFrom: endsOn,
      message:
        state === 'grace'
          ? `Your ${name} has expired. Renew within ${daysToRenew} ${daysToRenew === 1 ? 'day' : 'days'}.`
          : policy.blocking
            ? `${name} expired on ${lapsed.expiresOn} and its grace period is over: blocked from job assignment until it is renewed.`
            : `${name} expired on ${lapsed.expiresOn}. Renew it.`,
    };
    reasons.push(reason);
  }
  const state = reasons.some((r) => r.state === 'blocked')
    ? 'blocked'
    : reasons.some((r) => r.state === 'grace')
      ? 'grace'
      : 'valid';
  return { state, reasons };
}
