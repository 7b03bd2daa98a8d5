import { expect, test, type Browser, type Page } from '@playwright/test';
import { defaultOfficeSettings, type OfficeSettings } from '../../shared/office';
import { createOffice, createToken } from '../../server/auth/offices';
import { officeJobs } from '../../server/jobs/office-jobs';
import { startSmtpListener } from '../../server/mail/smtp-listener.test-support';
import type { RunningServer } from '../../server/start';
import { startOfficeServer } from './office-server';
import { officeWithDocument, SIGNATURE } from '../../server/signing/signing.test-support';
import { CustomerScreen, CustomersScreen, TasksScreen } from './pages';
import { SigningLinkScreen } from './signing-link-pages';

// The office server on a real port with a real SMTP listener, serving the production web
// build; the server's clock and each browser's clock start at the same literal instant and
// are moved together, so digests fall due in the test rather than at tomorrow's 08:00.
test.use({ timezoneId: 'UTC', locale: 'en-GB' });
test.describe.configure({ mode: 'serial' });

const START = Date.parse('2026-11-23T09:00:00.000Z');
let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let running: Awaited<ReturnType<typeof startOfficeServer>>;
/** How far the server's clock is ahead of START, on top of the real time that passed. */
let moved = 0;
const startedAt = Date.now();
const serverNow = () => new Date(START + (Date.now() - startedAt) + moved);

test.beforeAll(async () => {
  smtp = await startSmtpListener();
  running = await startOfficeServer(
    { SMTP_URL: smtp.url, MAIL_FROM: 'NoLapse <reminders@agency.example>' },
    { now: serverNow },
  );
  server = running.server;
});
test.afterAll(async () => {
  await running?.close();
  await smtp?.close();
});

/**
 * A device of the office: its own browser context, its clock at START, signed in with `token`.
 * Headless Chromium has no notification centre to look at, so the page's Notification is a
 * recorder (the one stand-in here): what the app would show on the desktop is kept in
 * `window.__shown`.
 */
async function device(browser: Browser, token: string, time = START): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  await context.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (globalThis as unknown as { __shown: typeof shown }).__shown = shown;
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
    }
    (globalThis as unknown as { Notification: unknown }).Notification = RecordedNotification;
  });
  const page = await context.newPage();
  await page.clock.install({ time });
  await page.goto('/');
  await page.getByLabel('Device token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: 'Sync: Synced' })).toBeVisible({ timeout: 30_000 });
  return page;
}

/** The first email to `address`, waiting for it (other offices' mail may come first). */
async function mailTo(address: string) {
  for (let count = 1; ; count++) {
    const mails = await smtp.waitFor(count);
    const found = mails.find((m) => JSON.stringify(m.to).includes(address));
    if (found) return found;
  }
}

const shownOn = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __shown: { title: string }[] }).__shown);

async function officeWith(staff: OfficeSettings['staff']) {
  const office = await createOffice(server.db, { name: 'Ikamet Agency', timeZone: 'UTC' });
  const saved = await officeJobs(server.db, office.officeId).settings.saveOffice(
    new Date(START).toISOString(),
    { ...defaultOfficeSettings('UTC'), officeName: 'Ikamet Agency', staff },
  );
  expect(saved.ok).toBe(true);
  return office;
}

