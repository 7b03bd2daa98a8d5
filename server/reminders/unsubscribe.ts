import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/database.js';

/**
 * Unsubscribe links: every email carries one, for the person it went to. The token names the
 * office and the person (a staff id, or `worker:<id>`) and is signed with a key the server
 * keeps in its database, so it needs no table of its own and works after restarts.
 */

const KEY_NAME = 'unsubscribe-key';

/** The server's signing key for unsubscribe links, made on first use. */
async function signingKey(db: Queryable): Promise<Buffer> {
  await db.query(
    'insert into server_secrets (name, value) values ($1, $2) on conflict (name) do nothing',
    [KEY_NAME, randomBytes(32).toString('base64url')],
  );
  const { rows } = await db.query<{ value: string }>(
    'select value from server_secrets where name = $1',
    [KEY_NAME],
  );
  return Buffer.from(rows[0]!.value, 'base64url');
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url').slice(0, 32);
}

export type Subscriber = { officeId: string; person: string };

export async function unsubscribeToken(db: Queryable, who: Subscriber): Promise<string> {
  const payload = Buffer.from(JSON.stringify([who.officeId, who.person])).toString('base64url');
  return `${payload}.${sign(await signingKey(db), payload)}`;
}

/** The person an unsubscribe token names, or null when it is not one this server signed. */
export async function readUnsubscribeToken(
  db: Queryable,
  token: string,
): Promise<Subscriber | null> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 600) return null;
  const expected = Buffer.from(sign(await signingKey(db), payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [officeId, person] = JSON.parse(
      Buffer.from(payload, 'base64url').toString(),
    ) as unknown[];
    if (typeof officeId !== 'string' || typeof person !== 'string') return null;
    return { officeId, person };
  } catch {
    return null;
  }
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/unsubscribe/${token}`;
}

/** Workers who asked for no more reminder emails (staff turn their email channel off instead). */
export async function workerOptedOut(
  db: Queryable,
  officeId: string,
  workerId: string,
): Promise<boolean> {
  const { rows } = await db.query(
    'select 1 from email_opt_outs where office_id = $1 and person = $2',
    [officeId, `worker:${workerId}`],
  );
  return rows.length > 0;
}
