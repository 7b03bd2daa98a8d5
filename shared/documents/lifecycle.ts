import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate, TemplateVersion } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import { formatLimit, LIMITS, utf8Bytes } from '../limits.js';
import { MAX_RECORD_BYTES } from '../sync/protocol.js';
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

/**
 * The rule "at most one open instance per worker and template", stated once. An instance is
 * open while it is the worker's live copy of the template: the one still to be signed, or the
 * signed one in force that the next renewal will take over from.
 * - required, draft, submitted: open (waiting for the worker);
 * - completed with an expiry: open until a renewal follows it in its chain (started early, or
 *   at expiry); from then on the renewal is the open one, and the signed one stays in force,
 *   without reminders once the renewal is signed, until its expiry archives it;
 * - completed without an expiry (a one-time document, renewal model `none`): never open. It is
 *   in force forever and nothing renews it, so an admin may re-issue it beside it;
 * - expired (archived): never open.
 * `renewed` says whether another instance names this one as its `previousInstanceId`.
 */
export function isOpen(instance: DocumentInstance, renewed: boolean): boolean {
  switch (instance.status) {
    case 'required':
    case 'draft':
    case 'submitted':
      return true;
    case 'completed':
      return instance.expiresOn !== undefined && !renewed;
    case 'expired':
      return false;
  }
}

/** Ids of the instances a renewal follows (some instance names them as `previousInstanceId`). */
export function renewedIds(instances: readonly DocumentInstance[]): Set<string> {
  return new Set(instances.flatMap((i) => (i.previousInstanceId ? [i.previousInstanceId] : [])));
}

/** The open instances among `instances` (see isOpen); chains are read from `instances` itself. */
export function openInstances(instances: readonly DocumentInstance[]): DocumentInstance[] {
  const renewed = renewedIds(instances);
  return instances.filter((i) => isOpen(i, renewed.has(i.id)));
}

