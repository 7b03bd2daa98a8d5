import { planDocumentSweep, type DocumentSweepPlan } from '../documents/sweep.js';
import { latestTemplateVersion, templateVersion } from '../documents/template.js';
import { defaultAssignee } from '../office.js';
import { renewalForDocument } from '../renewals/create.js';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate } from '../schema/document-template.js';
import { addDays } from '../time/index.js';
import type { JobContext } from './context.js';
import { applyPlan, deliver, insert, update } from './plan.js';
import { completeIfOpen, newRenewalWrites, type JobProblem } from './renewals.js';
import type { Write } from './store.js';

export type DocumentSweepSummary = {
  checked: number;
  archived: number;
  created: number;
  notified: number;
  renewals: number;
};

/** The queue renewal of a signed instance that expires, due on its expiry. */
export function documentRenewal(
  ctx: JobContext,
  instance: DocumentInstance,
  documentName: string,
  workerName: string | undefined,
) {
  if (!instance.expiresOn) return null;
  return renewalForDocument(
    {
      ownerId: instance.workerId,
      instanceId: instance.id,
      documentName: workerName ? `${documentName} — ${workerName}` : documentName,
      expiresOn: instance.expiresOn,
      assigneeId: defaultAssignee(ctx.office),
    },
    ctx.at,
  );
}

/**
 * The daily documents job: reminders, archive and renew at expiry, reminders after expiry
 * until the renewal is signed, and queue renewals for signed documents. Reads only signed
 * instances expiring within the longest reminder interval and unsigned renewals, plus the
 * other instances of their workers. New instances and queue renewals are written before the
 * archive (the cursor), so an interrupted run is finished by the next one.
 */
export async function sweepDocuments(
  ctx: JobContext,
): Promise<{ summary: DocumentSweepSummary; problems: JobProblem[] }> {
  const { store } = ctx.ports;
  const problems: JobProblem[] = [];
  const templates = await store.find('templates', {});
  const horizonDays = Math.max(
    0,
    ...templates.flatMap((t) => t.versions.flatMap((v) => v.reminderDaysBefore)),
  );
  const horizon = addDays(ctx.today, horizonDays);
  const due = (
    await store.find('instances', {
      selector: { status: 'completed' },
      sort: [{ status: 'asc' }, { id: 'asc' }],
    })
  ).filter((i) => i.expiresOn !== undefined && i.expiresOn <= horizon);
  // Renewals still to sign: reminded after their predecessor's expiry until signed.
  const unsignedRenewals = (
    await store.find('instances', {
      selector: { status: { $in: ['required', 'draft', 'submitted'] } },
      sort: [{ status: 'asc' }, { id: 'asc' }],
    })
  ).filter((i) => i.previousInstanceId !== undefined);
  const workerIds = [...new Set([...due, ...unsignedRenewals].map((i) => i.workerId))];
  const instances =
    workerIds.length === 0
      ? []
      : await store.find('instances', { selector: { workerId: { $in: workerIds } } });
  const workers = await store.getMany('workers', workerIds);

  // One worker's documents at a time, so one bad record cannot hold up everyone else's.
  const plan: DocumentSweepPlan = { updates: [], creates: [], notifications: [], renewalLinks: [] };
  for (const worker of workerIds) {
    const own = instances.filter((i) => i.workerId === worker);
    try {
      const part = planDocumentSweep({
        templates,
        instances: own,
        workers,
        today: ctx.today,
        now: ctx.at,
      });
      plan.updates.push(...part.updates);
      plan.creates.push(...part.creates);
      plan.notifications.push(...part.notifications);
      plan.renewalLinks.push(...part.renewalLinks);
    } catch (error) {
      problems.push({
        collection: 'workers',
        id: worker,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  const byId = new Map(instances.map((i) => [i.id, i]));
  const names = new Map(workers.map((w) => [w.id, w.fullName]));
  // Only missing queue renewals are added (a signing interrupted elsewhere): staging one that
  // exists would fire its stages again, even on a renewal completed by an early renewal.
  const existingRenewals = new Set(
    (
      await store.getMany(
        'renewals',
        plan.renewalLinks.map((link) => link.renewalId),
      )
    ).map((r) => r.id),
  );
  const queueRenewals = plan.renewalLinks.flatMap((link) => {
    const instance = byId.get(link.documentId);
    if (instance?.status !== 'completed' || existingRenewals.has(link.renewalId)) return [];
    const template = templates.find((t) => t.id === instance.templateId);
    const name = template ? versionName(template, instance.templateVersion) : link.title;
    const renewal = documentRenewal(ctx, instance, name, names.get(instance.workerId));
    return renewal ? [renewal] : [];
  });
  // A renewal instance signed elsewhere (or by an interrupted signing) closes its
  // predecessor's queue renewal.
  const superseded = plan.renewalLinks
    .filter((link) => link.completedOn !== null)
    .map((link) => link.renewalId);
  const archives = plan.updates.flatMap(({ id, patch: change }) => {
    const current = byId.get(id);
    return current
      ? [update('instances', current, { ...current, ...change } as DocumentInstance)]
      : [];
  });
  const writes: Write[] = [
    ...plan.creates.map((i) => insert('instances', i)),
    ...newRenewalWrites(queueRenewals, ctx),
    ...(await completeIfOpen(ctx, superseded)),
    ...archives,
  ];
  const applied = await applyPlan(
    ctx.ports,
    { writes, notices: [] },
    { at: ctx.at, onFailure: (p) => problems.push(p) },
  );
  const inserted = new Set(applied.inserted.map((i) => `${i.collection}/${i.id}`));
  const notified = await deliverIndividual(ctx, plan);
  return {
    summary: {
      checked: due.length,
      archived:
        archives.length - applied.conflicts.filter((c) => c.collection === 'instances').length,
      created: plan.creates.filter((i) => inserted.has(`instances/${i.id}`)).length,
      notified,
      renewals: queueRenewals.filter((r) => inserted.has(`renewals/${r.id}`)).length,
    },
    problems,
  };
}

export function versionName(template: DocumentTemplate, version: number): string {
  return (templateVersion(template, version) ?? latestTemplateVersion(template)).name;
}

/**
 * The sweep's reminders and expiry notices. Those within a week of expiry, and expiry itself,
 * are urgent (they never wait for a digest); the admins' 30- and 14-day items are meant for
 * their weekly digest only (seed 001).
 */
async function deliverIndividual(ctx: JobContext, plan: DocumentSweepPlan): Promise<number> {
  const workers = await ctx.ports.store.getMany('workers', [
    ...new Set(plan.notifications.map((n) => n.workerId)),
  ]);
  const names = new Map(workers.map((w) => [w.id, w.fullName]));
  return deliver(
    ctx.ports,
    plan.notifications.map((n) => {
      const name = names.get(n.workerId);
      const urgent = n.kind !== 'digest' && (n.daysBefore === undefined || n.daysBefore <= 7);
      return {
        ...n,
        ...(n.recipient === 'worker' && name ? { title: `${name}: ${n.title}` } : {}),
        ...(n.kind === 'digest' ? { digestOnly: true } : {}),
        ...(urgent ? { urgent: true } : {}),
      };
    }),
    ctx.at,
  );
}
