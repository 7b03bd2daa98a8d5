import { expect, test, type Browser, type Page } from '@playwright/test';
import { createOffice } from '../../server/auth/offices';
import type { RunningServer } from '../../server/start';
import { startOfficeServer } from './office-server';
import { CompleteDialog, CustomerScreen, CustomersScreen } from './pages';

// The office server on a real port, serving the production web build with sync, on PGlite in
// a temporary folder; each browser context is one device of the office.
test.use({ timezoneId: 'UTC', locale: 'en-GB' });
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

/** A device: its own browser context (storage, IndexedDB), signed in to the office. */
async function device(browser: Browser, token: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to your office' })).toBeVisible();
  await page.getByLabel('Device token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sync: Synced' })).toBeVisible({ timeout: 30_000 });
  return page;
}

async function saveStaff(page: Page, names: string[]) {
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: 'Office settings' });
  for (let i = 1; i < names.length; i++)
    await form.getByRole('button', { name: '+ Add staff member' }).click();
  for (const [i, name] of names.entries())
    await form.getByLabel(`Staff member ${i + 1}`).fill(name);
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
}

test('the web app served by the office server signs in with a token and manages devices', async ({
  browser,
}) => {
  const { adminToken } = await createOffice(server.db, {
    name: 'Ikamet Istanbul',
    timeZone: 'Europe/Istanbul',
  });
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/');
  // A wrong token is explained under the field, and what was typed stays.
  await page.getByLabel('Device token').fill('nl_mistyped');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('does not accept this token');
  await expect(page.getByLabel('Device token')).toHaveValue('nl_mistyped');
  await page.screenshot({ path: 'test-results/screens/sign-in-error.png' });
  await page.getByLabel('Device token').fill(adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: 'Sync: Synced' })).toBeVisible({ timeout: 30_000 });

  await page.goto('/#/settings');
  const syncCard = page.getByRole('heading', { name: 'Sync' }).locator('..');
  await expect(syncCard).toContainText('Synced with Ikamet Istanbul');
  await expect(syncCard).toContainText('Office admin');
  // The admin makes a device token for a staff member; it is shown once.
  await saveStaff(page, ['Ayşe', 'Mehmet']);
  const tokens = page.getByRole('form', { name: 'Make a device token' });
  await tokens.getByRole('button', { name: 'Make a token' }).click();
  await expect(tokens.getByRole('alert')).toContainText('Name the device');
  await tokens.getByLabel('Device name').fill('Front desk PC');
  await tokens.getByLabel('Used by').selectOption({ label: 'Mehmet' });
  await tokens.getByRole('button', { name: 'Make a token' }).click();
  const made = page.getByLabel('New device token', { exact: true });
  await expect(made).toHaveText(/^nl_/);
  const staffToken = (await made.textContent())!;
  const list = page.getByRole('list', { name: 'Device tokens' });
  await expect(list).toContainText('Front desk PC');
  await expect(list).toContainText('this device');
  await page.screenshot({ path: 'test-results/screens/sync-settings-admin.png', fullPage: true });

  // The staff device is Mehmet's: "me" comes from its token.
  const front = await device(browser, staffToken);
  await expect(front.getByLabel('Who uses this device')).toHaveText('You: Mehmet');

  // Revoking it stops that device, which says what to do.
  await list
    .getByRole('listitem')
    .filter({ hasText: 'Front desk PC' })
    .getByRole('button', { name: 'Revoke Front desk PC' })
    .click();
  await list.getByRole('button', { name: 'Revoke Front desk PC' }).click();
  await expect(list).not.toContainText('Front desk PC');
  await front.goto('/#/settings');
  await front.getByRole('button', { name: 'Sync now' }).click();
  await expect(front.getByRole('link', { name: 'Sync: Sync stopped' })).toBeVisible();
  await expect(front.getByRole('alert').first()).toContainText('no longer accepts');
  await front.screenshot({ path: 'test-results/screens/sync-revoked.png', fullPage: true });
  await front.context().close();
  await context.close();
});

