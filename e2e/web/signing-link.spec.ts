import { expect, test, type Browser, type Page } from '@playwright/test';
import { officeWithDocument } from '../../server/signing/signing.test-support';
import type { RunningServer } from '../../server/start';
import { startOfficeServer } from './office-server';
import { SigningLinkScreen } from './signing-link-pages';

// The office server on a real port without PUBLIC_URL (links then name the address it listens
// on), serving the production web build; the office app is one browser context, the worker
// another.
test.use({ timezoneId: 'Europe/Istanbul', locale: 'en-GB' });
test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let running: Awaited<ReturnType<typeof startOfficeServer>>;

test.beforeAll(async () => {
  running = await startOfficeServer();
  server = running.server;
});
test.afterAll(async () => {
  await running?.close();
});

/** The office app, signed in with the admin token and synced. */
async function officeApp(browser: Browser, token: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Device token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: 'Sync: Synced' })).toBeVisible({ timeout: 30_000 });
  return page;
}

test('a worker signs through their link on a phone; the office sees it signed; the link then refuses', async ({
  browser,
}) => {
  const office = await officeWithDocument(server.db, { at: new Date().toISOString() });
  const app = await officeApp(browser, office.adminToken);
  await app.goto(`/#/documents/instances/${encodeURIComponent(office.instanceId)}`);
  await expect(app.getByRole('heading', { level: 1, name: /Employment contract/ })).toBeVisible({
    timeout: 30_000,
  });

  // The admin copies a signing link for Maria.
  const card = app.getByRole('region', { name: 'Signing link' });
  await card.getByRole('button', { name: 'Copy signing link' }).click();
  const field = card.getByLabel('Signing link for Maria Lopez');
  await expect(field).toHaveValue(new RegExp(`^${server.url}/sign/[A-Za-z0-9_-]{43}$`));
  await expect(card).toContainText('Copied.');
  const url = await field.inputValue();
  expect(await app.evaluate('navigator.clipboard.readText()')).toBe(url);
  await app.screenshot({ path: 'test-results/screens/signing-link-copied.png', fullPage: true });

  // Maria opens it on her phone: a fresh browser, nothing of the office app, no sign-in.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const worker = new SigningLinkScreen(await phone.newPage());
  await worker.open(url);
  await expect(worker.heading('Employment contract')).toBeVisible();
  await expect(worker.page.getByText('For Maria Lopez · from Ikamet Istanbul')).toBeVisible();
  await expect(worker.form.getByLabel('Full name', { exact: true })).toHaveValue('Maria Lopez');
  await expect(worker.form.getByLabel('Home address')).toHaveValue('1 Old Street');
  await expect(worker.form.getByLabel('Phone (optional)')).toHaveValue('');
  await expect(worker.form.getByText('I, Maria Lopez, living at 1 Old Street')).toBeVisible();
  await expect(worker.page.getByRole('navigation')).toHaveCount(0);
  await worker.page.screenshot({
    path: 'test-results/screens/signing-link-phone.png',
    fullPage: true,
  });

  // The same page on a desktop (reading never uses the link).
  const desk = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const deskPage = new SigningLinkScreen(await desk.newPage());
  await deskPage.open(url);
  await expect(deskPage.heading('Employment contract')).toBeVisible();
  await deskPage.page.screenshot({
    path: 'test-results/screens/signing-link-desktop.png',
    fullPage: true,
  });
  await desk.close();

  // Forgetting to draw is explained where it happened; nothing typed is lost.
  await worker.form.getByLabel('Home address').fill('2 New Street');
  await worker.form.getByLabel('Type your full name').fill('Maria Lopez');
  await worker.submit();
  await expect(worker.form.getByRole('alert')).toHaveText('Draw your signature before signing.');
  await expect(worker.form.getByLabel('Home address')).toHaveValue('2 New Street');
  await worker.page.screenshot({
    path: 'test-results/screens/signing-link-phone-error.png',
    fullPage: true,
  });

  await worker.drawSignature();
  await worker.submit();
  await expect(worker.heading('Employment contract is signed')).toBeVisible();
  await expect(worker.page.getByText('Thank you, Maria Lopez.')).toBeVisible();
  await worker.page.screenshot({ path: 'test-results/screens/signing-link-phone-done.png' });

  // The office app shows it signed, through sync, with what Maria gave.
  await expect(app.getByRole('heading', { level: 1, name: /Employment contract/ })).toContainText(
    'Signed',
    { timeout: 30_000 },
  );
  const signed = app.getByRole('article', { name: 'Signed document' });
  await expect(signed).toContainText('2 New Street');
  await expect(signed).toContainText('Maria Lopez');
  await expect(app.getByRole('region', { name: 'Signing link' })).toHaveCount(0);

  // Opening the link again says it was used.
  await worker.open(url);
  await expect(worker.heading('This link has already been used')).toBeVisible();
  await expect(
    worker.page.getByText(
      /Each link works once; if you need to sign again, ask your office for a new link\./,
    ),
  ).toBeVisible();
  await worker.page.screenshot({ path: 'test-results/screens/signing-link-used.png' });

  // A link that is no link says so too.
  await worker.open(`${server.url}/sign/${'A'.repeat(43)}`);
  await expect(worker.heading('This link does not work')).toBeVisible();
  await worker.open(`${server.url}/sign.html`);
  await expect(worker.heading('This link does not work')).toBeVisible();
  await expect(worker.page.getByText('opened the whole link from the email')).toBeVisible();
  await phone.close();
  await app.context().close();
});
