import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOfficeSettings } from '../../shared/office.js';
import { configFrom } from '../config.js';
import { SERVER_EXTENSIONS } from '../extensions.js';
import { officePorts } from '../jobs/office-jobs.js';
import { startSmtpListener } from '../mail/smtp-listener.test-support.js';
import { startServer, type RunningServer } from '../start.js';
import { officeWithDocument, SIGNATURE } from './signing.test-support.js';

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

// The whole way on the real server: the daily run reminds the worker by email; the email's link
// opens their document's renewal, and signing it there renews it in the office's data.
describe('a worker’s reminder email carries a signing link that works', () => {
  let server: RunningServer;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let dataDir: string;
  let clock = new Date('2026-03-01T09:00:00.000Z');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nolapse-reminder-link-'));
    writeFileSync(join(dataDir, 'sign.html'), '<!doctype html><title>Sign</title>');
    smtp = await startSmtpListener();
    server = await startServer(
      configFrom({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATA_DIR: join(dataDir, 'db'),
        WEB_DIR: dataDir,
        PUBLIC_URL: 'https://nolapse.agency.example',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'NoLapse <reminders@agency.example>',
      }),
      SERVER_EXTENSIONS,
      { now: () => clock },
    );
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs the renewal from the link in the 30-day reminder', async () => {
    const office = await officeWithDocument(server.db, { at: clock.toISOString() });
    valueOf(
      await office.jobs.settings.saveOffice(clock.toISOString(), {
        ...defaultOfficeSettings('Europe/Istanbul'),
        officeName: 'Ikamet Istanbul',
      }),
    );
    valueOf(await office.jobs.documents.open(clock.toISOString(), office.instanceId));
    valueOf(
      await office.jobs.documents.sign(clock.toISOString(), office.instanceId, {
        data: { name: 'Maria Lopez', address: '1 Old Street' },
        signatureName: 'Maria Lopez',
        signatureImage: SIGNATURE,
      }),
    );
    // Signed 2026-03-01 for 12 months: the first reminder is 30 days before 2027-03-01.
    clock = new Date('2027-01-30T09:00:00.000Z');
    await server.jobs.runNow(office.officeId, clock.toISOString());
    await server.reminders.runNow();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toMatchObject({ value: [{ address: 'maria@example.com' }] });
    const url = /https:\/\/nolapse\.agency\.example\/sign\/([A-Za-z0-9_-]{43})/.exec(
      mail!.text ?? '',
    );
    expect(url, mail!.text).not.toBeNull();
    expect(mail!.html).toContain(url![0]);

    const api = `${server.url}/api/sign/${url![1]}`;
    expect((await fetch(api)).status).toBe(200);
    const signed = await fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        fields: { name: 'Maria Lopez', address: '2 New Street' },
        typedName: 'Maria Lopez',
        signature: SIGNATURE,
      }),
    });
    expect(signed.status).toBe(200);
    const renewal = await officePorts(server.db, office.officeId).store.get(
      'instances',
      `${office.instanceId}:r1`,
    );
    expect(renewal).toMatchObject({
      status: 'completed',
      signedOn: '2027-01-30',
      data: { address: '2 New Street' },
    });
    expect((await fetch(api)).status).toBe(410);
  });
});
