import { planAssign } from '../documents/assign.js';
import {
  completeInstance,
  openInstance,
  planSigning,
  saveDraft,
  type InstanceResult,
} from '../documents/lifecycle.js';
import {
  planPlacement,
  type PlacementField,
  type PlacementInput,
  type PlacementPlan,
} from '../documents/placement.js';
import { planRenewEarly } from '../documents/renew-early.js';
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
import { ok, refused, type FieldErrors, type Result } from '../result.js';
import { ids as renewalIds } from '../renewals/ids.js';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate, TemplateVersion } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import type { Instant } from '../time/index.js';
import { changedMessage, contextAt, goneMessage, type JobContext } from './context.js';
import { documentRenewal } from './documents-sweep.js';
import type { JobPorts } from './ports.js';
import { applyPlan, insert, patch, update, type Plan } from './plan.js';
import { completeIfOpen, deliverEventNotices, newRenewalWrites } from './renewals.js';
import type { Write } from './store.js';

export { sweepDocuments, type DocumentSweepSummary } from './documents-sweep.js';

export type TemplateSaved = { template: DocumentTemplate; changed: boolean };
export type AssignOutcome = {
  workerId: string;
  ok: boolean;
  message: string;
  instanceId?: string;
  /** Set when the admin must confirm first: re-issuing a signed one-time document. */
  needsConfirmation?: 'reissue';
};
export type SigningInput = {
  data: Record<string, string>;
  signatureName: string;
  signatureImage: string;
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

/**
 * What follows a completion: the signed document's queue renewal (due on its expiry) and the
 * completion of the queue renewal of the document it renews.
 */
async function afterCompletion(
  ctx: JobContext,
  signed: DocumentInstance,
  version: TemplateVersion,
): Promise<Write[]> {
  const { store } = ctx.ports;
  const worker = await store.get('workers', signed.workerId);
  const renewal = documentRenewal(ctx, signed, version.name, worker?.fullName);
  const previous = signed.previousInstanceId
    ? await store.get('instances', signed.previousInstanceId)
    : null;
  return [
    ...(renewal ? newRenewalWrites([renewal], ctx) : []),
    ...(previous?.expiresOn
      ? await completeIfOpen(ctx, [renewalIds.documentRenewal(previous.id, previous.expiresOn)])
      : []),
  ];
}

/** Completes a submitted instance as submitted, unless it changed meanwhile (see completeInstance). */
function completionPatch(submitted: DocumentInstance, completed: DocumentInstance): Write {
  return patch(
    'instances',
    submitted.id,
    { status: 'submitted', submittedAt: submitted.submittedAt },
    {
      status: 'completed',
      signedAt: completed.signedAt,
      signedOn: completed.signedOn,
      expiresOn: completed.expiresOn,
      contentHash: completed.contentHash,
      hashVersion: completed.hashVersion,
      updatedAt: completed.updatedAt,
    },
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

  /**
   * Writes a lifecycle step: `writes` start with its claim, the revision-checked update of the
   * document; refused when another device changed the document meanwhile.
   */
  async function writeStep(
    ctx: JobContext,
    label: string,
    before: DocumentInstance,
    result: DocumentInstance,
    writes: Write[],
  ): Promise<Result<DocumentInstance>> {
    if (result === before) return ok(before);
    const applied = await applyPlan(ports, { writes, notices: [] } satisfies Plan, {
      at: ctx.at,
      journal: label,
    });
    if (!applied.ok) {
      const current = applied.conflicts[0]?.current as DocumentInstance | null | undefined;
      return refused(changedMessage('document', `now ${current?.status ?? 'removed'}`));
    }
    await deliverEventNotices(ctx);
    return ok(result);
  }

  /** One step that changes only the document itself (open, save a draft). */
  async function simpleStep(at: Instant, before: DocumentInstance, result: InstanceResult) {
    if (!result.ok) return { ok: false as const, errors: signingErrors(result) };
    const ctx = await contextAt(ports, at);
    return writeStep(ctx, `Save document ${before.id}`, before, result.instance, [
      update('instances', before, result.instance),
    ]);
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

    /**
     * Assigns the template's latest version to each worker; refusals say why, one per worker.
     * A signed one-time document is re-issued only with `reissue` (the admin confirmed it);
     * without it the outcome asks for confirmation and nothing is written.
     */
    async assign(
      at: Instant,
      templateId: string,
      workerIds: readonly string[],
      options: { reissue?: boolean } = {},
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
        const plan = planAssign({
          template,
          worker,
          instances,
          now: at,
          reissue: options.reissue ?? false,
        });
        if (!plan.ok) {
          outcomes.push({
            workerId,
            ok: false,
            message: plan.error,
            ...(plan.needsConfirmation ? { needsConfirmation: plan.needsConfirmation } : {}),
          });
          continue;
        }
        const reissued = plan.create.previousInstanceId !== undefined && options.reissue;
        // The new instance is the claim: one with its deterministic id means another device
        // assigned it first.
        const applied = await applyPlan(
          ports,
          { writes: [insert('instances', plan.create)], notices: [] },
          { at, journal: `Assign "${name}" to ${worker.fullName}` },
        );
        const added = applied.inserted.some((i) => i.id === plan.create.id);
        outcomes.push(
          added
            ? {
                workerId,
                ok: true,
                message: reissued
                  ? `"${name}" re-issued to ${worker.fullName}; the signed copy stays on file.`
                  : `"${name}" assigned to ${worker.fullName}.`,
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

    /**
     * Starts the renewal of a signed document before it expires (from its earliest reminder):
     * the instance the expiry would create, created now. Returns the renewal to sign; when
     * another device (or the daily run) created it first, that one.
     */
    async renewEarly(at: Instant, instanceId: string): Promise<Result<DocumentInstance>> {
      const instance = await store.get('instances', instanceId);
      if (!instance) return refused(goneMessage('document', instanceId));
      const [template, worker] = await Promise.all([
        store.get('templates', instance.templateId),
        store.get('workers', instance.workerId),
      ]);
      if (!template) return refused(goneMessage('template', instance.templateId));
      if (!worker) return refused(goneMessage('worker', instance.workerId));
      const ctx = await contextAt(ports, at);
      const instances = await store.find('instances', {
        selector: { workerId: worker.id, templateId: template.id },
      });
      const plan = planRenewEarly({
        instance,
        template,
        worker,
        instances,
        today: ctx.today,
        now: at,
      });
      if (!plan.ok) return refused(plan.error);
      const { existing } = await store.insert('instances', [plan.create]);
      return ok(existing[0] ?? plan.create);
    },

    /** The worker opens a required document: it becomes a draft. */
    async open(at: Instant, instanceId: string): Promise<Result<DocumentInstance>> {
      const found = await store.get('instances', instanceId);
      if (!found) return refused(goneMessage('document', instanceId));
      if (found.status !== 'required') return ok(found);
      return simpleStep(at, found, openInstance(found, at));
    },

    async saveDraft(
      at: Instant,
      instanceId: string,
      values: Record<string, string>,
    ): Promise<Result<DocumentInstance>> {
      const found = await store.get('instances', instanceId);
      if (!found) return refused(goneMessage('document', instanceId));
      return simpleStep(at, found, saveDraft(found, values, at));
    },

    /**
     * Submits and signs, in the two steps the lifecycle stores: the draft becomes submitted
     * (fields and signature checked; the claim), then completed (signedAt, expiresOn, the
     * content hash); the signed document joins the renewals queue and the queue renewal of the
     * document it renews is completed. One journaled plan, so an interruption is finished.
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
      const plan = planSigning(instance, { ...input, signedAt: at, signedOn: ctx.today }, version);
      if (!plan.ok) return { ok: false, errors: signingErrors(plan) };
      return writeStep(ctx, `Sign document ${instance.id}`, instance, plan.instance, [
        update('instances', instance, plan.submitted),
        completionPatch(plan.submitted, plan.instance),
        ...(await afterCompletion(ctx, plan.instance, version)),
      ]);
    },

    /**
     * Completes a document left submitted (e.g. submitted on a device that then went away):
     * records the signature as submitted, with the same effects as signing.
     */
    async complete(at: Instant, instanceId: string): Promise<Result<DocumentInstance>> {
      const found = await instanceAndVersion(instanceId);
      if (!found.ok) return found;
      const { instance, version } = found.value;
      const ctx = await contextAt(ports, at);
      const result = completeInstance(instance, { signedAt: at, signedOn: ctx.today }, version);
      if (!result.ok) return { ok: false, errors: signingErrors(result) };
      return writeStep(ctx, `Complete document ${instance.id}`, instance, result.instance, [
        update('instances', instance, result.instance),
        ...(await afterCompletion(ctx, result.instance, version)),
      ]);
    },

    /**
     * Records a job placement on the worker: refused with the reason while they are blocked
     * from job assignment, accepted with a warning while a document is in grace.
     */
    async place(
      at: Instant,
      workerId: string,
      input: PlacementInput,
    ): Promise<Result<PlacementPlan, PlacementField>> {
      const worker = await store.get('workers', workerId);
      if (!worker) return refused(goneMessage('worker', workerId));
      const ctx = await contextAt(ports, at);
      const [instances, templates] = await Promise.all([
        store.find('instances', { selector: { workerId } }),
        store.find('templates', {}),
      ]);
      const plan = planPlacement({
        worker,
        instances,
        templates,
        placement: input,
        id: ports.newId('plc'),
        today: ctx.today,
        now: at,
      });
      if (!plan.ok) return plan;
      const { conflicts } = await store.update('workers', [
        { before: worker, after: plan.value.worker },
      ]);
      return conflicts.length === 0 ? plan : refused(changedMessage('worker', 'edited meanwhile'));
    },
  };
}
