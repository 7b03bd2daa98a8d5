import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_BATCH,
  MAX_ID_LENGTH,
  MAX_RECORD_BYTES,
  SCHEMA_HEADER,
} from '../../shared/sync/protocol.js';
import { LIMITS } from '../../shared/limits.js';
import type { SyncDocument } from '../../shared/sync/protocol.js';
import { RECORDS_BEFORE_LIMITS } from '../../shared/schema/fixtures/before-limits.test-support.js';
import type { Database } from '../db/database.js';
import { pgliteForTest } from '../db/test-databases.test-support.js';
import { sqlStore } from '../store/sql-store.js';
import { OFFICE_SYNC_COLLECTIONS, syncCollections } from './sync-collections.js';
import { creating, customer, syncClient, syncTestServer, testOffice } from './sync.test-support.js';

describe('who may sync what', () => {
  let db: Database;
  let server: Awaited<ReturnType<typeof syncTestServer>>;
  beforeAll(async () => {
    db = await pgliteForTest();
    server = await syncTestServer(db);
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('answers 401 to every sync route without a token, or with an unknown one', async () => {
    const anonymous = syncClient(server.url, null);
    const forged = syncClient(server.url, 'nl_not-a-real-token');
    for (const client of [anonymous, forged])
      for (const [path, method] of [
        ['/sync/info', 'GET'],
        ['/sync/customers/pull?seq=0', 'GET'],
        ['/sync/customers/push', 'POST'],
        ['/sync/customers/stream', 'GET'],
      ] as const) {
        const response = await client.request(path, {
          method,
          ...(method === 'POST'
            ? { body: '[]', headers: { 'content-type': 'application/json' } }
            : {}),
        });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(((await response.json()) as { error: string }).error).toBe('unauthorized');
      }
  });

  it("keeps each office's records to itself, even under the same id", async () => {
    const a = await testOffice(db, 'Office A');
    const b = await testOffice(db, 'Office B');
    const officeA = syncClient(server.url, a.token);
    const officeB = syncClient(server.url, b.staffToken);
    const theirs = customer('c-1', { name: 'Only in A', notes: 'Passport U1234567' });
    await officeA.push('customers', [creating(theirs)]);

    expect((await officeB.pullAll('customers')).documents).toEqual([]);
    // B pushes the same id, even assuming A's state: a record of its own, A's untouched.
    const mine = customer('c-1', { name: 'Only in B' });
    expect(await officeB.push('customers', [creating(mine)])).toEqual([]);
    expect(
      await officeB.push('customers', [
        { assumedMasterState: theirs, newDocumentState: customer('c-1', { name: 'Took it?' }) },
      ]),
    ).toEqual([mine]);

    expect((await officeA.pullAll('customers')).documents).toEqual([theirs]);
    expect((await officeB.pullAll('customers')).documents).toEqual([mine]);
    expect(await sqlStore(db, a.officeId).get('customers', 'c-1')).toMatchObject({
      name: 'Only in A',
    });
  });

  it('answers 404 for a collection that does not sync, the device-local ledger included', async () => {
    const { token } = await testOffice(db);
    const client = syncClient(server.url, token);
    for (const collection of ['notifications', 'passwords', 'constructor', '__proto__']) {
      for (const [suffix, method] of [
        ['pull?seq=0', 'GET'],
        ['push', 'POST'],
        ['stream', 'GET'],
      ] as const) {
        const response = await client.request(`/sync/${collection}/${suffix}`, {
          method,
          ...(method === 'POST'
            ? { body: '[]', headers: { 'content-type': 'application/json' } }
            : {}),
        });
        expect(response.status, `${method} ${collection}/${suffix}`).toBe(404);
      }
    }
    const body = (await (await client.request('/sync/notifications/pull')).json()) as {
      message: string;
    };
    expect(body.message).toContain('does not sync');
  });

  it('refuses a record over the size cap with 400 naming it, and a body over the push limit with 413', async () => {
    const { token } = await testOffice(db);
    const client = syncClient(server.url, token);
    const huge = customer('huge', { notes: 'x'.repeat(MAX_RECORD_BYTES) });
    const response = await client.request('/sync/customers/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([creating(customer('fine')), creating(huge)]),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; fields: Record<string, string> };
    expect(body.message).toContain('record huge');
    expect(body.fields['1.newDocumentState']).toContain('at most 256 KiB');
    // Nothing of a refused push is written.
    expect((await client.pullAll('customers')).documents).toEqual([]);

    const tooMuch = await client.request('/sync/customers/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        Array.from({ length: 40 }, (_, i) =>
          creating(customer(`big-${i}`, { notes: 'x'.repeat(MAX_RECORD_BYTES - 1000) })),
        ),
      ),
    });
    expect(tooMuch.status).toBe(413);
    expect(((await tooMuch.json()) as { message: string }).message).toContain('at most 8 MiB');
  });

  it('refuses malformed pushes with 400 and a reason a developer can act on', async () => {
    const { token } = await testOffice(db);
    const client = syncClient(server.url, token);
    const cases: [unknown, string, string][] = [
      [{ rows: [] }, 'form', 'JSON array'],
      [[creating({ name: 'no id', _deleted: false } as never)], '0.newDocumentState.id', 'text id'],
      [[creating(customer('x'.repeat(MAX_ID_LENGTH + 1)))], '0.newDocumentState.id', '1 to 200'],
      [
        [{ assumedMasterState: null, newDocumentState: { id: 'a' } }],
        '0.newDocumentState._deleted',
        'deleted',
      ],
      [[creating(customer('a')), creating(customer('a'))], '1.newDocumentState.id', 'twice'],
      [
        [{ assumedMasterState: customer('b'), newDocumentState: customer('a') }],
        '0.assumedMasterState.id',
        'record b, not a',
      ],
      [[{ newDocumentState: customer('a'), revision: 3 }], '0', 'unknown field revision'],
      [[creating(customer('nul', { name: 'a\u0000b' }))], '0.newDocumentState', 'NUL'],
      [
        Array.from({ length: MAX_BATCH + 1 }, (_, i) => creating(customer(`r${i}`))),
        'form',
        `at most ${MAX_BATCH} rows`,
      ],
    ];
    for (const [body, field, words] of cases) {
      const response = await client.request('/sync/customers/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, field).toBe(400);
      const answer = (await response.json()) as { fields: Record<string, string> };
      expect(answer.fields[field], JSON.stringify(answer)).toContain(words);
    }
    expect((await client.pullAll('customers')).documents).toEqual([]);
  });

  it('refuses a pull checkpoint that is not a whole number, and caps the page size', async () => {
    const { token } = await testOffice(db);
    const client = syncClient(server.url, token);
    for (const query of ['seq=-1', 'seq=abc', 'seq=1.5', 'limit=ten']) {
      const response = await client.request(`/sync/customers/pull?${query}`);
      expect(response.status, query).toBe(400);
    }
    await client.push(
      'customers',
      Array.from({ length: 3 }, (_, i) => creating(customer(`p${i}`))),
    );
    expect((await client.pull('customers', 0, 100_000)).documents).toHaveLength(3);
    expect((await client.pull('customers', 0, 0)).documents).toHaveLength(1);
  });

  it('tells a device which office its token belongs to and whether it holds records yet', async () => {
    const office = await testOffice(db, 'Ikamet Istanbul');
    const staff = syncClient(server.url, office.staffToken);
    expect(await (await staff.request('/sync/info')).json()).toEqual({
      officeId: office.officeId,
      officeName: 'Ikamet Istanbul',
      hasData: false,
      staffId: 'ayse',
      role: 'staff',
      tokenId: expect.any(String),
    });
    await staff.push('customers', [creating(customer('first'))]);
    const admin = syncClient(server.url, office.token);
    expect(await (await admin.request('/sync/info')).json()).toMatchObject({
      hasData: true,
      staffId: null,
      role: 'admin',
    });
  });
});

describe('devices that store a collection in another schema version', () => {
  it('are refused with 409, told which side to update, and nothing is written', async () => {
    const db = await pgliteForTest();
    const server = await syncTestServer(db, {
      collections: syncCollections({ customers: { primaryKey: 'id', schemaVersion: 2 } }),
    });
    try {
      const office = await testOffice(db);
      const client = syncClient(server.url, office.token);
      const push = (version: string) =>
        client.request('/sync/customers/push', {
          method: 'POST',
          body: JSON.stringify([creating(customer(`c-v${version}`))]),
          headers: { 'content-type': 'application/json', [SCHEMA_HEADER]: version },
        });
      const older = await push('1');
      expect(older.status).toBe(409);
      expect(await older.json()).toMatchObject({
        error: 'schema_mismatch',
        message: expect.stringMatching(/Update NoLapse on this device/),
      });
      const newer = await client.request('/sync/customers/pull?seq=0', {
        headers: { [SCHEMA_HEADER]: '3' },
      });
      expect(newer.status).toBe(409);
      expect(((await newer.json()) as { message: string }).message).toMatch(
        /Update the office server/,
      );
      expect((await client.pullAll('customers')).documents).toEqual([]);
      expect((await push('2')).status).toBe(200);
      expect((await client.pullAll('customers')).documents.map((d) => d.id)).toEqual(['c-v2']);
    } finally {
      await server.close();
      await db.close();
    }
  }, 60_000);
});

describe('devices on another origin (the desktop app, npm run web)', () => {
  it('get their preflight answered without a token, and their requests only with one', async () => {
    const db = await pgliteForTest();
    const server = await syncTestServer(db);
    try {
      const office = await testOffice(db);
      const origin = 'http://127.0.0.1:4173';
      const preflight = await fetch(`${server.url}/sync/customers/pull?seq=0`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': `authorization, ${SCHEMA_HEADER}`,
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-headers')).toContain(SCHEMA_HEADER);

      const anonymous = await fetch(`${server.url}/sync/info`, { headers: { origin } });
      expect(anonymous.status).toBe(401);
      const signed = await fetch(`${server.url}/sync/info`, {
        headers: { origin, authorization: `Bearer ${office.token}` },
      });
      expect(signed.status).toBe(200);
      expect(signed.headers.get('access-control-allow-origin')).toBe(origin);
    } finally {
      await server.close();
      await db.close();
    }
  }, 60_000);
});

describe('records that break the app’s schema', () => {
  it('are refused with 400 naming the field, so no device ever pulls one it cannot store', async () => {
    const db = await pgliteForTest();
    const server = await syncTestServer(db, { collections: OFFICE_SYNC_COLLECTIONS });
    try {
      const office = await testOffice(db);
      const client = syncClient(server.url, office.token);
      const broken = [
        [customer('c-1', { permits: 'none' }), /permits: must be a list, not text\./],
        [{ ...customer('c-2'), assigneeId: undefined }, /assigneeId: missing/],
        [
          customer('c-3', { name: 'x'.repeat(201) }),
          /name: at most 200 characters \(this has 201\)/,
        ],
        [
          customer('c-4', { notes: 'x'.repeat(10_001) }),
          /record c-4 cannot be stored: notes: at most 10,000 characters \(this has 10,001\)\./,
        ],
        [
          customer('c-5', {
            permits: [
              {
                id: 'p1',
                kind: 'WORK_PERMIT',
                number: 'W-1',
                state: 'ISSUED',
                expiresOn: '0026-03-15',
              },
            ],
          }),
          /permits\.0\.expiresOn: "0026-03-15" is not a date between 1900 and 2199 written YYYY-MM-DD/,
        ],
        [customer('c-6', { passport: 'U1234567' }), /passport: is not a field of this record/],
      ] as const;
      for (const [record, message] of broken) {
        const response = await client.request('/sync/customers/push', {
          method: 'POST',
          body: JSON.stringify([creating(JSON.parse(JSON.stringify(record)))]),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.status).toBe(400);
        expect(((await response.json()) as { message: string }).message).toMatch(message);
      }
      expect((await client.pullAll('customers')).documents).toEqual([]);
      expect(await client.push('customers', [creating(customer('c-ok'))])).toEqual([]);
    } finally {
      await server.close();
      await db.close();
    }
  }, 60_000);
});

describe('signed content over the input limits', () => {
  it('is refused when a push brings it in, and passes as it is when the server already held it', async () => {
    const db = await pgliteForTest();
    const server = await syncTestServer(db, { collections: OFFICE_SYNC_COLLECTIONS });
    try {
      const office = await testOffice(db);
      const client = syncClient(server.url, office.token);
      const signed = (image: string): SyncDocument => ({
        ...RECORDS_BEFORE_LIMITS.instances[0]!,
        signatureImage: image,
        _deleted: false,
      });
      const big = `data:image/png;base64,${'A'.repeat(LIMITS.signatureImage)}`;
      const push = (rows: unknown) =>
        client.request('/sync/instances/push', {
          method: 'POST',
          body: JSON.stringify(rows),
          headers: { 'content-type': 'application/json' },
        });
      const response = await push([creating(signed(big))]);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBe(
        'The push is not valid: 0.newDocumentState: record doc:tpl_nda:wrk_ada cannot be stored: signatureImage: the drawn signature may be at most 192 KiB (this is 193 KiB).',
      );
      // Stored before the limit (an older build's document): archiving it keeps its drawing.
      const { _deleted, ...stored } = signed(big);
      await db.query(
        `insert into docs (office_id, collection, id, data) values ($1, 'instances', $2, $3::jsonb)`,
        [office.officeId, 'doc:tpl_nda:wrk_ada', JSON.stringify(stored)],
      );
      const archived = {
        ...signed(big),
        status: 'expired',
        archivedAt: '2027-02-15T00:00:00.000Z',
      };
      expect(
        await client.push('instances', [
          { assumedMasterState: signed(big), newDocumentState: archived },
        ]),
      ).toEqual([]);
    } finally {
      await server.close();
      await db.close();
    }
  }, 60_000);
});
