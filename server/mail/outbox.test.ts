import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOffice } from '../auth/offices.js';
import type { Database } from '../db/database.js';
import { TEST_DATABASES } from '../db/test-databases.test-support.js';
import { mailConfigFrom } from './mail-config.js';
import {
  enqueueMail,
  outboxStatus,
  retryDelayMs,
  sendDueMail,
  type OutgoingMail,
} from './outbox.js';
import { startSmtpListener } from './smtp-listener.test-support.js';
import { smtpTransport } from './smtp.js';

const FROM = 'NoLapse <reminders@agency.example>';
const T0 = new Date('2026-03-02T07:00:00.000Z');
const at = (ms: number) => () => new Date(T0.getTime() + ms);

function reminder(officeId: string, id = 'email:ayse:evt_1'): OutgoingMail {
  return {
    officeId,
    id,
    to: 'ayse@agency.example',
    subject: 'Your W-9 expires in 7 days',
    text: 'Your W-9 expires in 7 days. Renew now to avoid disruption.',
    html: '<p>Your W-9 expires in 7 days. Renew now to avoid disruption.</p>',
  };
}

describe.each(TEST_DATABASES)(
  'the outbox on %s, sending through a real SMTP listener',
  (_name, open) => {
    let db: Database;
    let drop: () => Promise<void>;
    let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
    let officeId: string;

    beforeAll(async () => {
      ({ db, drop } = await open());
      smtp = await startSmtpListener();
      officeId = (await createOffice(db, { name: 'Outbox office', timeZone: 'Europe/Istanbul' }))
        .officeId;
    }, 60_000);
    afterAll(async () => {
      await smtp.close();
      await drop();
    });

    it('delivers each email once through an SMTP server that refuses, then accepts', async () => {
      smtp.received.length = 0;
      const transport = smtpTransport({ url: smtp.url, from: FROM });
      expect(await enqueueMail(db, [reminder(officeId)], T0)).toBe(1);
      expect(await enqueueMail(db, [reminder(officeId)], T0)).toBe(0);

      smtp.state.refuse = true;
      expect(await sendDueMail(db, transport, { now: at(0), from: FROM })).toEqual({
        sent: 0,
        failed: 1,
      });
      expect(await outboxStatus(db, officeId)).toMatchObject({ waiting: 1, failing: 1, sent: 0 });
      expect((await outboxStatus(db, officeId)).lastError).toContain('451');
      // Not due again until its backoff has passed, even once the server is back.
      smtp.state.refuse = false;
      expect(await sendDueMail(db, transport, { now: at(30_000), from: FROM })).toEqual({
        sent: 0,
        failed: 0,
      });

      expect(await sendDueMail(db, transport, { now: at(retryDelayMs(1)), from: FROM })).toEqual({
        sent: 1,
        failed: 0,
      });
      expect(
        await sendDueMail(db, transport, { now: at(retryDelayMs(1) * 10), from: FROM }),
      ).toEqual({ sent: 0, failed: 0 });
      transport.close();

      const [mail] = await smtp.waitFor(1);
      expect(smtp.received).toHaveLength(1);
      expect(mail!.subject).toBe('Your W-9 expires in 7 days');
      expect(mail!.text).toContain('Renew now to avoid disruption.');
      expect(mail!.html).toContain('<p>Your W-9 expires in 7 days.');
      expect(mail!.from?.value).toEqual([{ name: 'NoLapse', address: 'reminders@agency.example' }]);
      expect(mail!.messageId).toMatch(/@agency\.example>$/);
      expect(await outboxStatus(db, officeId)).toMatchObject({
        waiting: 0,
        sent: 1,
        lastError: null,
      });
    });

    it('sends a queued email once when two senders drain at the same time', async () => {
      smtp.received.length = 0;
      const mails = Array.from({ length: 6 }, (_, i) => reminder(officeId, `email:ayse:evt_p${i}`));
      await enqueueMail(db, mails, T0);
      const a = smtpTransport({ url: smtp.url, from: FROM });
      const b = smtpTransport({ url: smtp.url, from: FROM });
      const [first, second] = await Promise.all([
        sendDueMail(db, a, { now: at(0), from: FROM }),
        sendDueMail(db, b, { now: at(0), from: FROM }),
      ]);
      a.close();
      b.close();
      expect(first.sent + second.sent).toBe(6);
      const arrived = await smtp.waitFor(6);
      expect(new Set(arrived.map((m) => m.messageId)).size).toBe(6);
    });

    it('retries a row whose sender died mid-send once its lease ends', async () => {
      smtp.received.length = 0;
      await enqueueMail(db, [reminder(officeId, 'email:ayse:evt_crash')], T0);
      const dying = {
        send: () => new Promise<void>(() => undefined), // never answers: the process "died"
      };
      void sendDueMail(db, dying, { now: at(0), from: FROM, limit: 1 });
      await new Promise((r) => setTimeout(r, 50));
      const transport = smtpTransport({ url: smtp.url, from: FROM });
      expect(await sendDueMail(db, transport, { now: at(60_000), from: FROM })).toEqual({
        sent: 0,
        failed: 0,
      });
      expect(await sendDueMail(db, transport, { now: at(11 * 60_000), from: FROM })).toEqual({
        sent: 1,
        failed: 0,
      });
      transport.close();
      expect((await smtp.waitFor(1))[0]!.to).toBeDefined();
    });
  },
);

describe('mail settings from the environment', () => {
  it('are off with no SMTP settings, and read SMTP_URL or its parts', () => {
    expect(mailConfigFrom({})).toBeNull();
    expect(
      mailConfigFrom({ SMTP_URL: 'smtp://u:p@mail.example:587', MAIL_FROM: 'a@b.example' }),
    ).toEqual({
      url: 'smtp://u:p@mail.example:587',
      from: 'a@b.example',
    });
    expect(
      mailConfigFrom({
        SMTP_HOST: 'mail.example',
        SMTP_USER: 'me@x',
        SMTP_PASSWORD: 'p:w',
        SMTP_SECURE: 'true',
        MAIL_FROM: 'NoLapse <r@agency.example>',
      })?.url,
    ).toBe('smtps://me%40x:p%3Aw@mail.example:465');
  });

  it('refuse half a configuration, saying what is missing', () => {
    expect(() => mailConfigFrom({ SMTP_URL: 'smtp://mail.example' })).toThrow(/MAIL_FROM/);
    expect(() => mailConfigFrom({ MAIL_FROM: 'a@b.example' })).toThrow(/SMTP_URL/);
    expect(() => mailConfigFrom({ SMTP_PORT: '25' })).toThrow(/SMTP_HOST/);
    expect(() => mailConfigFrom({ SMTP_URL: 'http://x', MAIL_FROM: 'a@b.example' })).toThrow(
      /smtp:\/\//,
    );
    expect(() => mailConfigFrom({ SMTP_URL: 'smtp://x', MAIL_FROM: 'nobody' })).toThrow(
      /no email address/,
    );
  });
});
