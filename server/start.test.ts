import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTimers } from '../shared/time/fake-timers.test-support.js';
import { createOffice } from './auth/offices.js';
import { configFrom } from './config.js';
import { SERVER_EXTENSIONS } from './extensions.js';
import { startOfficeJobs } from './jobs/office-jobs.js';
import { officeJobs } from './jobs/office-jobs.js';
import { pgliteForTest } from './db/test-databases.test-support.js';
import { startServer, type RunningServer } from './start.js';

const repoRoot = join(import.meta.dirname, '..');

describe('the office server over HTTP, on an embedded PGlite', () => {
  let server: RunningServer;
  let dataDir: string;
  let admin: string;
  let otherAdmin: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nolapse-server-'));
    server = await startServer(
      { ...configFrom({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }) },
      SERVER_EXTENSIONS,
    );
    admin = (await createOffice(server.db, { name: 'Ikamet', timeZone: 'Europe/Istanbul' }))
      .adminToken;
    otherAdmin = (await createOffice(server.db, { name: 'Other', timeZone: 'UTC' })).adminToken;
  }, 60_000);
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });

  it('answers health and readiness', async () => {
    expect(await (await call('/healthz')).json()).toEqual({ ok: true });
    expect(await (await call('/readyz')).json()).toEqual({ ready: true, database: 'pglite' });
  });

  it('refuses a missing or unknown token with what to do', async () => {
    const none = await call('/admin/tokens');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: 'unauthorized', message: /Bearer/ });
    const unknown = await call('/admin/tokens', { token: 'nl_not-a-real-token' });
    expect(unknown.status).toBe(401);
  });

  it('lets an admin create, list and revoke device tokens, stored hashed', async () => {
    const stranger = await call('/admin/tokens', {
      method: 'POST',
      token: admin,
      body: JSON.stringify({ label: 'Front desk PC', staffId: 'ayse' }),
    });
    // Only someone on the office's staff can be named as the device's user.
    expect(stranger.status).toBe(400);
    expect(await stranger.json()).toMatchObject({
      fields: { staffId: 'Choose a staff member of this office.' },
      message: /choose one of: me \(Me\)/,
    });
    const created = await call('/admin/tokens', {
      method: 'POST',
      token: admin,
      body: JSON.stringify({ label: 'Front desk PC', staffId: 'me' }),
    });
    expect(created.status).toBe(201);
    const device = (await created.json()) as { id: string; token: string };
    expect(device.token).toMatch(/^nl_/);
    const { rows } = await server.db.query<{ hash: string }>(
      'select hash from tokens where id = $1',
      [device.id],
    );
    expect(rows[0]!.hash).not.toContain(device.token);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);

    const listed = (await (await call('/admin/tokens', { token: admin })).json()) as {
      items: { id: string; label: string; revokedAt: string | null }[];
    };
    expect(listed.items.map((t) => t.label)).toEqual(['First admin', 'Front desk PC']);
    // A staff device cannot manage tokens.
    expect((await call('/admin/tokens', { token: device.token })).status).toBe(403);
    // Another office cannot see or revoke this one's tokens: not found, never forbidden.
    expect(
      (await call(`/admin/tokens/${device.id}`, { method: 'DELETE', token: otherAdmin })).status,
    ).toBe(404);
    expect(
      (await call(`/admin/tokens/${device.id}`, { method: 'DELETE', token: admin })).status,
    ).toBe(204);
    expect((await call('/admin/tokens', { token: device.token })).status).toBe(401);
  });

  it('explains a token request that is not valid, field by field', async () => {
    const response = await call('/admin/tokens', {
      method: 'POST',
      token: admin,
      body: JSON.stringify({ label: '', colour: 'red' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_request',
      fields: {
        label: 'Name the device, e.g. "Front desk PC".',
        form: expect.stringContaining('colour'),
      },
    });
  });

  it('serves the web app with a strict content security policy', async () => {
    const page = await call('/');
    expect([200, 503]).toContain(page.status);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await (await call('/api/server')).json()).toEqual({
      nolapse: 'office-server',
      protocol: 1,
    });
  });
});

