import {
  openInstance,
  planAssign,
  planSigning,
  saveDraft,
  submitInstance,
  type InstanceResult,
} from '../documents/lifecycle.js';
import { planDocumentSweep, type DocumentSweepPlan } from '../documents/sweep.js';
import {
  latestTemplateVersion,
  planTemplateCreate,
  planTemplateEdit,
  templateVersion,
  type TemplateDraftError,
} from '../documents/template.js';
import {
  planWorker,
  planWorkerActive,
  planWorkerEdit,
  type WorkerField,
  type WorkerInput,
} from '../documents/worker-input.js';
import { defaultAssignee } from '../office.js';
import { ok, refused, type FieldErrors, type Result } from '../result.js';
import { renewalForDocument } from '../renewals/create.js';
import { ids as renewalIds } from '../renewals/ids.js';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate, TemplateVersion } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import { addDays, type Instant } from '../time/index.js';
import { changedMessage, contextAt, goneMessage, type JobContext } from './context.js';
import type { JobPorts } from './ports.js';
import { applyPlan, deliver, insert, patch, update, type Plan } from './plan.js';
import {
  completeIfOpen,
  deliverEventNotices,
  newRenewalWrites,
  type JobProblem,
} from './renewals.js';
import type { Write } from './store.js';

export type TemplateSaved = { template: DocumentTemplate; changed: boolean };
export type AssignOutcome = { workerId: string; ok: boolean; message: string; instanceId?: string };
export type SigningInput = {
  data: Record<string, string>;
  signatureName: string;
  signatureImage: string;
};

export type DocumentSweepSummary = {
  checked: number;
  archived: number;
  created: number;
  notified: number;
  renewals: number;
};

/** Template problems keyed by path ('fields.1.key'), as the template form shows them. */
function templateErrors(errors: readonly TemplateDraftError[]): FieldErrors {
  const byPath: FieldErrors = {};
  for (const e of errors) byPath[e.path || 'form'] ??= e.message;
  return byPath;
}

/**
 * A lifecycle refusal as field errors: the signer's name and drawing, each document field as
 * 'data.<key>', and anything else on the form.
 */
function signingErrors(result: Extract<InstanceResult, { ok: false }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, message] of Object.entries(result.fieldErrors ?? {}))
    errors[`data.${key}`] = message;
  if (result.error === 'Type your full name to sign.') errors.signatureName = result.error;
  else if (result.error === 'Draw your signature before signing.')
    errors.signatureImage = result.error;
  else errors.form = result.error;
  return errors;
}