test('two devices of one office: edits travel, and offline edits settle by the conflict rules', async ({
  browser,
}) => {
  const { adminToken } = await createOffice(server.db, { name: 'Two desks', timeZone: 'UTC' });
  const a = await device(browser, adminToken);
  await saveStaff(a, ['Ayşe', 'Mehmet', 'Zeynep']);
  const customers = new CustomersScreen(a);
  const onA = new CustomerScreen(a);
  await customers.open();
  await customers.add('Elif Kaya');
  await onA.fillRenewal({ service: 'Work permit', dueDate: '2027-06-01' });
  await onA.submitRenewal();
  await onA.fillRenewal({ service: 'Residence permit', dueDate: '2027-07-01' });
  await onA.submitRenewal();
  await expect(onA.renewals.getByRole('listitem')).toHaveCount(2);

  // Device B sees what A wrote.
  const b = await device(browser, adminToken);
  await b.goto('/#/customers');
  await b.getByRole('link', { name: /Elif Kaya/ }).click();
  const onB = new CustomerScreen(b);
  await expect(onB.renewals.getByRole('listitem')).toHaveCount(2);
  const customerPage = b.url();

  // B goes offline and edits; A edits the same renewals meanwhile.
  await b.context().setOffline(true);
  await expect(b.getByRole('link', { name: /^Sync: Offline/ })).toBeVisible({ timeout: 30_000 });
  const work = (screen: CustomerScreen) => screen.renewal('due 2027-06-01');
  const residence = (screen: CustomerScreen) => screen.renewal('due 2027-07-01');
  await work(onB).getByRole('button', { name: 'Complete' }).click();
  const dialog = new CompleteDialog(b);
  await dialog.noNextRenewal();
  await dialog.confirm();
  await reassign(residence(onB), 'Zeynep');

  await reassign(work(onA), 'Mehmet');
  await reassign(residence(onA), 'Mehmet');

  // Back online: the completion is kept with A's hand-over; where both changed who holds the
  // residence permit, the server's (A's) version wins and the timeline says what was lost.
  await b.context().setOffline(false);
  await b.getByRole('link', { name: /^Sync: / }).click();
  await b.getByRole('button', { name: 'Sync now' }).click();
  await expect(b.getByRole('link', { name: 'Sync: Synced' })).toBeVisible({ timeout: 30_000 });
  for (const page of [a, b]) {
    const screen = new CustomerScreen(page);
    await page.goto(customerPage);
    await expect(work(screen)).toContainText('Completed', { timeout: 30_000 });
    await expect(work(screen)).toContainText('Mehmet');
    await expect(residence(screen)).toContainText('Mehmet');
    await expect(screen.timeline).toContainText('Edit conflict', { timeout: 30_000 });
    await expect(screen.timeline).toContainText('assignee: kept Mehmet, replaced Zeynep');
  }
  await a.screenshot({ path: 'test-results/screens/sync-conflict-timeline.png', fullPage: true });
  await a.context().close();
  await b.context().close();
});

async function reassign(item: ReturnType<CustomerScreen['renewal']>, to: string) {
  await item.getByRole('button', { name: /^Reassign/ }).click();
  const form = item.getByRole('form', { name: /^Reassign/ });
  await form.getByLabel('To').selectOption({ label: to });
  await form.getByRole('button', { name: 'Reassign' }).click();
  await expect(item).toContainText(to);
}

test('a desktop on its own origin connects in Settings → Sync, asking before it merges', async ({
  page,
}) => {
  // The app as `npm run web` (and the Electron window) runs it: its own origin, its own data.
  const { adminToken } = await createOffice(server.db, { name: 'Merge office', timeZone: 'UTC' });
  const office = await device(page.context().browser()!, adminToken);
  await new CustomersScreen(office).open();
  await new CustomersScreen(office).add('Already in the office');
  await office.context().close();

  const customers = new CustomersScreen(page);
  await customers.open();
  await customers.add('Only on this desktop');
  await page.goto('/#/settings');
  const card = page.getByRole('heading', { name: 'Sync' }).locator('..');
  await expect(card).toContainText('Connect this device to your office server');
  const connect = page.getByRole('form', { name: 'Connect to the office server' });
  await connect.getByLabel('Office server').fill('127.0.0.1:1');
  await connect.getByLabel('Device token').fill(adminToken);
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expect(connect.getByRole('alert')).toContainText('Could not reach http://127.0.0.1:1');
  await page.screenshot({ path: 'test-results/screens/sync-connect-error.png' });

  await connect.getByLabel('Office server').fill(server.url);
  await connect.getByRole('button', { name: 'Connect' }).click();
  const question = page.getByRole('group', { name: 'Merge with the office' });
  await expect(question).toContainText('Merge office already has records');
  await page.screenshot({ path: 'test-results/screens/sync-merge-question.png' });
  await question.getByRole('button', { name: 'Merge and sync' }).click();
  await expect(page.getByRole('link', { name: 'Sync: Synced' })).toBeVisible({ timeout: 30_000 });
  await page.goto('/#/customers');
  await expect(page.getByRole('link', { name: /Already in the office/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Only on this desktop/ })).toBeVisible();
  await page.goto('/#/settings');
  await expect(page.getByRole('list', { name: 'Device tokens' })).toContainText('this device');
  await page.screenshot({ path: 'test-results/screens/sync-desktop-synced.png' });

  await page.getByRole('button', { name: 'Disconnect this device' }).click();
  await expect(card).toContainText('Connect this device to your office server');
  await page.goto('/#/customers');
  await expect(page.getByRole('link', { name: /Already in the office/ })).toBeVisible();
});
