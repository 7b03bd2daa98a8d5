import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { pgliteForTest, postgresForTest } from '../db/test-databases.test-support.js';
import { sqlStore } from '../store/sql-store.js';
import {
  consumeSigningLink,
  createSigningLink,
  readSigningLink,
  releaseSigningLink,
  type NewSigningLink,
} from './links.js';
import { officeWithDocument, SIGNATURE } from './signing.test-support.js';

const PUBLIC_URL = 'https://nolapse.agency.example';
const AT = '2026-03-01T09:00:00.000Z';

const TARGETS: { label: string; open(): Promise<{ db: Database; drop(): Promise<void> }> }[] = [
  {
    label: 'PGlite',
    async open() {
      const db = await pgliteForTest();
      return { db, drop: () => db.close() };
    },
  },
  { label: 'PostgreSQL', open: () => postgresForTest() },
];

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe.each(TARGETS)('signing links on $label', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await target.open());
  }, 60_000);
  afterAll(async () => drop?.());

  async function linkFor(options: { expiresAt?: string } = {}) {
    const office = await officeWithDocument(db);
    const link = valueOf(
      await createSigningLink(db, {
        officeId: office.officeId,
        instanceId: office.instanceId,
        at: AT,
        publicUrl: `${PUBLIC_URL}/`,
        ...options,
      }),
    );
    return { office, link };
  }

  it('makes a 32-byte token, its URL under PUBLIC_URL, working for 14 days', async () => {
    const { office, link } = await linkFor();
    expect(link).toEqual<NewSigningLink>({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      url: `${PUBLIC_URL}/sign/${link.token}`,
      expiresAt: '2026-03-15T09:00:00.000Z',
      instanceId: office.instanceId,
      workerId: office.worker.id,
    });
    expect(Buffer.from(link.token, 'base64url')).toHaveLength(32);
    expect(await readSigningLink(db, link.token, AT)).toEqual({
      state: 'valid',
      link: {
        officeId: office.officeId,
        instanceId: office.instanceId,
        workerId: office.worker.id,
        createdAt: AT,
        expiresAt: '2026-03-15T09:00:00.000Z',
        usedAt: null,
      },
    });
  });

  it('stores only the SHA-256 of the token', async () => {
    const { link } = await linkFor();
    const { rows } = await db.query<{ hash: string; row: string }>(
      'select hash, row_to_json(l)::text as row from signing_links l',
    );
    const sha = createHash('sha256').update(link.token).digest('hex');
    expect(rows.map((r) => r.hash)).toContain(sha);
    for (const { row } of rows) expect(row).not.toContain(link.token);
  });

  it('is used once: consumed, it reads as used and cannot be consumed again', async () => {
    const { link } = await linkFor();
    const used = await consumeSigningLink(db, link.token, '2026-03-02T10:00:00.000Z');
    expect(used).toMatchObject({ usedAt: '2026-03-02T10:00:00.000Z' });
    expect(await readSigningLink(db, link.token, '2026-03-02T10:00:01.000Z')).toMatchObject({
      state: 'used',
      link: { usedAt: '2026-03-02T10:00:00.000Z' },
    });
    expect(await consumeSigningLink(db, link.token, '2026-03-02T10:00:01.000Z')).toBeNull();
  });

  it('gives exactly one of many racing consumers the link', async () => {
    const { link } = await linkFor();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        consumeSigningLink(db, link.token, `2026-03-02T10:00:0${i}.000Z`),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('expires at its expiry instant and cannot be consumed after', async () => {
    const { link } = await linkFor();
    expect(await readSigningLink(db, link.token, '2026-03-15T08:59:59.999Z')).toMatchObject({
      state: 'valid',
    });
    expect(await readSigningLink(db, link.token, '2026-03-15T09:00:00.000Z')).toMatchObject({
      state: 'expired',
    });
    expect(await consumeSigningLink(db, link.token, '2026-03-15T09:00:00.000Z')).toBeNull();
    expect(await readSigningLink(db, link.token, '2026-03-16T00:00:00.000Z')).toMatchObject({
      state: 'expired',
      link: { usedAt: null },
    });
  });

  it('takes an earlier expiry and shortens one beyond 30 days', async () => {
    const soon = await linkFor({ expiresAt: '2026-03-03T09:00:00.000Z' });
    expect(soon.link.expiresAt).toBe('2026-03-03T09:00:00.000Z');
    const late = await linkFor({ expiresAt: '2026-12-31T00:00:00.000Z' });
    expect(late.link.expiresAt).toBe('2026-03-31T09:00:00.000Z');
  });

  it('is given back by the consumer whose signature was refused, and works again', async () => {
    const { link } = await linkFor();
    const at = '2026-03-02T10:00:00.000Z';
    expect(await consumeSigningLink(db, link.token, at)).not.toBeNull();
    expect(await releaseSigningLink(db, link.token, '2026-03-02T10:00:05.000Z')).toBe(false);
    expect(await releaseSigningLink(db, link.token, at)).toBe(true);
    expect(await readSigningLink(db, link.token, at)).toMatchObject({ state: 'valid' });
  });

  it('reads a token that is no link, or no token at all, as unknown', async () => {
    await linkFor();
    expect(await readSigningLink(db, 'A'.repeat(43), AT)).toEqual({ state: 'unknown' });
    expect(await readSigningLink(db, "'; drop table signing_links; --", AT)).toEqual({
      state: 'unknown',
    });
    expect(await consumeSigningLink(db, 'A'.repeat(43), AT)).toBeNull();
  });

  it('refuses a document of another office, a renewal not open yet and a deactivated worker', async () => {
    const a = await officeWithDocument(db, { name: 'Office A' });
    const b = await officeWithDocument(db, { name: 'Office B' });
    const other = await createSigningLink(db, {
      officeId: a.officeId,
      instanceId: b.instanceId,
      at: AT,
      publicUrl: PUBLIC_URL,
    });
    // Instance ids are built from template and worker ids, which are random per office.
    expect(other).toEqual({
      ok: false,
      errors: { form: `There is no document ${b.instanceId} in this office.` },
    });

    valueOf(await a.jobs.documents.open(AT, a.instanceId));
    valueOf(
      await a.jobs.documents.sign(AT, a.instanceId, {
        data: { name: 'Maria Lopez', address: '1 Old Street' },
        signatureName: 'Maria Lopez',
        signatureImage: SIGNATURE,
      }),
    );
    expect(
      await createSigningLink(db, {
        officeId: a.officeId,
        instanceId: a.instanceId,
        at: AT,
        publicUrl: PUBLIC_URL,
      }),
    ).toEqual({
      ok: false,
      errors: { form: 'Renewal opens on 2027-01-30, 30 days before it expires on 2027-03-01.' },
    });

    valueOf(await b.jobs.documents.setWorkerActive(AT, b.worker.id, false));
    expect(
      await createSigningLink(db, {
        officeId: b.officeId,
        instanceId: b.instanceId,
        at: AT,
        publicUrl: PUBLIC_URL,
      }),
    ).toEqual({
      ok: false,
      errors: {
        form: 'Maria Lopez is deactivated; reactivate them before sending a signing link.',
      },
    });
    const { rows } = await db.query(
      'select 1 from signing_links where office_id = any($1::text[])',
      [[a.officeId, b.officeId]],
    );
    expect(rows).toHaveLength(0);
    // Nothing was written to the documents either.
    expect((await sqlStore(db, b.officeId).get('instances', b.instanceId))?.status).toBe(
      'required',
    );
  });

  it('links a reminder about a signed document to its renewal, started once it has opened', async () => {
    const office = await officeWithDocument(db);
    valueOf(await office.jobs.documents.open(AT, office.instanceId));
    valueOf(
      await office.jobs.documents.sign(AT, office.instanceId, {
        data: { name: 'Maria Lopez', address: '1 Old Street' },
        signatureName: 'Maria Lopez',
        signatureImage: SIGNATURE,
      }),
    );
    // 30 days before the contract expires on 2027-03-01: the worker's first reminder.
    const at = '2027-01-30T09:00:00.000Z';
    const make = () =>
      createSigningLink(db, {
        officeId: office.officeId,
        instanceId: office.instanceId,
        at,
        publicUrl: PUBLIC_URL,
      });
    const first = valueOf(await make());
    expect(first).toMatchObject({
      instanceId: `${office.instanceId}:r1`,
      expiresAt: '2027-02-13T09:00:00.000Z',
    });
    const renewal = await sqlStore(db, office.officeId).get('instances', first.instanceId);
    expect(renewal).toMatchObject({
      status: 'required',
      previousInstanceId: office.instanceId,
      renewalNumber: 1,
      data: { name: 'Maria Lopez', address: '1 Old Street' },
    });
    // The next reminder's link signs the same renewal; nothing else is started.
    expect(valueOf(await make()).instanceId).toBe(first.instanceId);
    const chain = await sqlStore(db, office.officeId).find('instances', {
      selector: { workerId: office.worker.id },
    });
    expect(chain.map((i) => i.id).sort()).toEqual([office.instanceId, first.instanceId]);
  });
});
