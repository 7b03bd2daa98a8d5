import { createHash, randomBytes } from 'node:crypto';
import { defaultOfficeSettings, OFFICE_CONFIG_ID } from '../../shared/office.js';
import { assertTimeZone } from '../../shared/time/index.js';
import type { DeviceToken } from '../../shared/sync/protocol.js';
import type { Database, Queryable } from '../db/database.js';

export type Role = 'admin' | 'staff';

/** Who a request comes from: a token of one office, with its role. */
export type Caller = {
  tokenId: string;
  officeId: string;
  role: Role;
  /** The staff member a device token belongs to, when an admin named one. */
  staffId: string | null;
};

export type TokenInfo = DeviceToken;

const TOKEN_PREFIX = 'nl_';

/** Tokens are 256 random bits; only their SHA-256 is stored, so a database leak reveals none. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

async function insertToken(
  db: Queryable,
  officeId: string,
  info: { role: Role; staffId: string | null; label: string },
): Promise<{ id: string; token: string }> {
  const token = newToken();
  const id = newId('tok');
  await db.query(
    'insert into tokens (id, office_id, hash, role, staff_id, label) values ($1, $2, $3, $4, $5, $6)',
    [id, officeId, hashToken(token), info.role, info.staffId, info.label],
  );
  return { id, token };
}

/**
 * A new office with its settings record (so days count in its zone from the first job) and
 * its first admin token, shown once: only its hash is kept.
 */
export async function createOffice(
  db: Database,
  input: { name: string; timeZone: string },
): Promise<{ officeId: string; adminToken: string }> {
  const name = input.name.trim();
  if (name === '' || name.length > 200)
    throw new RangeError('Give the office a name of 1 to 200 characters, e.g. "Ikamet Istanbul".');
  assertTimeZone(input.timeZone);
  const officeId = newId('off');
  const now = new Date().toISOString();
  return db.transaction(async (tx) => {
    await tx.query('insert into offices (id, name, time_zone) values ($1, $2, $3)', [
      officeId,
      name,
      input.timeZone,
    ]);
    const settings = { ...defaultOfficeSettings(input.timeZone), officeName: name };
    await tx.query(
      "insert into docs (office_id, collection, id, data) values ($1, 'config', $2, $3::jsonb)",
      [
        officeId,
        OFFICE_CONFIG_ID,
        JSON.stringify({ id: OFFICE_CONFIG_ID, value: settings, updatedAt: now }),
      ],
    );
    const { token } = await insertToken(tx, officeId, {
      role: 'admin',
      staffId: null,
      label: 'First admin',
    });
    return { officeId, adminToken: token };
  });
}

/** The caller behind a bearer token, or null for an unknown or revoked one. */
export async function authenticate(db: Database, token: string): Promise<Caller | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const { rows } = await db.query<{
    id: string;
    office_id: string;
    role: Role;
    staff_id: string | null;
  }>('select id, office_id, role, staff_id from tokens where hash = $1 and revoked_at is null', [
    hashToken(token),
  ]);
  const row = rows[0];
  return row
    ? { tokenId: row.id, officeId: row.office_id, role: row.role, staffId: row.staff_id }
    : null;
}

/** A device token for a staff member (or another admin); the token is returned once. */
export function createToken(
  db: Database,
  officeId: string,
  info: { role: Role; staffId: string | null; label: string },
) {
  return insertToken(db, officeId, info);
}

export async function listTokens(db: Database, officeId: string): Promise<TokenInfo[]> {
  const { rows } = await db.query<{
    id: string;
    role: Role;
    staff_id: string | null;
    label: string;
    created_at: Date | string;
    revoked_at: Date | string | null;
  }>(
    'select id, role, staff_id, label, created_at, revoked_at from tokens where office_id = $1 order by created_at, id',
    [officeId],
  );
  const iso = (v: Date | string) => new Date(v).toISOString();
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    staffId: r.staff_id,
    label: r.label,
    createdAt: iso(r.created_at),
    revokedAt: r.revoked_at === null ? null : iso(r.revoked_at),
  }));
}

/** Revokes a token of the office; false when the office has no such token. */
export async function revokeToken(
  db: Database,
  officeId: string,
  tokenId: string,
): Promise<boolean> {
  const { rows } = await db.query(
    'update tokens set revoked_at = coalesce(revoked_at, now()) where office_id = $1 and id = $2 returning id',
    [officeId, tokenId],
  );
  return rows.length > 0;
}

export async function officeTimeZone(db: Database, officeId: string): Promise<string | null> {
  const { rows } = await db.query<{ time_zone: string }>(
    'select time_zone from offices where id = $1',
    [officeId],
  );
  return rows[0]?.time_zone ?? null;
}
