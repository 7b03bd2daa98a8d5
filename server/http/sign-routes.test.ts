import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SigningDone, SigningPageData } from '../../shared/documents/signing-link.js';
import { createToken, hashToken } from '../auth/offices.js';
import { configFrom } from '../config.js';
import type { Database } from '../db/database.js';
import { pgliteForTest } from '../db/test-databases.test-support.js';
import { officePorts } from '../jobs/office-jobs.js';
import { createSigningLink } from '../signing/links.js';
import { officeWithDocument, SIGNATURE } from '../signing/signing.test-support.js';
import { startServer, type RunningServer } from '../start.js';
import { buildApp } from './app.js';
import { TARGETS, TestClock } from './ops.test-support.js';
import { signingLinks } from './sign-routes.js';
import { webApp } from './web-routes.js';

const PUBLIC_URL = 'https://nolapse.agency.example';
const SIGN_PAGE = '<!doctype html><title>Sign your document</title><div id="root"></div>';

function webDirForTest() {
  const dir = mkdtempSync(join(tmpdir(), 'nolapse-sign-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>NoLapse</title>');
  writeFileSync(join(dir, 'sign.html'), SIGN_PAGE);
  return dir;
}

describe.each(TARGETS)('signing links over HTTP on $label', (target) => {
  let server: RunningServer;
  let drop: () => Promise<void>;
  let webDir: string;
  const clock = new TestClock('2026-03-01T09:00:00.000Z');

  beforeAll(async () => {
    const opened = await target.open();
    drop = opened.drop;
    webDir = webDirForTest();
    server = await startServer(
      configFrom({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        WEB_DIR: webDir,
        PUBLIC_URL,
        ...opened.env,
      }),
      [webApp, signingLinks({ now: clock.now })],
    );
    // Offices are made after start; a startup tick at the real date is not what these test.
    await server.jobs.stop();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await drop?.();
    rmSync(webDir, { recursive: true, force: true });
  });

  const call = (path: string, init: { body?: unknown; token?: string; method?: string } = {}) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  /** An office with Maria's unsigned contract and a link for it, made by the admin endpoint. */
  async function linked(options: { name?: string; address?: string } = {}) {
    clock.set('2026-03-01');
    const office = await officeWithDocument(server.db, options);
    const made = await call(
      `/admin/instances/${encodeURIComponent(office.instanceId)}/signing-link`,
      {
        token: office.adminToken,
        body: {},
      },
    );
    expect(made.status).toBe(201);
    const link = (await made.json()) as { url: string; token: string; expiresAt: string };
    expect(link.url).toBe(`${PUBLIC_URL}/sign/${link.token}`);
    return { ...office, link, path: new URL(link.url).pathname };
  }

  const instanceOf = (officeId: string, instanceId: string) =>
    officePorts(server.db, officeId).store.get('instances', instanceId);

  const signature = (fields: Record<string, string> = {}) => ({
    fields: { name: 'Maria Lopez', address: '2 New Street', ...fields },
    typedName: 'Maria Lopez',
    signature: SIGNATURE,
  });

  it('serves the signing page for a link, under the web app’s strict CSP, never cached', async () => {
    const { path } = await linked();
    const page = await call(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toBe(SIGN_PAGE);
  });

  it('shows the one document, filled from the worker’s current profile, and nothing else', async () => {
    const office = await linked({ address: '1 Old Street' });
    // The worker moved after the document was assigned: the page offers the new address.
    const moved = await office.jobs.documents.updateWorker(
      '2026-03-01T10:00:00.000Z',
      office.worker.id,
      {
        fullName: 'Maria Lopez',
        email: 'maria@example.com',
        phone: '+90 555 000 00 00',
        address: '2 New Street',
        taxId: 'TX-1',
      },
    );
    expect(moved.ok).toBe(true);
    const answer = await call(`/api/sign/${office.link.token}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.json()).toEqual<SigningPageData>({
      officeName: 'Ikamet Istanbul',
      workerName: 'Maria Lopez',
      document: {
        name: 'Employment contract',
        version: 1,
        body: 'I, {{name}}, living at {{address}}, accept the terms of my employment with the agency.',
        fields: [
          { key: 'name', label: 'Full name', type: 'text', required: true },
          { key: 'address', label: 'Home address', type: 'text', required: true },
          { key: 'phone', label: 'Phone', type: 'text', required: false },
        ],
      },
      values: { name: 'Maria Lopez', address: '2 New Street', phone: '+90 555 000 00 00' },
      expiresAt: '2026-03-15T09:00:00.000Z',
    });
    // Reading is not using: the document is still waiting, the link still works.
    expect((await instanceOf(office.officeId, office.instanceId))?.status).toBe('required');
    expect((await call(`/api/sign/${office.link.token}`)).status).toBe(200);
  });

  it('signs with the app’s job: the office’s document is completed, and the link is used', async () => {
    const office = await linked();
    clock.set('2026-03-04', '14:30');
    const answer = await call(`/api/sign/${office.link.token}`, {
      body: signature({ smuggled: 'not a field of this template' }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual<SigningDone>({
      officeName: 'Ikamet Istanbul',
      documentName: 'Employment contract',
      signedBy: 'Maria Lopez',
      signedOn: '2026-03-04',
      expiresOn: '2027-03-04',
    });
    const signed = await instanceOf(office.officeId, office.instanceId);
    expect(signed).toMatchObject({
      status: 'completed',
      data: { name: 'Maria Lopez', address: '2 New Street' },
      signatureName: 'Maria Lopez',
      signatureImage: SIGNATURE,
      openedAt: '2026-03-04T14:30:00.000Z',
      signedAt: '2026-03-04T14:30:00.000Z',
      signedOn: '2026-03-04',
      expiresOn: '2027-03-04',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(signed?.data).not.toHaveProperty('smuggled');
    // As signing in the app: the signed document joins the renewals queue at its expiry.
    const renewals = await officePorts(server.db, office.officeId).store.find('renewals', {});
    expect(renewals.map((r) => r.dueDate)).toEqual(['2027-03-04']);
    const { rows } = await server.db.query<{ used_at: Date | string }>(
      'select used_at from signing_links where office_id = $1',
      [office.officeId],
    );
    expect(rows.map((r) => new Date(r.used_at).toISOString())).toEqual([
      '2026-03-04T14:30:00.000Z',
    ]);
  });

  it('refuses a second use with 410, saying it was used and what to do', async () => {
    const office = await linked();
    clock.set('2026-03-04', '14:30');
    expect((await call(`/api/sign/${office.link.token}`, { body: signature() })).status).toBe(200);
    for (const again of [
      await call(`/api/sign/${office.link.token}`),
      await call(`/api/sign/${office.link.token}`, { body: signature() }),
    ]) {
      expect(again.status).toBe(410);
      expect(await again.json()).toEqual({
        error: 'link_used',
        message:
          'This signing link has already been used: Employment contract was signed on 4 March 2026. Each link works once; if you need to sign again, ask your office for a new link.',
      });
    }
  });

  it('lets exactly one of two simultaneous submissions sign', async () => {
    const office = await linked();
    clock.set('2026-03-04', '14:30');
    const answers = await Promise.all([
      call(`/api/sign/${office.link.token}`, { body: signature() }),
      call(`/api/sign/${office.link.token}`, { body: signature({ address: '3 Other Street' }) }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
    const lost = answers.find((a) => a.status === 410)!;
    expect(await lost.json()).toMatchObject({ error: 'link_used' });
    const signed = await instanceOf(office.officeId, office.instanceId);
    expect(signed?.status).toBe('completed');
  });

  it('refuses an expired link with 410 and the day it expired, and signs nothing', async () => {
    const office = await linked();
    clock.set('2026-03-15', '09:00');
    for (const expired of [
      await call(`/api/sign/${office.link.token}`),
      await call(`/api/sign/${office.link.token}`, { body: signature() }),
    ]) {
      expect(expired.status).toBe(410);
      expect(await expired.json()).toEqual({
        error: 'link_expired',
        message: 'This signing link expired on 15 March 2026. Ask your office for a new link.',
      });
    }
    expect((await instanceOf(office.officeId, office.instanceId))?.status).toBe('required');
  });

  it('answers the job’s refusal with 422 per field, and keeps the link for a corrected try', async () => {
    const office = await linked();
    const unsigned = await call(`/api/sign/${office.link.token}`, {
      body: { ...signature(), signature: '' },
    });
    expect(unsigned.status).toBe(422);
    expect(await unsigned.json()).toEqual({
      error: 'refused',
      message: 'Draw your signature before signing.',
      fields: { signature: 'Draw your signature before signing.' },
    });
    const empty = await call(`/api/sign/${office.link.token}`, {
      body: signature({ address: ' ' }),
    });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({
      error: 'refused',
      message: 'Some fields need attention before signing.',
      fields: {
        form: 'Some fields need attention before signing.',
        'fields.address': 'Fill in Home address.',
      },
    });
    const malformed = await call(`/api/sign/${office.link.token}`, {
      body: { ...signature(), instanceId: 'doc:other' },
    });
    expect(malformed.status).toBe(400);
    expect((await call(`/api/sign/${office.link.token}`, { body: signature() })).status).toBe(200);
  });

  it('says so when the document was signed meanwhile in the app', async () => {
    const office = await linked();
    await office.jobs.documents.open('2026-03-02T09:00:00.000Z', office.instanceId);
    const inApp = await office.jobs.documents.sign('2026-03-02T09:00:00.000Z', office.instanceId, {
      data: { name: 'Maria Lopez', address: '1 Old Street' },
      signatureName: 'Maria Lopez',
      signatureImage: SIGNATURE,
    });
    expect(inApp.ok).toBe(true);
    const answer = await call(`/api/sign/${office.link.token}`);
    expect(answer.status).toBe(410);
    expect(await answer.json()).toEqual({
      error: 'already_signed',
      message:
        'Employment contract has already been signed (on 2 March 2026); there is nothing left to do here. If that seems wrong, ask your office.',
    });
  });

  it('opens nothing of another office or worker; a guessed token is 404', async () => {
    const a = await linked({ name: 'Office A' });
    const b = await officeWithDocument(server.db, { name: 'Office B', workerName: 'Can Öz' });
    // Office B's admin cannot make a link for office A's document: to B it does not exist.
    const foreign = await call(
      `/admin/instances/${encodeURIComponent(a.instanceId)}/signing-link`,
      {
        token: b.adminToken,
        body: {},
      },
    );
    expect(foreign.status).toBe(404);
    // A link row of office A naming B's document (as a tampered database would) opens nothing.
    const forged = await createSigningLink(server.db, {
      officeId: a.officeId,
      instanceId: a.instanceId,
      at: '2026-03-01T09:00:00.000Z',
      publicUrl: PUBLIC_URL,
    });
    if (!forged.ok) throw new Error('link refused');
    await server.db.query(
      'update signing_links set instance_id = $1, worker_id = $2 where hash = $3',
      [b.instanceId, b.worker.id, hashToken(forged.value.token)],
    );
    const crossed = await call(`/api/sign/${forged.value.token}`);
    expect(crossed.status).toBe(410);
    expect(await crossed.json()).toMatchObject({ error: 'link_unavailable' });
    expect((await call(`/api/sign/${forged.value.token}`, { body: signature() })).status).toBe(410);
    expect((await instanceOf(b.officeId, b.instanceId))?.status).toBe('required');

    // A's own link answers with A's worker only.
    const own = await (await call(`/api/sign/${a.link.token}`)).text();
    expect(own).toContain('Maria Lopez');
    expect(own).not.toContain('Can Öz');
    expect(own).not.toContain(a.worker.id);
    expect(own).not.toContain(a.officeId);

    for (const guess of [
      'A'.repeat(43),
      a.link.token.slice(0, -1) + (a.link.token.endsWith('A') ? 'B' : 'A'),
      'x',
    ]) {
      const answer = await call(`/api/sign/${guess}`);
      expect(answer.status).toBe(404);
      expect(await answer.json()).toEqual({
        error: 'not_found',
        message:
          'This signing link is not valid. Check that you opened the whole link from the email; if it still does not work, ask your office for a new one.',
      });
      expect((await call(`/api/sign/${guess}`, { body: signature() })).status).toBe(404);
    }
  });

  it('makes links for office admins only, and only for a document still to sign', async () => {
    const office = await linked();
    const path = `/admin/instances/${encodeURIComponent(office.instanceId)}/signing-link`;
    expect((await call(path, { body: {} })).status).toBe(401);
    const staff = await createToken(server.db, office.officeId, {
      role: 'staff',
      staffId: null,
      label: 'Front desk PC',
    });
    expect((await call(path, { token: staff.token, body: {} })).status).toBe(403);
    expect(
      (
        await call('/admin/instances/doc%3Anone/signing-link', {
          token: office.adminToken,
          body: {},
        })
      ).status,
    ).toBe(404);
    const longer = await call(path, {
      token: office.adminToken,
      body: { expiresAt: '2026-03-05T09:00:00.000Z' },
    });
    expect(await longer.json()).toMatchObject({ expiresAt: '2026-03-05T09:00:00.000Z' });
    expect((await call(`/api/sign/${office.link.token}`, { body: signature() })).status).toBe(200);
    // Signed: a link now would sign its renewal, which opens 30 days before the expiry.
    const signed = await call(path, { token: office.adminToken, body: {} });
    expect(signed.status).toBe(409);
    expect(await signed.json()).toEqual({
      error: 'refused',
      message: 'Renewal opens on 2027-01-30, 30 days before it expires on 2027-03-01.',
    });
  });

  it('signs the renewal through a link made for a signed document once its renewal opens', async () => {
    const office = await linked();
    expect((await call(`/api/sign/${office.link.token}`, { body: signature() })).status).toBe(200);
    clock.set('2027-02-01', '10:00');
    const made = await call(
      `/admin/instances/${encodeURIComponent(office.instanceId)}/signing-link`,
      { token: office.adminToken, body: {} },
    );
    expect(made.status).toBe(201);
    const link = (await made.json()) as { token: string; instanceId: string };
    expect(link.instanceId).toBe(`${office.instanceId}:r1`);
    const page = (await (await call(`/api/sign/${link.token}`)).json()) as SigningPageData;
    expect(page.values).toEqual({ name: 'Maria Lopez', address: '1 Old Street' });
    const done = await call(`/api/sign/${link.token}`, { body: signature() });
    expect(await done.json()).toMatchObject({ signedOn: '2027-02-01', expiresOn: '2028-02-01' });
    expect(await instanceOf(office.officeId, link.instanceId)).toMatchObject({
      status: 'completed',
      previousInstanceId: office.instanceId,
    });
    expect((await instanceOf(office.officeId, office.instanceId))?.status).toBe('completed');
  });
});

describe('the signing routes’ limits', () => {
  let db: Database;
  beforeAll(async () => {
    db = await pgliteForTest();
  }, 60_000);
  afterAll(async () => db?.close());

  it('limit requests per address and keep tokens out of the request log', async () => {
    const lines: string[] = [];
    const config = configFrom({ PORT: '0', RATE_LIMIT_PER_MINUTE: '3', WEB_DIR: tmpdir() });
    const app = await buildApp(
      { db, logger: { level: 'info', stream: { write: (line) => void lines.push(line) } } },
      [signingLinks()({ db, config, jobs: null as never })],
    );
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const office = await officeWithDocument(db);
      const link = await createSigningLink(db, {
        officeId: office.officeId,
        instanceId: office.instanceId,
        at: new Date().toISOString(),
        publicUrl: url,
      });
      if (!link.ok) throw new Error('link refused');
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await fetch(`${url}/api/sign/${link.value.token}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const log = lines.join('');
      expect(log).toContain('/api/sign/[token]');
      expect(log).not.toContain(link.value.token);
    } finally {
      await app.close();
    }
  });
});
