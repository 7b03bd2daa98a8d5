import { expect, test } from '@playwright/test';
import {
  DocumentsScreen,
  SigningScreen,
  TemplateFormScreen,
  WorkerScreen,
} from './documents-pages';
import { AppShell } from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const at = (date: string) => new Date(`${date}T09:00:00Z`);
const shot = (name: string) => `test-results/screens/documents-${name}.png`;

test.describe('compliance documents, end to end in web mode', () => {
  test('sign an NDA, get reminded, renew at expiry, get blocked after grace and unblocked by re-signing', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-02-15') });
    const shell = new AppShell(page);
    const documents = new DocumentsScreen(page);
    const worker = new WorkerScreen(page);
    const signing = new SigningScreen(page);

    await documents.open();
    await documents.addWorker({
      fullName: 'Maria Lopez',
      email: 'maria@example.com',
      address: '1 Old Street',
    });

    // A signature-based NDA: 12 months, 7 days grace, blocking.
    await documents.tab('Templates').click();
    const create = new TemplateFormScreen(page, 'New template');
    await create.form.getByLabel('Document name').fill('NDA');
    await create.addField('Full name', 'Full name');
    await create.addField('Address', 'Address');
    await create.form
      .getByLabel('Document text')
      .fill('I, {{fullName}}, of {{address}}, keep the office’s secrets.');
    // An impossible calendar date is explained before saving.
    await create.form.getByLabel('Renewal model').selectOption('calendar');
    await create.form.getByLabel('Renewal month').selectOption({ label: 'April' });
    await create.form.getByLabel('Renewal day').fill('31');
    await expect(create.preview()).toHaveText(
      'April 31 does not exist. Choose a day from 1 to 30.',
    );
    await create.form.getByRole('button', { name: 'Create template' }).click();
    await expect(create.form.getByLabel('Renewal day')).toHaveAccessibleDescription(
      'April 31 does not exist. Choose a day from 1 to 30.',
    );
    await expect(create.form.getByLabel('Document name')).toHaveValue('NDA');
    await page.screenshot({ path: shot('template-error'), fullPage: true });

    await create.form.getByLabel('Renewal model').selectOption('signature');
    await create.form.getByLabel('Months valid after signing').fill('12');
    await create.form.getByLabel('Grace period (days)').fill('7');
    await create.form.getByLabel(/^Blocking/).check();
    await create.form.getByLabel('Sample signing date').fill('2026-08-31');
    await expect(create.preview()).toContainText('Signed on 2026-08-31, it expires on 2027-08-31');
    await expect(create.preview()).toContainText('blocked from job assignment from 2027-09-07');
    await create.form.getByRole('button', { name: 'Create template' }).click();
    await expect(page.getByRole('list', { name: 'Templates' })).toContainText(
      'Version 1 · Valid 12 months after signing · 7 days grace · blocking',
    );

    // Assign it.
    await documents.tab('Assign').click();
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'NDA (version 1)' });
    await page.getByRole('checkbox', { name: /Maria Lopez/ }).check();
    await page.getByRole('button', { name: 'Assign' }).click();
    await expect(page.getByRole('list', { name: 'Assignment results' })).toContainText(
      '"NDA" assigned to Maria Lopez.',
    );
    // A second assignment is refused with the reason.
    await page.getByRole('checkbox', { name: /Maria Lopez/ }).check();
    await page.getByRole('button', { name: 'Assign' }).click();
    await expect(page.getByRole('list', { name: 'Assignment results' })).toContainText(
      'Maria Lopez already has an open (required) "NDA"',
    );

    // Sign it with a drawn signature; fields are pre-filled from the profile.
    await worker.open('Maria Lopez');
    await worker.document('NDA').getByRole('link').click();
    await expect(signing.form.getByLabel('Full name', { exact: true })).toHaveValue('Maria Lopez');
    await expect(signing.form.getByLabel('Address')).toHaveValue('1 Old Street');
    await signing.form.getByRole('button', { name: 'Submit and sign' }).click();
    await expect(
      signing.form.getByLabel('Type your full name to sign'),
    ).toHaveAccessibleDescription('Type your full name to sign.');
    await signing.form.getByLabel('Type your full name to sign').fill('Maria Lopez');
    await signing.form.getByRole('button', { name: 'Submit and sign' }).click();
    await expect(signing.form.getByRole('alert')).toHaveText('Draw your signature before signing.');
    await signing.drawSignature();
    await page.screenshot({ path: shot('signing'), fullPage: true });
    await signing.form.getByRole('button', { name: 'Submit and sign' }).click();
    const sheet = page.getByRole('article', { name: 'Signed document' });
    await expect(sheet).toContainText('I, Maria Lopez, of 1 Old Street');
    await expect(sheet.getByRole('status', { name: 'Hash check' })).toContainText(
      'Content hash verified',
    );
    await expect(sheet).toContainText('2027-02-15');
    await expect(page.getByRole('button', { name: 'Print / Save as PDF' })).toBeVisible();
    await page.screenshot({ path: shot('signed'), fullPage: true });

    // 30 days before expiry: the reminder reaches the notifications.
    await page.clock.setSystemTime(at('2027-01-16'));
    await shell.refreshNow();
    await shell.nav('Notifications').click();
    const delivered = page.getByRole('list', { name: 'Delivered notifications' });
    await expect(delivered).toContainText('Maria Lopez: NDA expires in 30 days');
    await expect(delivered).toContainText('Your NDA expires in 30 days. Please review and renew.');
    await shell.refreshNow();
    await expect(
      delivered.getByRole('listitem').filter({ hasText: 'Maria Lopez: NDA expires in 30 days' }),
    ).toHaveCount(1);
    // The admins' 30-day item is listed too, once; on the desktop it waits for the weekly digest.
    await expect(
      delivered.getByRole('listitem').filter({ hasText: "Maria Lopez's NDA expires in 30 days" }),
    ).toHaveCount(1);

    // The template gains a field (version 2) and the worker's profile changes.
    await shell.nav('Documents').click();
    await documents.tab('Templates').click();
    await page.getByRole('list', { name: 'Templates' }).getByRole('link', { name: /NDA/ }).click();
    const edit = new TemplateFormScreen(page, 'Edit as a new version');
    await edit.addField('Tax ID', 'Tax ID');
    await edit.form.getByRole('button', { name: 'Save as new version' }).click();
    await expect(page.getByRole('list', { name: 'Versions' })).toContainText('Version 2 (latest)');
    await page.screenshot({ path: shot('template-versions'), fullPage: true });

    await worker.open('Maria Lopez');
    await worker.profile.getByLabel('Address').fill('9 New Road');
    await worker.profile.getByLabel('Tax ID').fill('TX-42');
    await worker.profile.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible();
    // The signed NDA keeps what was signed.
    await expect(worker.document('Signed')).toContainText('version 1');

    // Expiry: archived, and a new required instance from version 2 with the current profile.
    await page.clock.setSystemTime(at('2027-02-15'));
    await shell.refreshNow();
    await expect(worker.document('Archived')).toContainText('Expired 2027-02-15');
    await expect(worker.document('To sign')).toContainText('version 2');
    await expect(worker.badge()).toHaveText('In grace');
    await expect(worker.banner()).toContainText('Your NDA has expired. Renew within 7 days.');
    await page.screenshot({ path: shot('worker-grace'), fullPage: true });

    await worker.document('To sign').getByRole('link').click();
    await expect(signing.form.getByLabel('Address')).toHaveValue('9 New Road');
    await expect(signing.form.getByLabel('Tax ID')).toHaveValue('TX-42');
    await expect(
      page.getByRole('list', { name: 'Renewal chain' }).getByRole('listitem'),
    ).toHaveCount(2);

    // Past the grace period: blocked, everywhere the worker appears.
    await page.clock.setSystemTime(at('2027-02-22'));
    await shell.refreshNow();
    await worker.open('Maria Lopez');
    await expect(worker.badge()).toHaveText('Blocked');
    await expect(worker.banner()).toContainText('blocked from job assignment until it is renewed');
    await page.screenshot({ path: shot('worker-blocked'), fullPage: true });
    await documents.tab('Compliance').click();
    await expect(
      page.getByRole('list', { name: 'Compliance by worker' }).getByRole('listitem'),
    ).toContainText('Blocked');
    await page.screenshot({ path: shot('compliance'), fullPage: true });

    // Re-signing lifts the block.
    await worker.open('Maria Lopez');
    await worker.document('Draft').getByRole('link').click();
    await signing.sign('Maria Lopez');
    await expect(page.getByRole('article', { name: 'Signed document' })).toContainText('TX-42');
    await worker.open('Maria Lopez');
    await expect(worker.badge()).toHaveText('Valid');
    await expect(worker.banner()).toHaveCount(0);
    await expect(worker.document('Signed')).toContainText('expires 2028-02-22');

    // The renewals queue knows the document and the worker's name.
    await shell.nav('Renewals queue').click();
    await page.getByLabel('Days window').selectOption({ label: 'Any time' });
    await expect(page.getByRole('table', { name: 'Renewals' })).toContainText('Maria Lopez');
    await page.screenshot({ path: shot('queue'), fullPage: true });
  });
});
