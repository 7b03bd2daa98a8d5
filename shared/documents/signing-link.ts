import { ok, refused, type Result } from '../result.js';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { TemplateVersion } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import { addMs, msOf, toInstant, type Instant, type LocalDate } from '../time/index.js';
import { autoFill } from './lifecycle.js';

const DAY_MS = 86_400_000;

/** How long a signing link works unless its maker says otherwise. */
export const SIGNING_LINK_DAYS = 14;

/**
 * The longest a signing link may work: it covers a document's reminders from the first one
 * (30 days before by default) to its expiry, and an old email left in a mailbox stops being a
 * key to anything soon after.
 */
export const SIGNING_LINK_MAX_DAYS = 30;

/**
 * When a link made at `at` stops working: `requested`, or SIGNING_LINK_DAYS after `at`; never
 * more than SIGNING_LINK_MAX_DAYS after `at` (a later request is shortened to that).
 */
export function signingLinkExpiry(at: Instant, requested?: Instant): Result<Instant> {
  const latest = addMs(at, SIGNING_LINK_MAX_DAYS * DAY_MS);
  if (requested === undefined) return ok(addMs(at, SIGNING_LINK_DAYS * DAY_MS));
  const until = toInstant(requested);
  if (!until)
    return refused(
      `The link's expiry "${requested}" is not an instant; write it like 2026-03-15T09:00:00Z.`,
    );
  if (msOf(until) <= msOf(at))
    return refused(`The link's expiry ${until} is not after ${at}; choose a later time.`);
  return ok(msOf(until) > msOf(latest) ? latest : until);
}

/** What a link made for `instance` signs: itself, the renewal that follows it, or a renewal to start. */
export type SigningTarget =
  | { kind: 'sign'; instance: DocumentInstance }
  | { kind: 'renew' }
  | { kind: 'refused'; reason: string };

/**
 * The document a signing link made for `instance` lets the worker sign. Reminders name the
 * document they are about: one still to sign is signed itself; a signed one that expires is
 * renewed, so its link signs the renewal that follows it in `chain` (the worker's instances of
 * the template), or one to be started now ('renew': the early renewal the app offers, the same
 * instance its expiry would create). A renewal already signed leaves nothing to sign.
 */
export function signingTarget(
  instance: DocumentInstance,
  chain: readonly DocumentInstance[],
): SigningTarget {
  if (instance.status === 'required' || instance.status === 'draft')
    return { kind: 'sign', instance };
  if (instance.status === 'submitted')
    return {
      kind: 'refused',
      reason: `Document ${instance.id} is already submitted; complete it in the app instead.`,
    };
  const next = chain.find((i) => i.previousInstanceId === instance.id);
  if (next) {
    if (next.status === 'required' || next.status === 'draft')
      return { kind: 'sign', instance: next };
    if (next.status === 'submitted')
      return {
        kind: 'refused',
        reason: `The renewal ${next.id} is already submitted; complete it in the app instead.`,
      };
    return {
      kind: 'refused',
      reason: `Document ${instance.id} is already renewed${next.signedOn ? ` (signed on ${next.signedOn})` : ''}; there is nothing left to sign.`,
    };
  }
  if (instance.status === 'completed' && instance.expiresOn) return { kind: 'renew' };
  return {
    kind: 'refused',
    reason:
      instance.status === 'completed'
        ? `Document ${instance.id} is already signed; there is nothing left to sign.`
        : `Document ${instance.id} is archived and no renewal follows it; assign the template again to ask for a signature.`,
  };
}

/** Null when a worker may be sent a link to sign `instance`, else why not. */
export function signingLinkRefusal(
  instance: DocumentInstance,
  worker: Worker | null | undefined,
): string | null {
  if (!worker || worker.id !== instance.workerId)
    return `The worker of document ${instance.id} no longer exists.`;
  if (!worker.active)
    return `${worker.fullName} is deactivated; reactivate them before sending a signing link.`;
  switch (instance.status) {
    case 'required':
    case 'draft':
      return null;
    case 'submitted':
      return `Document ${instance.id} is already submitted; complete it in the app instead.`;
    case 'completed':
    case 'expired':
      return `Document ${instance.id} is already signed; there is nothing left to sign.`;
  }
}

/**
 * The values the signing page starts with: the worker's CURRENT profile for the fields it
 * fills, over what the document was given when it was made; in a draft, what someone already
 * saved stays as saved and only its empty fields are filled from the profile.
 */
export function signingValues(
  instance: DocumentInstance,
  version: TemplateVersion,
  profile: Readonly<Record<string, string>>,
): Record<string, string> {
  const fromProfile = autoFill(version, profile);
  const saved: Record<string, string> = {};
  for (const field of version.fields) {
    const value = instance.data[field.key];
    if (value !== undefined && value !== '') saved[field.key] = value;
  }
  return instance.status === 'draft' ? { ...fromProfile, ...saved } : { ...saved, ...fromProfile };
}

/** Only the template's own fields, as text: a signing link writes nothing else. */
export function templateFieldsOnly(
  version: TemplateVersion,
  fields: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const data: Record<string, string> = {};
  for (const field of version.fields) {
    const value = fields[field.key];
    if (typeof value === 'string') data[field.key] = value;
  }
  return data;
}

/** What the signing page shows: the one document, filled as far as the office knows it. */
export type SigningPageData = {
  officeName: string;
  /** The signer's name as the office has it, shown as a hint beside "type your name". */
  workerName: string;
  document: {
    name: string;
    version: number;
    body: string;
    fields: {
      key: string;
      label: string;
      type: TemplateVersion['fields'][number]['type'];
      required: boolean;
    }[];
  };
  values: Record<string, string>;
  expiresAt: Instant;
};

/** What the signing page sends: the filled fields, the typed name and the drawing (a data URL). */
export type SigningSubmission = {
  fields: Record<string, string>;
  typedName: string;
  signature: string;
};

/** The answer to a signature: what was signed, and until when it holds. */
export type SigningDone = {
  officeName: string;
  documentName: string;
  signedBy: string;
  signedOn: LocalDate;
  /** Absent for a one-time document. */
  expiresOn: LocalDate | null;
};

/** Why a link answers 404 or 410, for the page to choose its heading. */
export type SigningLinkProblem =
  'not_found' | 'link_used' | 'link_expired' | 'already_signed' | 'link_unavailable';

/** A signing link's token: 32 random bytes, base64url without padding. */
export const SIGNING_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Where a signing link opens, below the server's public address. */
export const signingPath = (token: string) => `/sign/${token}`;
