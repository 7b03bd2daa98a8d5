import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOffice } from '../../shared/jobs/context.js';
import { defaultOfficeSettings } from '../../shared/office.js';
import { createOffice, createToken } from '../auth/offices.js';
import { configFrom } from '../config.js';
import { SERVER_EXTENSIONS } from '../extensions.js';
import { officeJobs, officePorts } from '../jobs/office-jobs.js';
import { startSmtpListener } from '../mail/smtp-listener.test-support.js';
import { startServer, type RunningServer } from '../start.js';
import { redactedUrl } from './app.js';

describe('reminders over HTTP on a running server, across a restart', () => {
  let server: RunningServer;
  let dataDir: string;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let officeId: string;
  let admin: string;
  let canDevice: string;
  let otherAdmin: string;

  const start = () =>
    startServer(
      configFrom({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'NoLapse <reminders@agency.example>',
        PUBLIC_URL: 'http://127.0.0.1:8787/',
      }),
      SERVER_EXTENSIONS,
      // The server's own runs happen on the test's day, whatever the machine's date.
      { now: () => new Date('2026-11-23T10:00:00.000Z') },
    );
  const call = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body && typeof init.body === 'string' && init.body.startsWith('{')
          ? { 'content-type': 'application/json' }
          : {}),
      },
    });
  const claim = (token: string, staffId: string, ids: string[]) =>
    call('/sync/deliveries', {
      method: 'POST',
      token,
      body: JSON.stringify({ channel: 'desktop', staffId, ids }),
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nolapse-reminders-'));
    smtp = await startSmtpListener();
    server = await start();
    ({ officeId, adminToken: admin } = await createOffice(server.db, {
      name: 'Ikamet Agency',
      timeZone: 'UTC',
    }));
    otherAdmin = (await createOffice(server.db, { name: 'Other', timeZone: 'UTC' })).adminToken;
    const saved = await officeJobs(server.db, officeId).settings.saveOffice(
      '2026-11-23T08:00:00.000Z',
      {
        ...defaultOfficeSettings('UTC'),
        officeName: 'Ikamet Agency',
        staff: [
          { id: 'ayse', name: 'Ayşe', admin: true },
          {
            id: 'can',
            name: 'Can',
            email: 'can@agency.example',
            reminders: { email: { mode: 'each', at: '08:00', weekday: 1 } },
          },
        ],
      },
    );
    expect(saved.ok).toBe(true);
    canDevice = (
      await createToken(server.db, officeId, { role: 'staff', staffId: 'can', label: 'Can’s PC' })
    ).token;
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets one of a person’s devices show a notice, and tells the others it was shown', async () => {
    const first = await claim(admin, 'ayse', ['notif:evt_1', 'notif:evt_2']);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ claimed: ['notif:evt_1', 'notif:evt_2'] });
    const second = await claim(admin, 'ayse', ['notif:evt_2', 'notif:evt_3']);
    expect(await second.json()).toEqual({ claimed: ['notif:evt_3'] });
    // Another person's ledger is their own.
    expect(await (await claim(canDevice, 'can', ['notif:evt_1'])).json()).toEqual({
      claimed: ['notif:evt_1'],
    });
    // Another office's claims never meet this one's.
    expect(await (await claim(otherAdmin, 'ayse', ['notif:evt_1'])).json()).toEqual({
      claimed: ['notif:evt_1'],
    });
  });

  it('refuses a claim for someone else from a staff device, and a claim it cannot read', async () => {
    const forOther = await claim(canDevice, 'ayse', ['notif:evt_9']);
    expect(forOther.status).toBe(403);
    expect(await forOther.json()).toMatchObject({ message: /another staff member/ });
    const bad = await call('/sync/deliveries', {
      method: 'POST',
      token: canDevice,
      body: JSON.stringify({ channel: 'sms', staffId: 'can', ids: [] }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: /"channel": "desktop"/ });
    expect((await call('/sync/deliveries', { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('emails an alert once, with an unsubscribe link that turns that person’s email off', async () => {
    const jobs = officeJobs(server.db, officeId);
    const at = '2026-11-23T09:00:00.000Z';
    const customer = await jobs.renewals.createCustomer(at, {
      name: 'Maria Lopez',
      assigneeId: 'can',
    });
    if (!customer.ok) throw new Error('customer refused');
    await jobs.renewals.createRenewal(at, customer.value.id, {
      serviceType: 'WORK_PERMIT',
      dueDate: '2026-12-01',
      assigneeId: 'can',
    });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toMatch(/^Maria Lopez: /);
    const link = /http:\/\/127\.0\.0\.1:8787\/unsubscribe\/(\S+)/.exec(mail!.text ?? '');
    expect(link).not.toBeNull();

    // The same server, restarted on its data folder: nothing is sent again.
    await server.close();
    server = await start();
    await server.jobs.runNow(officeId, '2026-11-23T10:00:00.000Z');
    await server.reminders.runNow();
    expect(smtp.received).toHaveLength(1);

    const path = `/unsubscribe/${link![1]}`;
    const page = await call(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('Stop these emails');
    // One-click unsubscribe (RFC 8058) posts a form.
    const done = await call(path, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('NoLapse will email you no more reminders');
    const office = await readOffice(officePorts(server.db, officeId));
    expect(office.staff.find((s) => s.id === 'can')?.reminders?.email?.mode).toBe('off');

    // A tampered link names nobody.
    const forged = await call(
      `/unsubscribe/${link![1]!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`,
    );
    expect(forged.status).toBe(404);
  });

  it('keeps unsubscribe tokens out of the request log', () => {
    expect(redactedUrl('/unsubscribe/eyJh.c2ln?x=1')).toBe('/unsubscribe/[token]?x=1');
  });

  it('shows an admin the outbox, and only to admins', async () => {
    const status = await call('/admin/outbox', { token: admin });
    expect(await status.json()).toMatchObject({ waiting: 0, sent: 1, lastError: null });
    expect((await call('/admin/outbox', { token: canDevice })).status).toBe(403);
  });
});