test('a daily digest arrives as one email and one desktop notification instead of several', async ({
  browser,
}) => {
  const daily = { mode: 'daily' as const, at: '08:00', weekday: 1 };
  const { officeId } = await officeWith([
    {
      id: 'can',
      name: 'Can',
      email: 'can@agency.example',
      reminders: { desktop: daily, email: daily },
    },
  ]);
  const { token } = await createToken(server.db, officeId, {
    role: 'staff',
    staffId: 'can',
    label: 'Can’s laptop',
  });
  const page = await device(browser, token);

  // Three renewals reach their first alert today (90, 30 and 14 days out): none is urgent.
  const customers = new CustomersScreen(page);
  const customer = new CustomerScreen(page);
  for (const [name, dueDate] of [
    ['Ali Demir', '2027-02-21'],
    ['Sara Kaya', '2026-12-20'],
    ['Omar Haddad', '2026-12-05'],
  ] as const) {
    await customers.open();
    await customers.add(name);
    await customer.fillRenewal({ service: 'Work permit', dueDate });
    await customer.submitRenewal();
    await expect(customer.renewals.getByRole('listitem')).toHaveCount(1);
  }
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByRole('link', { name: 'Sync: Synced' })).toBeVisible({ timeout: 30_000 });
  // The notification centre lists them at once; the desktop waits for the digest.
  await page.goto('/#/notifications');
  await expect(page.getByRole('main')).toContainText('Ali Demir');
  await expect(page.getByRole('main')).toContainText('Omar Haddad');
  expect(await shownOn(page)).toEqual([]);

  // The server routes the synced alerts within the minute; Can's email waits too.
  await server.jobs.scan();
  await server.reminders.runNow();
  expect(smtp.received).toHaveLength(0);

  // Tomorrow, 08:00 UTC: one digest on each channel.
  const digestAt = Date.parse('2026-11-24T08:00:30.000Z');
  moved = digestAt - serverNow().getTime() + moved;
  await server.reminders.runNow();
  const [mail] = await smtp.waitFor(1);
  expect(mail!.to).toMatchObject({ value: [{ address: 'can@agency.example' }] });
  expect(mail!.subject).toBe('Your daily NoLapse digest: 3 reminders');
  for (const name of ['Ali Demir', 'Sara Kaya', 'Omar Haddad']) expect(mail!.text).toContain(name);

  // Away from the notification centre (opening it marks what it lists as read, and a digest
  // leaves out what was read), the device wakes for its digest.
  await page.goto('/#/queue');
  await page.clock.fastForward(digestAt - (await page.evaluate(() => Date.now())));
  await expect
    .poll(() => shownOn(page), { timeout: 20_000 })
    .toEqual([expect.objectContaining({ title: 'Your digest: 3 reminders' })]);
  await page.goto('/#/notifications');
  await expect(page.getByRole('main')).toContainText('Your digest: 3 reminders');
  await page.screenshot({ path: 'test-results/screens/digest-notifications.png', fullPage: true });

  // Nothing more: not on another round, not on the next refresh.
  await server.reminders.runNow();
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await page.waitForTimeout(500);
  expect(smtp.received).toHaveLength(1);
  expect(await shownOn(page)).toHaveLength(1);
  await page.context().close();
});

