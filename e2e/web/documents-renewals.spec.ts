import { expect, test, type Page } from '@playwright/test';
import {
  AssignScreen,
  createTemplate,
  DocumentsScreen,
  InstanceScreen,
  PlacementsPanel,
  SigningScreen,
  WorkerScreen,
  WorkerViewScreen,
} from './documents-pages';
import { AppShell } from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const at = (date: string) => new Date(`${date}T09:00:00Z`);
const shot = (name: string) => `test-results/screens/documents-${name}.png`;

/** An office on `date` with Maria Lopez and a 12-month NDA (7 days grace, blocking) she signed. */
async function officeWithSignedNda(page: Page, date = '2026-02-15') {
  await page.clock.install({ time: at(date) });
  const documents = new DocumentsScreen(page);
  await documents.open();
  await documents.addWorker({ fullName: 'Maria Lopez', email: 'maria@example.com' });
  await createTemplate(page, {
    name: 'NDA',
    model: 'signature',
    months: 12,
    graceDays: 7,
    blocking: true,
  });
  await assignAndSign(page, 'NDA', 'Maria Lopez');
}

async function assignAndSign(page: Page, template: string, worker: string) {
  const assign = new AssignScreen(page);
  await assign.open();
  await assign.assign(template, [worker]);
  await expect(assign.results).toContainText(`"${template}" assigned to ${worker}.`);
  const workerPage = new WorkerScreen(page);
  await workerPage.open(worker);
  await workerPage.document(template).filter({ hasText: 'To sign' }).getByRole('link').click();
  await new SigningScreen(page).sign(worker);
}