describe('the server runs each office’s daily job at its own refresh time', () => {
  it('ticks an office at 07:00 in its zone and writes what the desktop would', async () => {
    const db = await pgliteForTest();
    const { officeId } = await createOffice(db, { name: 'Ikamet', timeZone: 'Europe/Istanbul' });
    const jobs = officeJobs(db, officeId);
    const customer = await jobs.renewals.createCustomer('2026-03-01T08:00:00.000Z', {
      name: 'Ayşe Demir',
      assigneeId: 'me',
    });
    if (!customer.ok) throw new Error('customer refused');
    await jobs.renewals.createRenewal('2026-03-01T08:00:00.000Z', customer.value.id, {
      serviceType: 'WORK_PERMIT',
      dueDate: '2026-03-16',
      assigneeId: 'me',
    });
    const timers = new FakeTimers('2026-03-01T20:00:00.000Z');
    const silent = { info() {}, error() {}, debug() {}, warn() {} } as never;
    const running = startOfficeJobs(db, silent, { timers, scanMs: 3_600_000 });
    await running.ready;
    const tasks = async () =>
      (
        await db.query(
          "select id from docs where office_id = $1 and collection = 'tasks' order by id",
          [officeId],
        )
      ).rows;
    // Due in 15 days: the T30 alert, no task yet.
    expect(await tasks()).toEqual([]);
    // 07:00 in Istanbul is 04:00 UTC: on the 2nd the renewal crosses T14, not a minute before.
    timers.advanceTo('2026-03-02T03:59:00.000Z');
    await settle();
    expect(await tasks()).toEqual([]);
    timers.advanceTo('2026-03-02T04:00:30.000Z');
    await running.stop();
    const renewalId = await firstRenewalId(db, officeId);
    expect((await tasks()).map((t) => t.id)).toEqual([`task:${renewalId}:HIGH:2026-03-16`]);
    await db.close();
  }, 60_000);
});

/** Lets jobs started by fired timers finish their queries. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

async function firstRenewalId(db: Awaited<ReturnType<typeof pgliteForTest>>, officeId: string) {
  const { rows } = await db.query<{ id: string }>(
    "select id from docs where office_id = $1 and collection = 'renewals'",
    [officeId],
  );
  return rows[0]!.id;
}

describe('the server under plain Node', () => {
  it('creates an office from the command line, and says plainly when its folder is in use', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nolapse-cli-'));
    try {
      execFileSync(process.execPath, ['scripts/build-server.mjs'], {
        cwd: repoRoot,
        env: { ...process.env, NOLAPSE_SKIP_WEB_BUILD: '1' },
      });
      const env = { ...process.env, DATA_DIR: dataDir };
      const out = execFileSync(
        process.execPath,
        [
          'out/server/server/cli.js',
          'create-office',
          'Ikamet Istanbul',
          '--time-zone',
          'Europe/Istanbul',
        ],
        { cwd: repoRoot, env, encoding: 'utf8' },
      );
      expect(JSON.parse(out)).toEqual({
        officeId: expect.stringMatching(/^off_/),
        adminToken: expect.stringMatching(/^nl_/),
      });
      const badZone = spawnSync(
        process.execPath,
        ['out/server/server/cli.js', 'create-office', 'X', '--time-zone', 'Mars/Olympus'],
        { cwd: repoRoot, env, encoding: 'utf8' },
      );
      expect(badZone.status).toBe(2);
      expect(badZone.stderr).toContain('Unknown time zone "Mars/Olympus"');
      // A running server holds the folder (this test's own process stands in for it).
      writeFileSync(join(dataDir, 'nolapse-server.lock'), String(process.pid));
      const locked = spawnSync(
        process.execPath,
        ['out/server/server/cli.js', 'create-office', 'Y'],
        {
          cwd: repoRoot,
          env,
          encoding: 'utf8',
        },
      );
      expect(locked.status).toBe(2);
      expect(locked.stderr).toContain(
        `is in use by another NoLapse server (process ${process.pid}). Stop that server first`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
