import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOfficeSettings, type OfficeSettings } from '../../shared/office.js';
import { createOffice } from '../auth/offices.js';
import type { Database } from '../db/database.js';
import { TEST_DATABASES } from '../db/test-databases.test-support.js';
import { officeJobs } from '../jobs/office-jobs.js';
import { startSmtpListener } from '../mail/smtp-listener.test-support.js';
import { startReminderSender } from './sender.js';
import { setReminderSettings } from './settings.js';

const FROM = 'NoLapse <reminders@agency.example>';
const PUBLIC_URL = 'http://127.0.0.1:8787';

/** A logger that keeps quiet: the test reads what reached the SMTP listener instead. */
const quiet = {
  level: 'silent',
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  fatal: () => undefined,
  silent: () => undefined,
  child: () => quiet,
} as unknown as FastifyBaseLogger;

/** A chat service's incoming webhook on 127.0.0.1: it keeps what it was sent. */
async function chatHook() {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(JSON.parse(body));
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(TEST_DATABASES)('reminders from the office server on %s', (_name, open) => {
  let db: Database;
  let drop: () => Promise<void>;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let hook: Awaited<ReturnType<typeof chatHook>>;
  let officeId: string;
  let clock = new Date('2026-11-23T09:00:00.000Z');
  const sender = () =>
    startReminderSender(db, quiet, {
      mail: { url: smtp.url, from: FROM },
      now: () => clock,
      everyMs: 3_600_000,
    });

  beforeAll(async () => {
    ({ db, drop } = await open());
    smtp = await startSmtpListener();
    hook = await chatHook();
    setReminderSettings(db, { publicUrl: PUBLIC_URL });
    officeId = (await createOffice(db, { name: 'Ikamet Agency', timeZone: 'UTC' })).officeId;
    const office: OfficeSettings = {
      ...defaultOfficeSettings('UTC'),
      officeName: 'Ikamet Agency',
      // The chat hook below listens on 127.0.0.1, which webhook calls reach only when allowed.
      webhookAllowedHosts: ['127.0.0.1'],
      staff: [
        {
          id: 'ayse',
          name: 'Ayşe',
          admin: true,
          email: 'ayse@agency.example',
          reminders: { email: { mode: 'each', at: '08:00', weekday: 1 } },
        },
        { id: 'can', name: 'Can', email: 'can@agency.example' },
        {
          id: 'deniz',
          name: 'Deniz',
          webhookUrl: hook.url,
          reminders: { webhook: { mode: 'each', at: '08:00', weekday: 1 } },
        },
      ],
    };
    const saved = await officeJobs(db, officeId).settings.saveOffice(
      '2026-11-23T08:00:00.000Z',
      office,
    );
    expect(saved.ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await smtp.close();
    await hook.close();
    await drop();
  });

  async function renewalFor(assigneeId: string, name: string, dueDate: string) {
    const jobs = officeJobs(db, officeId);
    const at = clock.toISOString();
    const customer = await jobs.renewals.createCustomer(at, { name, assigneeId });
    if (!customer.ok) throw new Error('customer refused');
    const renewal = await jobs.renewals.createRenewal(at, customer.value.id, {
      serviceType: 'WORK_PERMIT',
      dueDate,
      assigneeId,
    });
    if (!renewal.ok) throw new Error('renewal refused');
    return renewal.value;
  }

  it('emails an urgent alert to its assignee at once, with a link to it and a way to stop emails', async () => {
    const renewal = await renewalFor('ayse', 'Maria Lopez', '2026-11-28'); // 5 days: T7
    const send = sender();
    await send.runNow();
    await send.stop();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toMatchObject({ value: [{ address: 'ayse@agency.example' }] });
    expect(mail!.from).toMatchObject({ value: [{ address: 'reminders@agency.example' }] });
    expect(mail!.subject).toMatch(/^Maria Lopez: /);
    expect(mail!.text).toContain(`${PUBLIC_URL}/#/renewals/${renewal.id}`);
    expect(mail!.text).toMatch(new RegExp(`${PUBLIC_URL}/unsubscribe/[\\w-]+\\.[\\w-]+`));
    expect(mail!.html).toContain(`href="${PUBLIC_URL}/#/renewals/${renewal.id}"`);
    expect(mail!.html).toContain('Change how NoLapse reminds you, or stop these emails');
  });

  it('gathers a person’s other reminders into one daily digest email at their time', async () => {
    await renewalFor('can', 'Ali Demir', '2026-12-20'); // 27 days: T30
    await renewalFor('can', 'Sara Kaya', '2026-12-05'); // 12 days: T14
    const send = sender();
    await send.runNow();
    expect(smtp.received).toHaveLength(1); // only Ayşe's alert so far

    clock = new Date('2026-11-24T07:59:00.000Z');
    await send.runNow();
    expect(smtp.received).toHaveLength(1);

    clock = new Date('2026-11-24T08:00:00.000Z');
    await send.runNow();
    const mails = await smtp.waitFor(2);
    const digest = mails[1]!;
    expect(digest.to).toMatchObject({ value: [{ address: 'can@agency.example' }] });
    expect(digest.subject).toBe('Your daily NoLapse digest: 2 reminders');
    expect(digest.text).toContain('Ali Demir');
    expect(digest.text).toContain('Sara Kaya');
    expect(digest.html).toContain('Open the renewals queue');

    // Later rounds, a second daily run and a new sender on the same database (as after a
    // restart) send nothing again.
    clock = new Date('2026-11-24T09:00:00.000Z');
    await officeJobs(db, officeId).runDaily({ reason: 'daily', at: clock.toISOString() });
    await officeJobs(db, officeId).runDaily({ reason: 'daily', at: clock.toISOString() });
    await send.runNow();
    await send.stop();
    const restarted = sender();
    await restarted.runNow();
    await restarted.stop();
    expect(smtp.received).toHaveLength(2);
    const { rows } = await db.query<{ n: string }>(
      "select count(*) as n from outbox where office_id = $1 and kind = 'email'",
      [officeId],
    );
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it('posts a Slack-style message to a person’s webhook', async () => {
    const renewal = await renewalFor('deniz', 'Omar Haddad', '2026-11-25');
    const send = sender();
    await send.runNow();
    await send.stop();
    expect(hook.bodies).toEqual([
      {
        text: expect.stringContaining(`Omar Haddad`) as unknown,
      },
    ]);
    expect((hook.bodies[0] as { text: string }).text).toContain(
      `${PUBLIC_URL}/#/renewals/${renewal.id}`,
    );
  });
});