test.describe('document renewals, re-issues, placements and the worker view', () => {
  test('re-issue a signed one-time document after confirming', async ({ page }) => {
    await page.clock.install({ time: at('2026-02-15') });
    const documents = new DocumentsScreen(page);
    const worker = new WorkerScreen(page);
    const assign = new AssignScreen(page);
    await documents.open();
    await documents.addWorker({ fullName: 'Maria Lopez' });
    await createTemplate(page, { name: 'Background check consent', model: 'none' });
    await assignAndSign(page, 'Background check consent', 'Maria Lopez');
    const reissue = page.getByRole('region', { name: 'Re-issue' });
    await expect(reissue).toContainText('Never expires');
    await expect(reissue.getByRole('button', { name: 'Re-issue…' })).toBeVisible();

    // Months later the office needs a fresh consent: the Assign tab asks first.
    await page.clock.setSystemTime(at('2026-06-01'));
    await assign.open();
    await assign.choose('Background check consent', ['Maria Lopez']);
    await expect(page.getByRole('checkbox', { name: /Maria Lopez/ })).toHaveAccessibleName(
      /signed 2026-02-15: re-issue/,
    );
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(assign.confirmation).toContainText(
      'Re-issue “Background check consent” to Maria Lopez?',
    );
    await expect(assign.confirmation).toContainText(
      'Maria Lopez signed "Background check consent" on 2026-02-15 and it never expires. Re-issuing keeps that signed copy unchanged and adds a new copy to sign.',
    );
    await page.screenshot({ path: shot('reissue-confirm'), fullPage: true });

    // Cancel writes nothing.
    await assign.confirmation.getByRole('button', { name: 'Cancel' }).click();
    await expect(assign.confirmation).toHaveCount(0);
    await expect(page.getByText('Nothing assigned yet in this session.')).toBeVisible();

    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await assign.confirmation.getByRole('button', { name: 'Re-issue and assign' }).click();
    await expect(assign.results).toContainText(
      '"Background check consent" re-issued to Maria Lopez; the signed copy stays on file.',
    );

    await worker.open('Maria Lopez');
    await expect(worker.document('Signed')).toContainText(
      'Signed 2026-02-15 · never expires · re-issued',
    );
    await expect(worker.document('To sign')).toContainText('Re-issued: review and sign');
    await worker.document('To sign').getByRole('link').click();
    await new SigningScreen(page).sign('Maria Lopez');
    await expect(new InstanceScreen(page).chain.getByRole('listitem')).toHaveCount(2);
    await worker.open('Maria Lopez');
    await expect(worker.documents.getByRole('listitem').filter({ hasText: 'Signed' })).toHaveCount(
      2,
    );
    await expect(worker.document('Signed 2026-02-15')).toContainText(
      're-issued, signed again 2026-06-01',
    );
    await expect(worker.badge()).toHaveText('Valid');
    await page.screenshot({ path: shot('reissued-worker'), fullPage: true });
  });

  test('renew a document early from the worker view and see its reminders stop', async ({
    page,
  }) => {
    await officeWithSignedNda(page);
    const shell = new AppShell(page);
    const worker = new WorkerScreen(page);
    const instance = new InstanceScreen(page);
    const view = new WorkerViewScreen(page);

    // Before the 30-day reminder the office sees why it cannot renew yet.
    await page.clock.setSystemTime(at('2027-01-10'));
    await shell.refreshNow();
    await worker.open('Maria Lopez');
    await worker.document('Signed').getByRole('link').click();
    await expect(instance.renewal).toContainText(
      'Renewal opens on 2027-01-16, 30 days before it expires on 2027-02-15.',
    );
    await expect(instance.renewal.getByRole('button', { name: 'Renew early' })).toBeDisabled();
    await page.screenshot({ path: shot('renew-early-closed'), fullPage: true });

    await page.clock.setSystemTime(at('2027-01-16'));
    await shell.refreshNow();
    await shell.nav('Notifications').click();
    const delivered = page.getByRole('list', { name: 'Delivered notifications' });
    await expect(delivered).toContainText('Maria Lopez: NDA expires in 30 days');

    // Maria renews on the office PC's worker view and signs the renewal.
    await worker.open('Maria Lopez');
    await page.getByRole('link', { name: 'Open worker view' }).click();
    await expect(view.toRenew).toContainText('Expires on 2027-02-15 (in 30 days)');
    await page.screenshot({ path: shot('worker-view-renew'), fullPage: true });
    await view.toRenew.getByRole('button', { name: 'Renew NDA now' }).click();
    await new SigningScreen(page).sign('Maria Lopez');
    await expect(page.getByRole('article', { name: 'Signed document' })).toContainText(
      '2028-01-16',
    );
    await view.backToList();
    await expect(view.signed).toContainText('Signed 2027-01-16 · valid until 2028-01-16');
    await expect(view.toSign).toHaveCount(0);

    // In the office the old copy says it is renewed; no more reminders, a quiet archive.
    await page.goto('/#/documents');
    await worker.open('Maria Lopez');
    await expect(worker.document('expires 2027-02-15')).toContainText('renewed 2027-01-16');
    await worker.document('expires 2027-02-15').getByRole('link').click();
    await expect(instance.renewal).toContainText('Renewed');
    await expect(instance.renewal).toContainText(
      'The renewal was signed on 2027-01-16. This copy stays valid until 2027-02-15 and is then archived; no more reminders.',
    );
    await page.screenshot({ path: shot('renewed-early'), fullPage: true });
    for (const day of ['2027-02-01', '2027-02-08', '2027-02-14', '2027-02-15']) {
      await page.clock.setSystemTime(at(day));
      await shell.refreshNow();
    }
    await shell.nav('Notifications').click();
    // The worker's 30-day reminder, once; nothing after the renewal was signed.
    await expect(
      delivered.getByRole('listitem').filter({ hasText: 'Maria Lopez: NDA expires' }),
    ).toHaveCount(1);
    await expect(delivered).not.toContainText('has expired');
    await worker.open('Maria Lopez');
    await expect(worker.document('Archived')).toContainText('Expired 2027-02-15');
    await expect(worker.document('To sign')).toHaveCount(0);
    await expect(worker.badge()).toHaveText('Valid');
  });

  test('placements: in grace accepted with the warning, blocked refused with the reason; reminders and digest after expiry', async ({
    page,
  }) => {
    await officeWithSignedNda(page);
    const shell = new AppShell(page);
    const worker = new WorkerScreen(page);
    const placements = new PlacementsPanel(page);

    await page.clock.setSystemTime(at('2027-02-15'));
    await shell.refreshNow();
    await worker.open('Maria Lopez');
    await expect(placements.form).toContainText(
      'Maria Lopez can still be placed during the grace period',
    );
    await placements.place('Forklift driver', '2027-02-16');
    await expect(
      page.getByRole('status').filter({ hasText: 'placed as Forklift driver' }),
    ).toContainText(
      'Warning: NDA expired on 2027-02-15: Maria Lopez is in its grace period and is blocked from 2027-02-22 unless it is renewed.',
    );
    const placed = placements.list.getByRole('listitem').filter({ hasText: 'Forklift driver' });
    await expect(placed).toContainText('Placed in grace');
    await expect(placed).toContainText('blocked from 2027-02-22 unless it is renewed');
    await page.screenshot({ path: shot('placement-grace'), fullPage: true });

    // A week after expiry: blocked, reminded, and listed in the admins' digest.
    await page.clock.setSystemTime(at('2027-02-22'));
    await shell.refreshNow();
    await worker.open('Maria Lopez');
    await expect(placements.form.getByRole('alert')).toHaveText(
      'Maria Lopez is blocked from job assignment: NDA expired on 2027-02-15 and the grace period is over. They can be placed again once they sign the renewal.',
    );
    await placements.form.getByLabel('Job title').fill('Night shift');
    await expect(placements.form.getByRole('button', { name: 'Record placement' })).toBeDisabled();
    await expect(placements.list.getByRole('listitem')).toHaveCount(1);
    await page.screenshot({ path: shot('placement-blocked'), fullPage: true });

    await shell.nav('Notifications').click();
    const delivered = page.getByRole('list', { name: 'Delivered notifications' });
    await expect(delivered).toContainText('Maria Lopez: NDA expired 7 days ago');
    await expect(delivered).toContainText(
      'Your NDA expired on 2027-02-15 and the renewal is not signed yet. You cannot be assigned jobs until you sign it.',
    );
    await shell.refreshNow();
    await expect(
      delivered.getByRole('listitem').filter({ hasText: 'NDA expired 7 days ago' }),
    ).toHaveCount(1);

    await shell.nav('Documents').click();
    await new DocumentsScreen(page).tab('Weekly digest').click();
    const overdue = page.getByRole('list', { name: 'Renewals overdue' });
    await expect(overdue).toContainText('Maria Lopez — NDA');
    await expect(overdue).toContainText('Blocked');
    await expect(overdue).toContainText('Expired 2027-02-15 (7 days ago)');
    await page.screenshot({ path: shot('digest-overdue'), fullPage: true });
  });

  test('the worker view shows only that worker’s documents, the banner, and signing', async ({
    page,
  }) => {
    await officeWithSignedNda(page);
    const shell = new AppShell(page);
    const documents = new DocumentsScreen(page);
    const worker = new WorkerScreen(page);
    const view = new WorkerViewScreen(page);
    await documents.open();
    await documents.addWorker({ fullName: 'John Smith' });
    await createTemplate(page, { name: 'Safety training', model: 'signature', months: 12 });
    const assign = new AssignScreen(page);
    await assign.open();
    await assign.assign('Safety training', ['John Smith']);
    await expect(assign.results).toContainText('"Safety training" assigned to John Smith.');
    await worker.open('John Smith');
    await worker.document('Safety training').getByRole('link').click();
    await expect(page.getByRole('form', { name: 'Review and sign' })).toBeVisible();
    const johnsDocument = new URL(page.url()).hash.split('/').pop()!;

    // Maria's NDA expires: in grace, with a renewal to sign.
    await page.clock.setSystemTime(at('2027-02-15'));
    await shell.refreshNow();
    await worker.open('Maria Lopez');
    await page.getByRole('link', { name: 'Open worker view' }).click();
    await expect(view.heading()).toHaveText('Hello, Maria Lopez');
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Refresh now' })).toHaveCount(0);
    await expect(view.banners()).toHaveText(['Your NDA has expired. Renew within 7 days.']);
    await expect(view.toSign).toContainText('Renewal: your previous one expired on 2027-02-15.');
    await expect(page.getByText('Safety training')).toHaveCount(0);
    await expect(page.getByText('John Smith')).toHaveCount(0);
    await page.screenshot({ path: shot('worker-view'), fullPage: true });

    // Another worker's document does not open here.
    const mariaView = new URL(page.url()).hash.slice(1);
    await page.goto(`/#${mariaView}/${johnsDocument}`);
    await expect(page.getByText('This document is not among yours.')).toBeVisible();
    await view.backToList();

    await view.toSign.getByRole('link', { name: 'Review and sign' }).click();
    const signing = new SigningScreen(page);
    await signing.form.getByLabel('Type your full name to sign').fill('Maria Lopez');
    await signing.drawSignature();
    await page.screenshot({ path: shot('worker-view-signing'), fullPage: true });
    await signing.form.getByRole('button', { name: 'Submit and sign' }).click();
    await expect(page.getByRole('article', { name: 'Signed document' })).toBeVisible();
    await view.backToList();
    await expect(view.banners()).toHaveCount(0);
    await expect(view.signed).toContainText('Signed 2027-02-15 · valid until 2028-02-15');
    await expect(page.getByText('Nothing to sign. Thank you!')).toBeVisible();
    await page.screenshot({ path: shot('worker-view-signed'), fullPage: true });
  });
});
