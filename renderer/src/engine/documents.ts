import { z } from 'zod';
import type { NotificationRequest } from '../../../shared/ipc';
import {
  openInstance,
  planAssign,
  planSigning,
  saveDraft,
  submitInstance,
  type InstanceResult,
} from '../../../shared/documents/lifecycle';
import { planDocumentSweep, type DocumentNotification } from '../../../shared/documents/sweep';
import {
  latestTemplateVersion,
  planTemplateCreate,
  planTemplateEdit,
  templateVersion,
  type TemplateDraftError,
} from '../../../shared/documents/template';
import { renewalForDocument } from '../../../shared/renewals/create';
import { ids } from '../../../shared/renewals/ids';
import type { DocumentInstance } from '../../../shared/schema/document-instance';
import type { DocumentTemplate, TemplateVersion } from '../../../shared/schema/document-template';
import type { Worker } from '../../../shared/schema/worker';
import { addDays, type Instant, type LocalDate } from '../../../shared/time';
import { documentsData, type DocumentsData } from '../db/documents-data';
import type { LocalData } from '../db/local-data';
import type { Engine } from './engine';

/** Profile keys every worker has; templates map fields to these (and to any custom key). */
export const PROFILE_KEYS = ['fullName', 'email', 'phone', 'address', 'taxId'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const workerInputSchema = z.object({
  fullName: z
    .string()
    .trim()
    .min(1, 'Enter the worker’s full name, e.g. "Maria Lopez".')
    .max(200, 'Shorten the name to 200 characters or fewer.'),
  email: z
    .string()
    .trim()
    .max(320, 'Shorten the email to 320 characters or fewer.')
    .refine((v) => v === '' || EMAIL.test(v), 'Enter an email address like name@example.com.'),
  phone: z.string().trim().max(60, 'Shorten the phone number to 60 characters or fewer.'),
  address: z.string().trim().max(500, 'Shorten the address to 500 characters or fewer.'),
  taxId: z.string().trim().max(60, 'Shorten the tax ID to 60 characters or fewer.'),
});

export type WorkerInput = z.input<typeof workerInputSchema>;
export type WorkerFieldErrors = Partial<Record<keyof WorkerInput, string>>;
export type WorkerResult = { ok: true; worker: Worker } | { ok: false; errors: WorkerFieldErrors };

export type TemplateResult =
  | { ok: true; template: DocumentTemplate; changed: boolean }
  | { ok: false; errors: TemplateDraftError[] };

export type AssignResult = { workerId: string; ok: boolean; message: string; instanceId?: string };

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

/** Where a notification or a link about an instance leads. */
export function instanceRoute(instanceId: string): string {
  return `/documents/instances/${encodeURIComponent(instanceId)}`;
}

/**
 * The documents shell: reads records, asks shared/documents for a plan, writes what it says.
 * Derived records (renewal instances, assignments, queue renewals) have deterministic ids,
 * so the same plan applied twice, or on two devices, converges to one record each.
 */
export function createDocumentsEngine(deps: { data: LocalData; engine: Engine }) {
  const { data, engine } = deps;
  const docs: DocumentsData = documentsData(data.db);
  const now = () => engine.clock.now();

  function checkWorker(input: WorkerInput) {
    const parsed = workerInputSchema.safeParse(input);
    if (parsed.success) return { ok: true as const, value: parsed.data };
    const errors: WorkerFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof WorkerInput;
      errors[key] ??= issue.message;
    }
    return { ok: false as const, errors };
  }

  function profileOf(
    value: z.output<typeof workerInputSchema>,
    previous: Record<string, string> = {},
  ) {
    const profile: Record<string, string> = { ...previous };
    for (const key of PROFILE_KEYS) {
      if (value[key]) profile[key] = value[key];
      else delete profile[key];
    }
    return profile;
  }

  async function mustGet<T>(promise: Promise<T | null>, what: string, id: string): Promise<T> {
    const value = await promise;
    if (!value)
      throw new Error(
        `The ${what} ${id} no longer exists; it may have been removed on another device.`,
      );
    return value;
  }

  async function versionOf(instance: DocumentInstance): Promise<TemplateVersion> {
    const template = await mustGet(
      docs.templates.get(instance.templateId),
      'template',
      instance.templateId,
    );
    const version = templateVersion(template, instance.templateVersion);
    if (!version)
      throw new Error(
        `Template "${template.name}" has no version ${instance.templateVersion}; it cannot be shown or signed.`,
      );
    return version;
  }

  /** Writes a lifecycle step, refusing a change another device made meanwhile. */
  async function writeStep(before: DocumentInstance, result: InstanceResult) {
    if (!result.ok) return result;
    const current = await docs.instances.get(before.id);
    if (current && current.updatedAt !== before.updatedAt) {
      return {
        ok: false as const,
        error: `This document changed on another device (now ${current.status}). Reload it and try again; what you typed is still in the form.`,
      };
    }
    await docs.instances.upsert([result.instance]);
    return result;
  }

  /** Puts a signed instance in the renewals queue and closes its predecessor's queue entry. */
  async function linkRenewals(signed: DocumentInstance, version: TemplateVersion) {
    const at = now();
    if (signed.expiresOn) {
      const office = await engine.office();
      const renewal = renewalForDocument(
        {
          ownerId: signed.workerId,
          instanceId: signed.id,
          documentName: version.name,
          expiresOn: signed.expiresOn,
          assigneeId: office.staff[0]?.id ?? 'unassigned',
        },
        at,
      );
      await engine.addRenewals([renewal]);
    }
    if (signed.previousInstanceId) {
      const previous = await docs.instances.get(signed.previousInstanceId);
      if (previous?.expiresOn) {
        const renewalId = ids.documentRenewal(previous.id, previous.expiresOn);
        const renewal = await data.renewals.get(renewalId);
        if (renewal && (renewal.status === 'ACTIVE' || renewal.status === 'OVERDUE'))
          await engine.completeRenewal(renewalId);
      }
    }
  }

  function toRequest(n: DocumentNotification, names: Map<string, string>): NotificationRequest {
    const name = names.get(n.workerId);
    return {
      id: n.id,
      title: n.recipient === 'worker' && name ? `${name}: ${n.title}` : n.title,
      body: n.body,
      route: instanceRoute(n.instanceId),
    };
  }

  return {
    data: docs,

    async createWorker(input: WorkerInput): Promise<WorkerResult> {
      const checked = checkWorker(input);
      if (!checked.ok) return checked;
      const at = now();
      const worker: Worker = {
        id: engine.newId('wrk'),
        fullName: checked.value.fullName,
        active: true,
        profile: profileOf(checked.value),
        createdAt: at,
        updatedAt: at,
        ...(checked.value.email ? { email: checked.value.email } : {}),
      };
      await docs.workers.insert([worker]);
      return { ok: true, worker };
    },

    /** Profile edits apply to the next instances only; signed documents keep what was signed. */
    async updateWorker(id: string, input: WorkerInput): Promise<WorkerResult> {
      const checked = checkWorker(input);
      if (!checked.ok) return checked;
      const current = await mustGet(docs.workers.get(id), 'worker', id);
      const { email: _email, ...rest } = current;
      const worker: Worker = {
        ...rest,
        fullName: checked.value.fullName,
        profile: profileOf(checked.value, current.profile),
        updatedAt: now(),
        ...(checked.value.email ? { email: checked.value.email } : {}),
      };
      await docs.workers.upsert([worker]);
      return { ok: true, worker };
    },

    /** Deactivated workers get no renewal instances and cannot be assigned; nothing is deleted. */
    async setWorkerActive(id: string, active: boolean): Promise<Worker> {
      const current = await mustGet(docs.workers.get(id), 'worker', id);
      const at = now();
      const { deactivatedAt: _d, ...rest } = current;
      const worker: Worker = active
        ? { ...rest, active: true, updatedAt: at }
        : { ...rest, active: false, deactivatedAt: at, updatedAt: at };
      await docs.workers.upsert([worker]);
      return worker;
    },

    async createTemplate(draft: unknown): Promise<TemplateResult> {
      const plan = planTemplateCreate(engine.newId('tpl'), draft, now());
      if (plan.ok) await docs.templates.insert([plan.template]);
      return plan;
    },

    /** Appends a version; signed instances keep theirs, new fields appear on the next renewal. */
    async editTemplate(id: string, draft: unknown): Promise<TemplateResult> {
      const template = await mustGet(docs.templates.get(id), 'template', id);
      const plan = planTemplateEdit(template, draft, now());
      if (plan.ok && plan.changed) await docs.templates.upsert([plan.template]);
      return plan;
    },

    /** Assigns the template's latest version to each worker; refusals say why, one per worker. */
    async assign(templateId: string, workerIds: readonly string[]): Promise<AssignResult[]> {
      const template = await mustGet(docs.templates.get(templateId), 'template', templateId);
      const results: AssignResult[] = [];
      for (const workerId of workerIds) {
        const worker = await docs.workers.get(workerId);
        if (!worker) {
          results.push({ workerId, ok: false, message: `Worker ${workerId} no longer exists.` });
          continue;
        }
        const instances = await docs.instances.ofWorkerAndTemplate(workerId, templateId);
        const plan = planAssign({ template, worker, instances, now: now() });
        if (!plan.ok) {
          results.push({ workerId, ok: false, message: plan.error });
          continue;
        }
        if (plan.archive) await docs.instances.upsert([plan.archive]);
        const { existing } = await docs.instances.insert([plan.create]);
        const name = latestTemplateVersion(template).name;
        results.push(
          existing.length
            ? {
                workerId,
                ok: false,
                message: `"${name}" was just assigned to ${worker.fullName} on another device; nothing was added.`,
              }
            : {
                workerId,
                ok: true,
                message: `"${name}" assigned to ${worker.fullName}.`,
                instanceId: plan.create.id,
              },
        );
      }
      return results;
    },

    /** The worker opens a required document: it becomes a draft. */
    async open(instanceId: string) {
      const instance = await mustGet(docs.instances.get(instanceId), 'document', instanceId);
      if (instance.status !== 'required') return { ok: true as const, instance };
      return writeStep(instance, openInstance(instance, now()));
    },

    async saveDraft(instanceId: string, values: Record<string, string>) {
      const instance = await mustGet(docs.instances.get(instanceId), 'document', instanceId);
      return writeStep(instance, saveDraft(instance, values, now()));
    },

    /**
     * Submits and signs in one step: checks fields and signature, then records signedAt,
     * expiresOn and the content hash, and links the renewals queue.
     */
    async sign(instanceId: string, input: SigningInput) {
      const instance = await mustGet(docs.instances.get(instanceId), 'document', instanceId);
      const version = await versionOf(instance);
      const at = now();
      const submitted =
        instance.status === 'draft' ? submitInstance(instance, input, version, at) : null;
      if (submitted && !submitted.ok) return submitted;
      const base = submitted?.ok ? submitted.instance : instance;
      const result = planSigning(
        base,
        { ...input, signedAt: at, signedOn: await engine.today() },
        version,
      );
      const written = await writeStep(instance, result);
      if (written.ok) await linkRenewals(written.instance, version);
      return written;
    },

    versionOf,

    /**
     * The daily sweep: reminders, archive and renew at expiry, notifications once per device.
     * Reads only signed instances expiring within the longest reminder interval, plus the other
     * instances of their workers (to keep one open instance per worker and template).
     */
    async sweep(): Promise<DocumentSweepSummary> {
      const at = now();
      const today: LocalDate = await engine.today();
      const templates = await docs.templates.all();
      const horizonDays = Math.max(
        0,
        ...templates.flatMap((t) => latestTemplateVersion(t).reminderDaysBefore),
        ...templates.flatMap((t) => t.versions.flatMap((v) => v.reminderDaysBefore)),
      );
      const horizon = addDays(today, horizonDays);
      const due = (await docs.instances.completed()).filter(
        (i) => i.expiresOn !== undefined && i.expiresOn <= horizon,
      );
      const workerIds = [...new Set(due.map((i) => i.workerId))];
      const instances = await docs.instances.ofWorkers(workerIds);
      const workers = await docs.workers.byIds(workerIds);
      const plan = planDocumentSweep({ templates, instances, workers, today, now: at });
      const summary = await applySweep(plan, instances, at);
      return { checked: due.length, ...summary };
    },
  };

  async function applySweep(
    plan: ReturnType<typeof planDocumentSweep>,
    instances: readonly DocumentInstance[],
    at: Instant,
  ) {
    const byId = new Map(instances.map((i) => [i.id, i]));
    // New instances first: an interrupted run then archives on the next one with the same ids.
    const { inserted } = await docs.instances.insert(plan.creates);
    const updates = plan.updates.flatMap(({ id, patch }) => {
      const current = byId.get(id);
      return current ? [{ ...current, ...patch } as DocumentInstance] : [];
    });
    await docs.instances.upsert(updates);

    const office = await engine.office();
    const renewals = plan.renewalLinks
      .filter((link) => byId.get(link.documentId)?.status === 'completed')
      .map((link) =>
        renewalForDocument(
          {
            ownerId: link.workerId,
            instanceId: link.documentId,
            documentName: link.title,
            expiresOn: link.dueDate,
            assigneeId: office.staff[0]?.id ?? 'unassigned',
          },
          at,
        ),
      );
    const addedRenewals = await engine.addRenewals(renewals);

    const names = new Map(
      (await docs.workers.byIds(plan.notifications.map((n) => n.workerId))).map((w) => [
        w.id,
        w.fullName,
      ]),
    );
    const requests = plan.notifications
      .filter((n) => n.kind !== 'digest')
      .map((n) => toRequest(n, names));
    const notified = await engine.deliver(requests);
    return {
      archived: updates.length,
      created: inserted.length,
      notified,
      renewals: addedRenewals.length,
    };
  }
}

export type DocumentsEngine = ReturnType<typeof createDocumentsEngine>;

/** One-line summary of a sweep for the refresh toast; '' when nothing happened. */
export function sweepSummaryLine(s: DocumentSweepSummary): string {
  const parts: string[] = [];
  if (s.archived) parts.push(`${s.archived} document${s.archived === 1 ? '' : 's'} expired`);
  if (s.created) parts.push(`${s.created} renewal${s.created === 1 ? '' : 's'} to sign`);
  if (s.notified) parts.push(`${s.notified} document notification${s.notified === 1 ? '' : 's'}`);
  return parts.join(', ');
}