/** The queue renewal of a signed instance that expires, due on its expiry. */
function documentRenewal(
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
 * The daily documents job: reminders, archive and renew at expiry, and queue renewals for
 * signed documents. Reads only signed instances expiring within the longest reminder interval,
 * plus the other instances of their workers. New instances and queue renewals are written
 * before the archive (the cursor), so an interrupted run is finished by the next one.
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
  const workerIds = [...new Set(due.map((i) => i.workerId))];
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
  const queueRenewals = plan.renewalLinks.flatMap((link) => {
    const instance = byId.get(link.documentId);
    if (instance?.status !== 'completed') return [];
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

function versionName(template: DocumentTemplate, version: number): string {
  return (templateVersion(template, version) ?? latestTemplateVersion(template)).name;
}

/** Reminders and expiry notices people get one by one; digest items wait for the digest. */
async function deliverIndividual(ctx: JobContext, plan: DocumentSweepPlan): Promise<number> {
  const workers = await ctx.ports.store.getMany('workers', [
    ...new Set(plan.notifications.map((n) => n.workerId)),
  ]);
  const names = new Map(workers.map((w) => [w.id, w.fullName]));
  return deliver(
    ctx.ports,
    plan.notifications
      .filter((n) => n.kind !== 'digest')
      .map((n) => {
        const name = names.get(n.workerId);
        return n.recipient === 'worker' && name ? { ...n, title: `${name}: ${n.title}` } : n;
      }),
    ctx.at,
  );
}

/** The document operations admins and workers perform, each with the instant it happens. */
export function documentOperations(ports: JobPorts) {
  const { store } = ports;

  async function instanceAndVersion(
    instanceId: string,
  ): Promise<Result<{ instance: DocumentInstance; version: TemplateVersion }>> {
    const instance = await store.get('instances', instanceId);
    if (!instance) return refused(goneMessage('document', instanceId));
    const template = await store.get('templates', instance.templateId);
    if (!template) return refused(goneMessage('template', instance.templateId));
    const version = templateVersion(template, instance.templateVersion);
    if (!version)
      return refused(
        `Template "${template.name}" has no version ${instance.templateVersion}; it cannot be shown or signed.`,
      );
    return ok({ instance, version });
  }

  /** Writes one lifecycle step, refusing it when another device changed the document meanwhile. */
  async function writeStep(
    at: Instant,
    before: DocumentInstance,
    result: InstanceResult,
    extra: (signed: DocumentInstance) => Promise<Write[]> = async () => [],
  ): Promise<Result<DocumentInstance>> {
    if (!result.ok) return { ok: false, errors: signingErrors(result) };
    if (result.instance === before) return ok(before);
    const ctx = await contextAt(ports, at);
    const plan: Plan = {
      writes: [update('instances', before, result.instance), ...(await extra(result.instance))],
      notices: [],
    };
    const applied = await applyPlan(ports, plan, {
      at,
      journal: `Save document ${before.id}`,
    });
    if (!applied.ok) {
      const current = applied.conflicts[0]?.current as DocumentInstance | null | undefined;
      return refused(changedMessage('document', `now ${current?.status ?? 'removed'}`));
    }
    await deliverEventNotices(ctx);
    return ok(result.instance);
  }

  return {
    async createWorker(at: Instant, input: WorkerInput): Promise<Result<Worker, WorkerField>> {
      const result = planWorker(input, { id: ports.newId('wrk'), now: at });
      if (result.ok) await store.insert('workers', [result.value]);
      return result;
    },

    async updateWorker(
      at: Instant,
      workerId: string,
      input: WorkerInput,
    ): Promise<Result<Worker, WorkerField>> {
      const current = await store.get('workers', workerId);
      if (!current) return refused(goneMessage('worker', workerId));
      const result = planWorkerEdit(current, input, at);
      if (!result.ok) return result;
      const { conflicts } = await store.update('workers', [
        { before: current, after: result.value },
      ]);
      return conflicts.length === 0
        ? result
        : refused(changedMessage('worker', 'edited meanwhile'));
    },

    async setWorkerActive(at: Instant, workerId: string, active: boolean): Promise<Result<Worker>> {
      const current = await store.get('workers', workerId);
      if (!current) return refused(goneMessage('worker', workerId));
      const next = planWorkerActive(current, active, at);
      const { conflicts } = await store.update('workers', [{ before: current, after: next }]);
      return conflicts.length === 0
        ? ok(next)
        : refused(changedMessage('worker', 'edited meanwhile'));
    },

    async createTemplate(at: Instant, draft: unknown): Promise<Result<TemplateSaved>> {
      const plan = planTemplateCreate(ports.newId('tpl'), draft, at);
      if (!plan.ok) return { ok: false, errors: templateErrors(plan.errors) };
      await store.insert('templates', [plan.template]);
      return ok({ template: plan.template, changed: true });
    },

    /** Appends a version; signed instances keep theirs, new fields appear on the next renewal. */
    async editTemplate(
      at: Instant,
      templateId: string,
      draft: unknown,
    ): Promise<Result<TemplateSaved>> {
      const current = await store.get('templates', templateId);
      if (!current) return refused(goneMessage('template', templateId));
      const plan = planTemplateEdit(current, draft, at);
      if (!plan.ok) return { ok: false, errors: templateErrors(plan.errors) };
      if (plan.changed) {
        const { conflicts } = await store.update('templates', [
          { before: current, after: plan.template },
        ]);
        if (conflicts.length > 0) return refused(changedMessage('template', 'edited meanwhile'));
      }
      return ok({ template: plan.template, changed: plan.changed });
    },

    /** Assigns the template's latest version to each worker; refusals say why, one per worker. */
    async assign(
      at: Instant,
      templateId: string,
      workerIds: readonly string[],
    ): Promise<Result<AssignOutcome[]>> {
      const template = await store.get('templates', templateId);
      if (!template) return refused(goneMessage('template', templateId));
      const name = latestTemplateVersion(template).name;
      const outcomes: AssignOutcome[] = [];
      for (const workerId of workerIds) {
        const worker = await store.get('workers', workerId);
        if (!worker) {
          outcomes.push({ workerId, ok: false, message: `Worker ${workerId} no longer exists.` });
          continue;
        }
        const instances = await store.find('instances', { selector: { workerId, templateId } });
        const plan = planAssign({ template, worker, instances, now: at });
        if (!plan.ok) {
          outcomes.push({ workerId, ok: false, message: plan.error });
          continue;
        }
        // The new instance is the claim: one with its deterministic id means another device
        // assigned it first.
        const applied = await applyPlan(
          ports,
          {
            writes: [
              insert('instances', plan.create),
              ...(plan.archive
                ? [patch('instances', plan.archive.id, { status: 'completed' }, plan.archive)]
                : []),
            ],
            notices: [],
          },
          { at, journal: `Assign "${name}" to ${worker.fullName}` },
        );
        const added = applied.inserted.some((i) => i.id === plan.create.id);
        outcomes.push(
          added
            ? {
                workerId,
                ok: true,
                message: `"${name}" assigned to ${worker.fullName}.`,
                instanceId: plan.create.id,
              }
            : {
                workerId,
                ok: false,
                message: `"${name}" was just assigned to ${worker.fullName} on another device; nothing was added.`,
              },
        );
      }
      return ok(outcomes);
    },

    /** The worker opens a required document: it becomes a draft. */
    async open(at: Instant, instanceId: string): Promise<Result<DocumentInstance>> {
      const found = await store.get('instances', instanceId);
      if (!found) return refused(goneMessage('document', instanceId));
      if (found.status !== 'required') return ok(found);
      return writeStep(at, found, openInstance(found, at));
    },

    async saveDraft(
      at: Instant,
      instanceId: string,
      values: Record<string, string>,
    ): Promise<Result<DocumentInstance>> {
      const found = await store.get('instances', instanceId);
      if (!found) return refused(goneMessage('document', instanceId));
      return writeStep(at, found, saveDraft(found, values, at));
    },

    /**
     * Submits and signs in one step: checks fields and signature, records signedAt, expiresOn
     * and the content hash, puts the signed document in the renewals queue and closes the
     * queue renewal of the document it renews.
     */
    async sign(
      at: Instant,
      instanceId: string,
      input: SigningInput,
    ): Promise<Result<DocumentInstance>> {
      const found = await instanceAndVersion(instanceId);
      if (!found.ok) return found;
      const { instance, version } = found.value;
      const ctx = await contextAt(ports, at);
      const submitted =
        instance.status === 'draft' ? submitInstance(instance, input, version, at) : null;
      if (submitted && !submitted.ok) return { ok: false, errors: signingErrors(submitted) };
      const base = submitted?.ok ? submitted.instance : instance;
      const result = planSigning(base, { ...input, signedAt: at, signedOn: ctx.today }, version);
      return writeStep(at, instance, result, async (signed) => {
        const worker = await store.get('workers', signed.workerId);
        const renewal = documentRenewal(ctx, signed, version.name, worker?.fullName);
        const previous = signed.previousInstanceId
          ? await store.get('instances', signed.previousInstanceId)
          : null;
        return [
          ...(renewal ? newRenewalWrites([renewal], ctx) : []),
          ...(previous?.expiresOn
            ? await completeIfOpen(ctx, [
                renewalIds.documentRenewal(previous.id, previous.expiresOn),
              ])
            : []),
        ];
      });
    },
  };
}
