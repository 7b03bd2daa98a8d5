import { planDocumentSweep, type DocumentSweepPlan } from '../documents/sweep.js';
import { latestTemplateVersion, templateVersion } from '../documents/template.js';
import { defaultAssignee } from '../office.js';
import { renewalForDocument } from '../renewals/create.js';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate } from '../schema/document-template.js';
import { addDays, type LocalDate } from '../time/index.js';
import type { JobContext } from './context.js';
import { applyPlan, deliver, insert, update } from './plan.js';
import { completeIfOpen, newRenewalWrites, type JobProblem } from './renewals.js';
import { readFeed, type FeedMark, type Write } from './store.js';

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
 * until the renewal is signed, and queue renewals for signed documents. Looks only at signed
 * instances expiring within the longest reminder interval and unsigned renewals, plus the
 * other instances of their workers (with a change feed it reads only those: instancesToSweep). New instances and queue renewals are written before the
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
  const watched = await instancesToSweep(ctx, horizon);
  const { due, unsignedRenewals } = watched;
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
  if (watched.save) await watched.save();
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

/** The device-local cursor of the documents sweep on the instances' change feed. */
const SWEEP_CURSOR = 'documents:sweep';
type SweepCursor = {
  mark: FeedMark;
  /** Every signed instance that expires: its expiry, by id. */
  signed: Record<string, LocalDate>;
  /** The unsigned renewals (required, draft or submitted, with a predecessor), by id. */
  unsigned: string[];
};

const UNSIGNED = ['required', 'draft', 'submitted'] as const;
const byStatusThenId = (a: DocumentInstance, b: DocumentInstance) =>
  a.status < b.status ? -1 : a.status > b.status ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const isUnsignedRenewal = (i: DocumentInstance) =>
  (UNSIGNED as readonly string[]).includes(i.status) && i.previousInstanceId !== undefined;

/**
 * The signed instances expiring by `horizon` and the unsigned renewals, in the order a full
 * read gives them, and (with a change feed) how to save the cursor once the run is done. A
 * full read takes every signed instance of the office every day, though few expire soon: the
 * cursor keeps the expiry of each, and the unsigned renewals, up to the feed, so a run reads
 * only the instances that fall within the horizon. Saved last, so an interrupted run reads the
 * same changes again; those that turn out gone (deleted) leave the cursor.
 */
async function instancesToSweep(
  ctx: JobContext,
  horizon: LocalDate,
): Promise<{
  due: DocumentInstance[];
  unsignedRenewals: DocumentInstance[];
  save: (() => Promise<void>) | null;
}> {
  const { store } = ctx.ports;
  const feed = store.changes;
  const isDue = (i: DocumentInstance) =>
    i.status === 'completed' && i.expiresOn !== undefined && i.expiresOn <= horizon;
  const cursor = feed ? ((await feed.read(SWEEP_CURSOR)) as SweepCursor | null) : null;
  const signed: Record<string, LocalDate> = { ...cursor?.signed };
  const unsigned = new Set(cursor?.unsigned);
  const track = (records: readonly DocumentInstance[]) => {
    for (const r of records) {
      delete signed[r.id];
      unsigned.delete(r.id);
      if (r.status === 'completed' && r.expiresOn !== undefined) signed[r.id] = r.expiresOn;
      if (isUnsignedRenewal(r)) unsigned.add(r.id);
    }
  };
  let mark: FeedMark | null = null;
  let due: DocumentInstance[];
  let unsignedRenewals: DocumentInstance[];
  if (feed && cursor) {
    const changed = await readFeed(feed, 'instances', cursor.mark);
    track(changed.records);
    mark = changed.mark;
    const wanted = [...Object.keys(signed).filter((id) => signed[id]! <= horizon), ...unsigned];
    const read = await store.getMany('instances', wanted);
    const found = new Set(read.map((i) => i.id));
    for (const id of wanted.filter((id) => !found.has(id))) {
      delete signed[id];
      unsigned.delete(id);
    }
    due = read.filter(isDue).sort(byStatusThenId);
    unsignedRenewals = read.filter(isUnsignedRenewal).sort(byStatusThenId);
  } else {
    // Mark first, then everything: the feed from the mark, read once the run is done, holds
    // the run's own writes and anyone else's since.
    if (feed) mark = await feed.end('instances');
    const completed = await store.find('instances', {
      selector: { status: 'completed' },
      sort: [{ status: 'asc' }, { id: 'asc' }],
    });
    const open = (
      await store.find('instances', {
        selector: { status: { $in: [...UNSIGNED] } },
        sort: [{ status: 'asc' }, { id: 'asc' }],
      })
    ).filter(isUnsignedRenewal);
    track([...completed, ...open]);
    due = completed.filter(isDue);
    unsignedRenewals = open;
  }
  const from = mark;
  return {
    due,
    unsignedRenewals,
    save:
      feed && from !== null
        ? async () => {
            const after = await readFeed(feed, 'instances', from);
            track(after.records);
            await feed.write(SWEEP_CURSOR, {
              mark: after.mark,
              signed,
              unsigned: [...unsigned],
            } satisfies SweepCursor);
          }
        : null,
  };
}
