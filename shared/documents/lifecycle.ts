import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate, TemplateVersion } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import { isLocalDate, type Instant, type LocalDate } from '../time/index.js';
import { canonicalJson } from './canonical-json.js';
import { computeExpiry } from './expiry.js';
import { documentIds } from './ids.js';
import { sha256Hex } from './sha256.js';
import { latestTemplateVersion } from './template.js';

export type InstanceResult =
  | { ok: true; instance: DocumentInstance }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export type Signing = {
  data: Record<string, string>;
  /** The signer's full name, typed. */
  signatureName: string;
  /** The drawn signature as an image data URL. */
  signatureImage: string;
  signedAt: Instant;
  /** The signing date in the office time zone; expiry counts from it. */
  signedOn: LocalDate;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A non-expired instance is open: at most one per worker and template. */
export function isOpen(instance: DocumentInstance): boolean {
  return instance.status !== 'expired';
}

/** Data keyed by field key, pre-filled from the worker's profile (fields without a value stay out). */
export function autoFill(
  version: TemplateVersion,
  profile: Readonly<Record<string, string>>,
): Record<string, string> {
  const data: Record<string, string> = {};
  for (const field of version.fields) {
    const value = field.profileKey ? profile[field.profileKey] : undefined;
    if (value !== undefined && value !== '') data[field.key] = value;
  }
  return data;
}

/** The id of the instance that follows `previous` in its renewal chain ('<rootId>:r<n>'). */
export const renewalInstanceId = documentIds.nextInstance;

/** The worker's open instance of the template, if any. */
export function findOpenInstance(
  instances: readonly DocumentInstance[],
  workerId: string,
  templateId: string,
): DocumentInstance | undefined {
  return instances.find((i) => i.workerId === workerId && i.templateId === templateId && isOpen(i));
}

/** Pairs that hold more than one open instance (e.g. after two devices synced); empty when the rule holds. */
export function openInstanceConflicts(
  instances: readonly DocumentInstance[],
): { workerId: string; templateId: string; instanceIds: string[] }[] {
  const byPair = new Map<string, DocumentInstance[]>();
  for (const instance of instances.filter(isOpen)) {
    const key = `${instance.workerId}\u0000${instance.templateId}`;
    byPair.set(key, [...(byPair.get(key) ?? []), instance]);
  }
  return [...byPair.values()]
    .filter((group) => group.length > 1)
    .map((group) => ({
      workerId: group[0]!.workerId,
      templateId: group[0]!.templateId,
      instanceIds: group.map((i) => i.id).sort(),
    }));
}

/** Throws when any worker holds two open instances of one template. */
export function assertOneOpenInstance(instances: readonly DocumentInstance[]): void {
  const [conflict] = openInstanceConflicts(instances);
  if (conflict) {
    throw new Error(
      `Worker "${conflict.workerId}" has ${conflict.instanceIds.length} open instances of template "${conflict.templateId}" (${conflict.instanceIds.join(', ')}); only one is allowed.`,
    );
  }
}

export type AssignPlan =
  { ok: true; create: DocumentInstance; archive?: DocumentInstance } | { ok: false; error: string };

/**
 * Assigns the latest version of `template` to `worker` as a 'required' instance. Refuses a
 * deactivated worker and a second open instance; a completed one is replaced (archived) only
 * with `supersede`, which is how an admin re-issues a never-expiring document. An assignment
 * after an expired instance continues its chain (previousInstanceId, renewalNumber + 1).
 */
export function planAssign(input: {
  template: DocumentTemplate;
  worker: Worker;
  instances: readonly DocumentInstance[];
  now: Instant;
  supersede?: boolean;
}): AssignPlan {
  const { template, worker, instances, now } = input;
  const version = latestTemplateVersion(template);
  if (!worker.active) {
    return {
      ok: false,
      error: `${worker.fullName} is deactivated. Reactivate them before assigning "${version.name}".`,
    };
  }
  const open = findOpenInstance(instances, worker.id, template.id);
  let archive: DocumentInstance | undefined;
  if (open) {
    if (open.status !== 'completed' || !input.supersede) {
      const what = open.status === 'completed' ? 'a signed' : `an open (${open.status})`;
      return {
        ok: false,
        error: `${worker.fullName} already has ${what} "${version.name}". A worker can hold only one open instance of a document${open.status === 'completed' ? '; re-issue it to replace the signed one' : '; finish or archive it first'}.`,
      };
    }
    archive = { ...open, status: 'expired', archivedAt: now, updatedAt: now };
  }
  const previous =
    archive ??
    latestOfChain(
      instances.filter((i) => i.workerId === worker.id && i.templateId === template.id),
    );
  const create: DocumentInstance = {
    id: previous ? renewalInstanceId(previous) : documentIds.firstInstance(template.id, worker.id),
    templateId: template.id,
    templateVersion: version.version,
    workerId: worker.id,
    status: 'required',
    data: autoFill(version, worker.profile),
    renewalNumber: previous ? previous.renewalNumber + 1 : 0,
    createdAt: now,
    updatedAt: now,
    ...(previous ? { previousInstanceId: previous.id } : {}),
  };
  if (instances.some((i) => i.id === create.id)) {
    return {
      ok: false,
      error: `"${version.name}" was already assigned to ${worker.fullName} (instance ${create.id}).`,
    };
  }
  return archive ? { ok: true, create, archive } : { ok: true, create };
}

/** The instance with the highest renewal number (the newest in its chain). */
export function latestOfChain(
  instances: readonly DocumentInstance[],
): DocumentInstance | undefined {
  return instances.reduce<DocumentInstance | undefined>(
    (latest, i) =>
      !latest ||
      i.renewalNumber > latest.renewalNumber ||
      (i.renewalNumber === latest.renewalNumber && i.createdAt > latest.createdAt)
        ? i
        : latest,
    undefined,
  );
}

/** The worker opens the instance: 'required' becomes 'draft'; any other status is left as is. */
export function openInstance(instance: DocumentInstance, now: Instant): InstanceResult {
  if (instance.status !== 'required') return { ok: true, instance };
  return { ok: true, instance: { ...instance, status: 'draft', openedAt: now, updatedAt: now } };
}

/** Saves what the worker typed so far; only a draft can change, and nothing is validated yet. */
export function saveDraft(
  instance: DocumentInstance,
  data: Record<string, string>,
  now: Instant,
): InstanceResult {
  if (instance.status !== 'draft')
    return {
      ok: false,
      error: illegal(
        instance,
        'be edited',
        'Only a draft can be edited; open a required document first.',
      ),
    };
  return { ok: true, instance: { ...instance, data: { ...data }, updatedAt: now } };
}

/** The worker submits a filled and signed draft; fields and signature are checked. */
export function submitInstance(
  instance: DocumentInstance,
  submission: Pick<Signing, 'data' | 'signatureName' | 'signatureImage'>,
  version: TemplateVersion,
  now: Instant,
): InstanceResult {
  if (instance.status !== 'draft')
    return {
      ok: false,
      error: illegal(instance, 'be submitted', 'Only a draft can be submitted.'),
    };
  const problem = checkSubmission(instance, submission, version);
  if (problem) return problem;
  return {
    ok: true,
    instance: {
      ...instance,
      status: 'submitted',
      data: { ...submission.data },
      signatureName: submission.signatureName.trim(),
      signatureImage: submission.signatureImage,
      submittedAt: now,
      updatedAt: now,
    },
  };
}

/**
 * Completes a draft or submitted instance: records the signature, `signedAt`, `expiresOn`
 * (computeExpiry from `signedOn`) and `contentHash`, the SHA-256 of the signed content.
 */
export function planSigning(
  instance: DocumentInstance,
  signing: Signing,
  version: TemplateVersion,
): InstanceResult {
  if (instance.status !== 'draft' && instance.status !== 'submitted') {
    const hint =
      instance.status === 'required'
        ? 'Open it first.'
        : 'A signed or archived document never changes.';
    return { ok: false, error: illegal(instance, 'be signed', hint) };
  }
  const problem = checkSubmission(instance, signing, version);
  if (problem) return problem;
  if (!isLocalDate(signing.signedOn))
    return {
      ok: false,
      error: `The signing date "${signing.signedOn}" is not a date in YYYY-MM-DD form.`,
    };
  if (Number.isNaN(Date.parse(signing.signedAt)))
    return { ok: false, error: `The signing time "${signing.signedAt}" is not an ISO instant.` };
  const signed: DocumentInstance = {
    ...instance,
    status: 'completed',
    data: { ...signing.data },
    signatureName: signing.signatureName.trim(),
    signatureImage: signing.signatureImage,
    submittedAt: instance.submittedAt ?? signing.signedAt,
    signedAt: signing.signedAt,
    signedOn: signing.signedOn,
    updatedAt: signing.signedAt,
  };
  const expiresOn = computeExpiry(version.renewalModel, signing.signedOn);
  if (expiresOn) signed.expiresOn = expiresOn;
  else delete signed.expiresOn;
  signed.contentHash = sha256Hex(signedContent(signed, version));
  return { ok: true, instance: signed };
}

/** The canonical text the content hash covers: template, version, body, data, signature, signedAt. */
export function signedContent(instance: DocumentInstance, version: TemplateVersion): string {
  return canonicalJson({
    templateId: instance.templateId,
    version: version.version,
    body: version.body,
    data: instance.data,
    signatureName: instance.signatureName ?? '',
    signatureImage: instance.signatureImage ?? '',
    signedAt: instance.signedAt ?? '',
  });
}

/** True when a signed instance still matches its hash and the version it was signed on. */
export function verifyContent(instance: DocumentInstance, version: TemplateVersion): boolean {
  if (!instance.contentHash || !instance.signedAt) return false;
  if (version.version !== instance.templateVersion) return false;
  return sha256Hex(signedContent(instance, version)) === instance.contentHash;
}

/** Archives an open instance: 'expired' with `archivedAt`; it is kept forever. */
export function archiveInstance(instance: DocumentInstance, now: Instant): InstanceResult {
  if (instance.status === 'expired')
    return { ok: false, error: illegal(instance, 'be archived', 'It is already archived.') };
  return {
    ok: true,
    instance: { ...instance, status: 'expired', archivedAt: now, updatedAt: now },
  };
}

const ARCHIVE_FIELDS = new Set(['status', 'archivedAt', 'updatedAt']);

/**
 * Null when `after` may replace `before`, else why not: a completed instance changes only by
 * being archived, an archived one never changes. Engines and the conflict handler call it.
 */
export function checkInstanceUpdate(
  before: DocumentInstance,
  after: DocumentInstance,
): string | null {
  if (before.id !== after.id) return 'An update cannot change the instance id.';
  if (before.status !== 'completed' && before.status !== 'expired') return null;
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) =>
      canonicalJson((before as Record<string, unknown>)[key]) !==
      canonicalJson((after as Record<string, unknown>)[key]),
  );
  if (before.status === 'expired') {
    return changed.some((key) => key !== 'updatedAt')
      ? `Instance ${before.id} is archived and can never change.`
      : null;
  }
  const archiving = after.status === 'expired' && changed.every((key) => ARCHIVE_FIELDS.has(key));
  return archiving || changed.length === 0 || (changed.length === 1 && changed[0] === 'updatedAt')
    ? null
    : `Instance ${before.id} is signed and can never change (attempted: ${changed.filter((k) => k !== 'updatedAt').join(', ')}).`;
}

