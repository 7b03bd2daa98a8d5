import { randomBytes } from 'node:crypto';
import {
  SIGNING_TOKEN,
  signingLinkExpiry,
  signingLinkRefusal,
  signingPath,
  signingTarget,
} from '../../shared/documents/signing-link.js';
import { ok, refused, type Result } from '../../shared/result.js';
import type { Instant } from '../../shared/time/index.js';
import { hashToken } from '../auth/offices.js';
import type { Database, Queryable } from '../db/database.js';
import { officeJobs } from '../jobs/office-jobs.js';
import { sqlStore } from '../store/sql-store.js';

/** A link just made: the token and URL exist only in this answer (only the token's hash is kept). */
export type NewSigningLink = {
  token: string;
  /** `${publicUrl}/sign/<token>`: what the worker's email links to. */
  url: string;
  expiresAt: Instant;
  instanceId: string;
  workerId: string;
};

/** A link as stored: which document of which office it signs, and its times. */
export type StoredSigningLink = {
  officeId: string;
  instanceId: string;
  workerId: string;
  createdAt: Instant;
  expiresAt: Instant;
  usedAt: Instant | null;
};

/** What a token is at an instant: unknown, or a link that works, was used, or has expired. */
export type SigningLinkState =
  { state: 'unknown' } | { state: 'valid' | 'used' | 'expired'; link: StoredSigningLink };

type LinkRow = {
  office_id: string;
  instance_id: string;
  worker_id: string;
  created_at: Date | string;
  expires_at: Date | string;
  used_at: Date | string | null;
};

const COLUMNS = 'office_id, instance_id, worker_id, created_at, expires_at, used_at';
const iso = (value: Date | string) => new Date(value).toISOString();

function linkOf(row: LinkRow): StoredSigningLink {
  return {
    officeId: row.office_id,
    instanceId: row.instance_id,
    workerId: row.worker_id,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    usedAt: row.used_at === null ? null : iso(row.used_at),
  };
}

/** The stored hash of a token, or null for text that cannot be a token (never looked up). */
function hashOf(token: string): string | null {
  return SIGNING_TOKEN.test(token) ? hashToken(token) : null;
}

/**
 * Makes a single-use link for the worker of document `instanceId` to sign it, working until
 * `expiresAt` (default 14 days after `at`, never more than 30: see signingLinkExpiry). For a
 * signed document that expires (what a worker's reminder is about) the link signs its renewal,
 * started now when the renewal has opened (the app's "renew early"; see signingTarget). Refused,
 * with the reason, when the office has no such document, nothing is left to sign, or the worker
 * is gone or deactivated. `publicUrl` is the server's address as people reach it.
 */
export async function createSigningLink(
  db: Database,
  input: {
    officeId: string;
    instanceId: string;
    at: Instant;
    publicUrl: string;
    expiresAt?: Instant;
  },
): Promise<Result<NewSigningLink>> {
  const expiry = signingLinkExpiry(input.at, input.expiresAt);
  if (!expiry.ok) return expiry;
  const store = sqlStore(db, input.officeId);
  const named = await store.get('instances', input.instanceId);
  if (!named) return refused(`There is no document ${input.instanceId} in this office.`);
  const chain = await store.find('instances', {
    selector: { workerId: named.workerId, templateId: named.templateId },
  });
  const target = signingTarget(named, chain);
  if (target.kind === 'refused') return refused(target.reason);
  let instance = target.kind === 'sign' ? target.instance : null;
  if (!instance) {
    const started = await officeJobs(db, input.officeId).documents.renewEarly(input.at, named.id);
    if (!started.ok) return started;
    instance = started.value;
  }
  const worker = await store.get('workers', instance.workerId);
  const refusal = signingLinkRefusal(instance, worker);
  if (refusal) return refused(refusal);
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `insert into signing_links (hash, office_id, instance_id, worker_id, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [hashToken(token), input.officeId, instance.id, instance.workerId, input.at, expiry.value],
  );
  return ok({
    token,
    url: `${input.publicUrl.replace(/\/+$/, '')}${signingPath(token)}`,
    expiresAt: expiry.value,
    instanceId: instance.id,
    workerId: instance.workerId,
  });
}

/**
 * The signing link a worker's reminder email carries (the reminder settings' `signingLink`): a
 * link for the document the reminder is about (see createSigningLink), or null when nothing is
 * left to sign, and the email goes without one.
 */
export async function signingLinkForReminder(
  db: Database,
  input: { officeId: string; instanceId: string; at: Instant; publicUrl: string },
): Promise<{ url: string; expiresAt: Instant } | null> {
  const made = await createSigningLink(db, input);
  return made.ok ? { url: made.value.url, expiresAt: made.value.expiresAt } : null;
}

/** What `token` opens at `at`; reads only, so a page view never uses a link up. */
export async function readSigningLink(
  db: Queryable,
  token: string,
  at: Instant,
): Promise<SigningLinkState> {
  const hash = hashOf(token);
  if (!hash) return { state: 'unknown' };
  const { rows } = await db.query<LinkRow>(`select ${COLUMNS} from signing_links where hash = $1`, [
    hash,
  ]);
  const row = rows[0];
  if (!row) return { state: 'unknown' };
  const link = linkOf(row);
  if (link.usedAt !== null) return { state: 'used', link };
  if (Date.parse(link.expiresAt) <= Date.parse(at)) return { state: 'expired', link };
  return { state: 'valid', link };
}

/**
 * Uses the link up at `at`, in one statement: of any number of requests racing with one token,
 * exactly one gets the link back; the others (and any request after expiry) get null.
 */
export async function consumeSigningLink(
  db: Queryable,
  token: string,
  at: Instant,
): Promise<StoredSigningLink | null> {
  const hash = hashOf(token);
  if (!hash) return null;
  const { rows } = await db.query<LinkRow>(
    `update signing_links set used_at = $2
     where hash = $1 and used_at is null and expires_at > $2
     returning ${COLUMNS}`,
    [hash, at],
  );
  return rows[0] ? linkOf(rows[0]) : null;
}

/**
 * Gives back a link consumed at `usedAt` whose signature was then refused (a field left empty,
 * the document changed meanwhile), so the worker can correct it and submit again.
 */
export async function releaseSigningLink(
  db: Queryable,
  token: string,
  usedAt: Instant,
): Promise<boolean> {
  const hash = hashOf(token);
  if (!hash) return false;
  const { rows } = await db.query(
    'update signing_links set used_at = null where hash = $1 and used_at = $2 returning hash',
    [hash, usedAt],
  );
  return rows.length > 0;
}