/** True while an instance waits for the worker: assigned, opened or submitted, not completed. */
export function isUnsigned(instance: DocumentInstance): boolean {
  return (
    instance.status === 'required' || instance.status === 'draft' || instance.status === 'submitted'
  );
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

/** The worker's open instance of the template, if any (see isOpen). */
export function findOpenInstance(
  instances: readonly DocumentInstance[],
  workerId: string,
  templateId: string,
): DocumentInstance | undefined {
  return openInstances(
    instances.filter((i) => i.workerId === workerId && i.templateId === templateId),
  )[0];
}

/** Pairs that hold more than one open instance (e.g. after two devices synced); empty when the rule holds. */
export function openInstanceConflicts(
  instances: readonly DocumentInstance[],
): { workerId: string; templateId: string; instanceIds: string[] }[] {
  const byPair = new Map<string, DocumentInstance[]>();
  for (const instance of openInstances(instances)) {
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

/**
 * The instance that follows `previous` in its chain (or a worker's first one), 'required', from
 * the template's LATEST version, auto-filled from the worker's CURRENT profile. Assigning,
 * re-issuing, renewing early and renewing at expiry all build it here, so they agree on its id.
 */
export function nextInstanceOf(
  previous: DocumentInstance | undefined,
  template: DocumentTemplate,
  worker: Worker,
  now: Instant,
): DocumentInstance {
  const version = latestTemplateVersion(template);
  return {
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

/** Saves what the worker typed so far; only a draft can change, and only answers' lengths are checked yet. */
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
  const tooLong = Object.entries(data).filter(([, value]) => value.length > LIMITS.fieldValue);
  if (tooLong.length > 0)
    return {
      ok: false,
      error: 'Some answers are too long to save.',
      fieldErrors: Object.fromEntries(
        tooLong.map(([key]) => [
          key,
          `Shorten this answer to ${formatLimit(LIMITS.fieldValue)} characters or fewer.`,
        ]),
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

/** When a submission is completed: the instant, and that day in the office time zone. */
export type Completion = Pick<Signing, 'signedAt' | 'signedOn'>;

/**
 * Completes a submitted instance with what was submitted: records `signedAt`, `signedOn`,
 * `expiresOn` (computeExpiry from `signedOn`, absent for a one-time document) and `contentHash`,
 * the SHA-256 of the signed content. Nothing the worker submitted changes.
 */
export function completeInstance(
  instance: DocumentInstance,
  completion: Completion,
  version: TemplateVersion,
): InstanceResult {
  if (instance.status !== 'submitted') {
    const hint =
      instance.status === 'completed' || instance.status === 'expired'
        ? 'A signed or archived document never changes.'
        : 'Submit it first.';
    return { ok: false, error: illegal(instance, 'be completed', hint) };
  }
  const problem = checkSubmission(
    instance,
    {
      data: instance.data,
      signatureName: instance.signatureName ?? '',
      signatureImage: instance.signatureImage ?? '',
    },
    version,
  );
  if (problem) return problem;
  if (!isLocalDate(completion.signedOn))
    return {
      ok: false,
      error: `The signing date "${completion.signedOn}" is not a date in YYYY-MM-DD form.`,
    };
  if (Number.isNaN(Date.parse(completion.signedAt)))
    return { ok: false, error: `The signing time "${completion.signedAt}" is not an ISO instant.` };
  const { expiresOn: _stale, ...rest } = instance;
  const signed: DocumentInstance = {
    ...rest,
    status: 'completed',
    signedAt: completion.signedAt,
    signedOn: completion.signedOn,
    updatedAt: completion.signedAt,
  };
  const expiresOn = computeExpiry(version.renewalModel, completion.signedOn);
  if (expiresOn) signed.expiresOn = expiresOn;
  signed.hashVersion = CURRENT_HASH_VERSION;
  signed.contentHash = sha256Hex(signedContent(signed, version));
  return { ok: true, instance: signed };
}

export type SigningPlan =
  | { ok: true; submitted: DocumentInstance; instance: DocumentInstance }
  | Extract<InstanceResult, { ok: false }>;

/**
 * Signs a draft in the two steps the lifecycle stores: submitted (the data, the typed name and
 * the drawing, checked), then completed at `signedAt` (see completeInstance).
 */
export function planSigning(
  instance: DocumentInstance,
  signing: Signing,
  version: TemplateVersion,
): SigningPlan {
  if (instance.status !== 'draft') {
    const hint =
      instance.status === 'required'
        ? 'Open it first.'
        : instance.status === 'submitted'
          ? 'It is already submitted; complete it.'
          : 'A signed or archived document never changes.';
    return { ok: false, error: illegal(instance, 'be signed', hint) };
  }
  const submitted = submitInstance(instance, signing, version, signing.signedAt);
  if (!submitted.ok) return submitted;
  const completed = completeInstance(submitted.instance, signing, version);
  if (!completed.ok) return completed;
  return { ok: true, submitted: submitted.instance, instance: completed.instance };
}

/** The rule new signatures are hashed with (see signedContent). */
export const CURRENT_HASH_VERSION = 2;

/**
 * The canonical text the content hash covers, by the rule the instance was signed with
 * (`hashVersion`; absent = 1). Version 1: template, version, body, data, signature, signedAt.
 * Version 2 adds who signed (the worker), the signing date and the expiry, so none of them can
 * be changed without the hash showing it. An instance signed under version 1 keeps verifying
 * under version 1: signed documents are immutable, and no migration rewrites their hashes.
 */
export function signedContent(instance: DocumentInstance, version: TemplateVersion): string {
  const content = {
    templateId: instance.templateId,
    version: version.version,
    body: version.body,
    data: instance.data,
    signatureName: instance.signatureName ?? '',
    signatureImage: instance.signatureImage ?? '',
    signedAt: instance.signedAt ?? '',
  };
  if (instance.hashVersion === undefined) return canonicalJson(content);
  return canonicalJson({
    ...content,
    hashVersion: instance.hashVersion,
    workerId: instance.workerId,
    signedOn: instance.signedOn ?? '',
    expiresOn: instance.expiresOn ?? null,
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
const COMPLETION_FIELDS = new Set([
  'status',
  'signedAt',
  'signedOn',
  'expiresOn',
  'contentHash',
  'hashVersion',
  'updatedAt',
]);

/**
 * Null when `after` may replace `before`, else why not. A submitted instance changes only by
 * being completed with what was submitted; a completed (signed) one only by being archived;
 * an archived one never. Every store adapter refuses such a write (see writeRefusal), and the
 * sync conflict handler calls it too.
 */
export function checkInstanceUpdate(
  before: DocumentInstance,
  after: DocumentInstance,
): string | null {
  if (before.id !== after.id) return 'An update cannot change the instance id.';
  if (before.status !== 'submitted' && before.status !== 'completed' && before.status !== 'expired')
    return null;
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter(
      (key) =>
        key !== 'updatedAt' &&
        canonicalJson((before as Record<string, unknown>)[key]) !==
          canonicalJson((after as Record<string, unknown>)[key]),
    )
    .sort();
  if (changed.length === 0) return null;
  const attempted = `attempted: ${changed.join(', ')}`;
  switch (before.status) {
    case 'submitted':
      return after.status === 'completed' && changed.every((key) => COMPLETION_FIELDS.has(key))
        ? null
        : `Document ${before.id} is submitted and changes only by being completed as submitted (${attempted}).`;
    case 'completed':
      return after.status === 'expired' && changed.every((key) => ARCHIVE_FIELDS.has(key))
        ? null
        : `Document ${before.id} is signed and can never change (${attempted}).`;
    case 'expired':
      return `Document ${before.id} is archived and can never change (${attempted}).`;
  }
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
  if (submission.signatureName.trim().length > LIMITS.name)
    return {
      ok: false,
      error: `Shorten the typed name to ${formatLimit(LIMITS.name)} characters or fewer.`,
    };
  if (submission.signatureImage.length > LIMITS.signatureImage)
    return {
      ok: false,
      error: `The drawn signature is too large (${kib(submission.signatureImage.length)}; at most ${kib(LIMITS.signatureImage)}). Clear it and sign again with a simpler stroke.`,
    };
  if (!/^data:image\/[a-z+.-]+;base64,[A-Za-z0-9+/]+=*$/.test(submission.signatureImage)) {
    return { ok: false, error: 'Draw your signature before signing.' };
  }
  const size = utf8Bytes(canonicalJson({ ...instance, ...submission }));
  if (size > SIGNED_DOCUMENT_BYTES)
    return {
      ok: false,
      error: `This document would be ${kib(size)} with what was entered, and a document can hold at most ${kib(SIGNED_DOCUMENT_BYTES)} so it can sync. Shorten the longest answers or draw a simpler signature.`,
    };
  return null;
}

/** The size a signed document may reach: the sync record limit, less room for what completion adds. */
const SIGNED_DOCUMENT_BYTES = MAX_RECORD_BYTES - 4 * 1024;

const kib = (size: number) => `${Math.ceil(size / 1024)} KiB`;

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
    if (value.length > LIMITS.fieldValue) {
      errors[field.key] =
        `Shorten ${field.label} to ${formatLimit(LIMITS.fieldValue)} characters or fewer.`;
      continue;
    }
    if (field.type === 'date' && !isLocalDate(value))
      errors[field.key] = `${field.label} must be a real date between 1900 and 2199 (YYYY-MM-DD).`;
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