function checkSubmission(
  instance: DocumentInstance,
  submission: Pick<Signing, 'data' | 'signatureName' | 'signatureImage'>,
  version: TemplateVersion,
): { ok: false; error: string; fieldErrors?: Record<string, string> } | null {
  if (version.version !== instance.templateVersion) {
    return {
      ok: false,
      error: `Instance ${instance.id} uses version ${instance.templateVersion} of its template, not version ${version.version}.`,
    };
  }
  const fieldErrors = checkFields(version, submission.data);
  if (Object.keys(fieldErrors).length) {
    return { ok: false, error: 'Some fields need attention before signing.', fieldErrors };
  }
  if (!submission.signatureName.trim()) return { ok: false, error: 'Type your full name to sign.' };
  if (!/^data:image\/[a-z+.-]+;base64,[A-Za-z0-9+/]+=*$/.test(submission.signatureImage)) {
    return { ok: false, error: 'Draw your signature before signing.' };
  }
  return null;
}

/** Field problems by field key, in words the worker can act on; empty when all is well. */
export function checkFields(
  version: TemplateVersion,
  data: Readonly<Record<string, string>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of version.fields) {
    const value = (data[field.key] ?? '').trim();
    if (!value) {
      if (field.required) errors[field.key] = `Fill in ${field.label}.`;
      continue;
    }
    if (field.type === 'date' && !isLocalDate(value))
      errors[field.key] = `${field.label} must be a real date (YYYY-MM-DD).`;
    if (field.type === 'email' && !EMAIL.test(value))
      errors[field.key] = `${field.label} must be an email address like name@example.com.`;
    if (field.type === 'number' && !Number.isFinite(Number(value)))
      errors[field.key] = `${field.label} must be a number.`;
  }
  return errors;
}

function illegal(instance: DocumentInstance, action: string, hint: string): string {
  return `Document ${instance.id} is ${instance.status} and cannot ${action}. ${hint}`;
}
