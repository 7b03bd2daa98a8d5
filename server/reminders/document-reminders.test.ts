import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOfficeSettings } from '../../shared/office.js';
import { createOffice } from '../auth/offices.js';
import type { Database } from '../db/database.js';
import { pgliteForTest } from '../db/test-databases.test-support.js';
import { officeJobs } from '../jobs/office-jobs.js';
import { startSmtpListener } from '../mail/smtp-listener.test-support.js';
import { startReminderSender } from './sender.js';
import { setReminderSettings } from './settings.js';

const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  child: () => quiet,
} as unknown as FastifyBaseLogger;

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

const NDA = {
  name: 'NDA',
  fields: [
    { key: 'name', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
  ],
  body: 'I, {{name}}, keep secrets.',
  renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
  gracePeriodDays: 7,
  blocking: true,
};

// Seed 001 on the server: workers get their reminders by email; admins get the 30- and 14-day
// items in their weekly digest and the 7- and 1-day ones one by one.
describe('document reminders by email from the office server', () => {
  let db: Database;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let officeId: string;
  let clock = new Date('2026-02-16T09:00:00.000Z');
  const jobs = () => officeJobs(db, officeId);
  const round = async () => {
    const sender = startReminderSender(db, quiet, {
      mail: { url: smtp.url, from: 'NoLapse <reminders@agency.example>' },
      now: () => clock,
      everyMs: 3_600_000,
    });
    await sender.runNow();
    await sender.stop();
  };
  const daily = async (date: string) => {
    clock = new Date(`${date}T09:00:00.000Z`);
    await jobs().runDaily({ reason: 'daily', at: clock.toISOString() });
    await round();
  };

  beforeAll(async () => {
    db = await pgliteForTest();
    smtp = await startSmtpListener();
    setReminderSettings(db, { publicUrl: 'http://127.0.0.1:8787' });
    officeId = (await createOffice(db, { name: 'Staffing Co', timeZone: 'UTC' })).officeId;
    const now = clock.toISOString();
    valueOf(
      await jobs().settings.saveOffice(now, {
        ...defaultOfficeSettings('UTC'),
        officeName: 'Staffing Co',
        staff: [
          { id: 'ayse', name: 'Ayşe', admin: true, email: 'ayse@staffing.example' },
          { id: 'can', name: 'Can', email: 'can@staffing.example' },
        ],
      }),
    );
    const worker = valueOf(
      await jobs().documents.createWorker(now, {
        fullName: 'Maria Lopez',
        email: 'maria@example.com',
        phone: '',
        address: '',
        taxId: '',
      }),
    );
    const nda = valueOf(await jobs().documents.createTemplate(now, NDA)).template;
    const [assigned] = valueOf(await jobs().documents.assign(now, nda.id, [worker.id]));
    const opened = valueOf(await jobs().documents.open(now, assigned!.instanceId!));
    valueOf(
      await jobs().documents.sign(now, assigned!.instanceId!, {
        data: opened.data,
        signatureName: 'Maria Lopez',
        signatureImage: 'data:image/png;base64,iVBORw0KGgo=',
      }),
    );
    await round();
  }, 60_000);
  afterAll(async () => {
    await smtp.close();
    await db.close();
  });

  it('emails the worker at 30 days in the seed’s words, and keeps the admins’ item for Monday', async () => {
    await daily('2027-01-17'); // a Sunday, 30 days before the NDA expires on 2027-02-16
    const mails = await smtp.waitFor(1);
    expect(mails).toHaveLength(1);
    const [toWorker] = mails;
    expect(toWorker!.to).toMatchObject({ value: [{ address: 'maria@example.com' }] });
    expect(toWorker!.subject).toBe('Your NDA expires in 30 days');
    expect(toWorker!.text).toContain('Hello Maria Lopez,');
    expect(toWorker!.text).toContain('Your NDA expires in 30 days. Please review and renew.');
    expect(toWorker!.text).toMatch(/stop these emails: http:\/\/127\.0\.0\.1:8787\/unsubscribe\//);

    clock = new Date('2027-01-18T08:00:00.000Z'); // Monday 08:00: the admins' weekly digest
    await round();
    const digest = (await smtp.waitFor(2))[1]!;
    expect(digest.to).toMatchObject({ value: [{ address: 'ayse@staffing.example' }] });
    expect(digest.subject).toBe('Your weekly NoLapse digest: 1 reminder');
    expect(digest.text).toContain("Maria Lopez's NDA expires in 30 days");
    // Can is not an admin: document items are not his.
    expect(smtp.received.some((m) => m.text?.includes('can@staffing.example'))).toBe(false);
  });

  it('tells the admins at 7 days at once, with the worker’s “Renew now” reminder', async () => {
    await daily('2027-02-09');
    const mails = await smtp.waitFor(4);
    const fresh = mails.slice(2);
    const toWorker = fresh.find((m) => m.subject === 'Your NDA expires in 7 days');
    expect(toWorker?.text).toContain('Your NDA expires in 7 days. Renew now to avoid disruption.');
    const toAdmin = fresh.find((m) => m.subject === "Maria Lopez's NDA expires in 7 days");
    expect(toAdmin?.to).toMatchObject({ value: [{ address: 'ayse@staffing.example' }] });
    // A second run the same day sends nothing again.
    await daily('2027-02-09');
    expect(smtp.received).toHaveLength(4);
  });
});