test('a worker’s reminder email carries a signing link: signed on a phone, seen signed in the office, then refused', async ({
  browser,
}) => {
  // Maria signs her contract today, for 12 months.
  const at = serverNow().toISOString();
  const office = await officeWithDocument(server.db, { at });
  const signed = await office.jobs.documents.open(at, office.instanceId);
  if (!signed.ok) throw new Error('not opened');
  const done = await office.jobs.documents.sign(at, office.instanceId, {
    data: { name: 'Maria Lopez', address: '1 Old Street' },
    signatureName: 'Maria Lopez',
    signatureImage: SIGNATURE,
  });
  if (!done.ok) throw new Error('not signed');
  const expiresOn = done.value.expiresOn!;

  // 30 days before expiry, the server's daily run reminds her by email.
  const reminderAt = Date.parse(`${expiresOn}T09:00:00.000Z`) - 30 * 86_400_000;
  moved += reminderAt - serverNow().getTime();
  await server.jobs.runNow(office.officeId, serverNow().toISOString());
  await server.reminders.runNow();
  const mail = await mailTo('maria@example.com');
  expect(mail.subject).toBe('Your Employment contract expires in 30 days');
  expect(mail.text).toContain('Hello Maria Lopez,');
  expect(mail.text).toContain(
    'Your Employment contract expires in 30 days. Please review and renew.',
  );
  const link = new RegExp(`${server.url}/sign/[A-Za-z0-9_-]{43}`).exec(mail.text ?? '')?.[0];
  expect(link, mail.text).toBeDefined();

  // The office app, on the same day.
  const app = await device(browser, office.adminToken, reminderAt);
  const renewalId = `${office.instanceId}:r1`;
  await app.goto(`/#/documents/instances/${encodeURIComponent(renewalId)}`);
  const heading = app.getByRole('heading', { level: 1, name: /Employment contract/ });
  await expect(heading).toBeVisible({ timeout: 30_000 });
  await expect(heading).not.toContainText('Signed');

  // Maria opens the link from the email on her phone: a fresh browser, no sign-in.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const worker = new SigningLinkScreen(await phone.newPage());
  await worker.open(link!);
  await expect(worker.form.getByLabel('Home address')).toHaveValue('1 Old Street');
  await worker.form.getByLabel('Type your full name').fill('Maria Lopez');
  await worker.drawSignature();
  await worker.submit();
  await expect(worker.heading('Employment contract is signed')).toBeVisible();

  // The office sees it signed, through sync; the link then refuses a second use.
  await expect(heading).toContainText('Signed', { timeout: 30_000 });
  await worker.open(link!);
  await expect(worker.heading('This link has already been used')).toBeVisible();
  await phone.close();
  await app.context().close();
});

test('a task handed to someone pops up on their own device, soon after it syncs', async ({
  browser,
}) => {
  const { officeId, adminToken } = await officeWith([
    { id: 'ayse', name: 'Ayşe', admin: true },
    { id: 'mehmet', name: 'Mehmet' },
  ]);
  const { token } = await createToken(server.db, officeId, {
    role: 'staff',
    staffId: 'mehmet',
    label: 'Mehmet’s PC',
  });
  const now = serverNow().getTime();
  const ayse = await device(browser, adminToken, now);
  const mehmet = await device(browser, token, now);

  // Ayşe's customer has a renewal 12 days out: a HIGH task for Ayşe.
  const customers = new CustomersScreen(ayse);
  const customer = new CustomerScreen(ayse);
  await customers.open();
  await customers.add('Elif Kaya');
  const due = new Date(now + 12 * 86_400_000).toISOString().slice(0, 10);
  await customer.fillRenewal({ service: 'Work permit', dueDate: due });
  await customer.submitRenewal();
  await expect(customer.renewals.getByRole('listitem')).toHaveCount(1);
  const tasks = new TasksScreen(ayse);
  await tasks.open();
  await ayse.getByLabel('Assignee').selectOption({ label: 'Everyone' });
  const high = tasks.task('HIGH');
  await high.getByRole('button', { name: /^Reassign/ }).click();
  const form = high.getByRole('form', { name: /^Reassign/ });
  await form.getByLabel('To').selectOption({ label: 'Mehmet' });
  await form.getByLabel('Note').fill('Please call her today');
  await form.getByRole('button', { name: 'Reassign' }).click();
  await expect(ayse.getByRole('status').filter({ hasText: 'Now with Mehmet.' })).toBeVisible();

  // Mehmet's device shows it by itself: no refresh, nothing clicked there.
  await expect
    .poll(() => shownOn(mehmet), { timeout: 30_000 })
    .toEqual([
      expect.objectContaining({
        title: expect.stringContaining('Elif Kaya: ') as unknown,
        body: 'Please call her today',
      }),
    ]);
  // Ayşe's alert for her own renewal never showed on Mehmet's device.
  await mehmet.goto('/#/notifications');
  await expect(mehmet.getByRole('main')).toContainText('now with Mehmet (was Ayşe)');
  await expect(mehmet.getByRole('main')).not.toContainText('due in 12 days');
  await ayse.context().close();
  await mehmet.context().close();
});
