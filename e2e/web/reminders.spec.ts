import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { defaultOfficeSettings, type OfficeSettings } from '../../shared/office';
import { createOffice, createToken } from '../../server/auth/offices';
import { configFrom } from '../../server/config';
import { SERVER_EXTENSIONS } from '../../server/extensions';
import { officeJobs } from '../../server/jobs/office-jobs';
import { startSmtpListener } from '../../server/mail/smtp-listener.test-support';
import { startServer, type RunningServer } from '../../server/start';
import { CustomerScreen, CustomersScreen } from './pages';

// The office server on a real port with a real SMTP listener, serving the production web
// build; the server's clock and each browser's clock start at the same literal instant and
// are moved together, so digests fall due in the test rather than at tomorrow's 08:00.
test.use({ timezoneId: 'UTC', locale: 'en-GB' });
test.describe.configure({ mode: 'serial' });

const START = Date.parse('2026-11-23T09:00:00.000Z');
const webDir = fileURLToPath(new URL('../../dist-web', import.meta.url));
let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let dataDir: string;
/** How far the server's clock is ahead of START, on top of the real time that passed. */
let moved = 0;
const startedAt = Date.now();
const serverNow = () => new Date(START + (Date.now() - startedAt) + moved);

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nolapse-e2e-reminders-'));
  smtp = await startSmtpListener();
  server = await startServer(
    configFrom({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIR: webDir,
      LOG_LEVEL: 'warn',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'NoLapse <reminders@agency.example>',
    }),
    SERVER_EXTENSIONS,
    { now: serverNow },
  );
});
test.afterAll(async () => {
  await server?.close();
  await smtp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A device of the office: its own browser context, its clock at START, signed in with `token`.
 * Headless Chromium has no notification centre to look at, so the page's Notification is a
 * recorder (the one stand-in here): what the app would show on the desktop is kept in
 * `window.__shown`.
 */
async function device(browser: Browser, token: string): Promise<Page> {
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
  await page.clock.install({ time: START });
  await page.goto('/');
  await page.getByLabel('Device token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: 'Sync: Synced' })).toBeVisible({ timeout: 30_000 });
  return page;
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
