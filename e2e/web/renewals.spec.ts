import { expect, test } from '@playwright/test';
import { AppShell, CompleteDialog, CustomerScreen, CustomersScreen, QueueScreen } from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const at = (date: string) => new Date(`${date}T09:00:00Z`);

test.describe('renewals, end to end in web mode', () => {
  test('from a new customer to an overdue renewal and its successor, surviving a reload', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-01-29') });
    const shell = new AppShell(page);
    const customers = new CustomersScreen(page);
    const customer = new CustomerScreen(page);
    const queue = new QueueScreen(page);

    await customers.open();
    await customers.add('Ayşe Demir');
    expect(await shell.today()).toBe('2026-01-29');

    // A bad due date is explained and nothing typed is lost.
    await customer.fillRenewal({
      dueDate: '2026-02-30',
      notes: 'Standard 1-year permit',
      repeats: 'Every year',
      policyId: 'pol_abc123',
    });
    await customer.submitRenewal();
    await expect(customer.renewalForm.getByRole('alert')).toHaveText(
      'Enter a real date as YYYY-MM-DD, for example 2026-03-15.',
    );
    await expect(customer.renewalForm.getByLabel('Notes')).toHaveValue('Standard 1-year permit');
    await expect(customer.renewalForm.getByLabel('Policy id')).toHaveValue('pol_abc123');
    await expect(customer.renewalForm.getByLabel('Repeats')).toHaveValue('FREQ=YEARLY;INTERVAL=1');

    await customer.renewalForm.getByLabel('Due date').fill('2026-03-15');
    await customer.submitRenewal();
    await expect(customer.renewal('due 2026-03-15')).toContainText('In 45 days');
    await expect(customer.renewal('due 2026-03-15')).toContainText('Repeats every year');
    // Created 45 days out, it fires T60 only.
    await expect(customer.timeline.getByRole('listitem')).toHaveCount(1);
    await expect(customer.timeline).toContainText(
      'Residence permit due in 45 days (60 days alert)',
    );

    await customer.fillRenewal({ service: 'Work permit', dueDate: '2026-04-20' });
    await customer.submitRenewal();
    await expect(customer.renewal('due 2026-04-20')).toBeVisible();

    await queue.open();
    await expect(queue.rows).toHaveCount(2);
    await expect(queue.rows.nth(0)).toContainText('2026-03-15');
    await expect(queue.rows.nth(1)).toContainText('2026-04-20');
    await expect(queue.bucket('≤ 90 days')).toHaveText('2');
    await page.screenshot({ path: 'test-results/screens/queue-early.png' });

    // T14: the scheduler's daily tick (time passing, no click) runs the refresh.
    await page.clock.fastForward('30:00:00');
    await page.clock.setSystemTime(at('2026-03-01'));
    await page.clock.runFor(61_000);
    await expect(page.getByLabel('Today').locator('strong')).toHaveText('2026-03-01');
    await page.getByRole('link', { name: 'Ayşe Demir' }).first().click();
    await expect(customer.tasks).toContainText('HIGH');
    await expect(customer.timeline).toContainText('(14 days alert)');

    // T7 by "Refresh now".
    await page.clock.setSystemTime(at('2026-03-08'));
    await shell.refreshNow();
    await expect(customer.tasks.getByRole('listitem')).toHaveCount(2);
    await expect(customer.tasks).toContainText('URGENT');

    // Past the due date: OVERDUE with the compliance flag, first in the queue.
    await page.clock.setSystemTime(at('2026-03-16'));
    await shell.refreshNow();
    await expect(customer.renewal('due 2026-03-15')).toContainText('Overdue · 1 day overdue');
    await expect(customer.renewal('due 2026-03-15')).toContainText('Compliance flag');
    await expect(shell.nav('Renewals queue')).toContainText('1');
    await queue.open();
    await expect(queue.rows.nth(0)).toContainText('Overdue');
    await expect(queue.rows.nth(0)).toContainText('1 day overdue');
    await expect(queue.bucket('Overdue')).toHaveText('1');
    await page.screenshot({ path: 'test-results/screens/queue-overdue.png' });

    // Completing it asks what comes next; its repeat rule suggests next year.
    await queue.rows
      .nth(0)
      .getByRole('button', { name: /^Complete/ })
      .click();
    const dialog = new CompleteDialog(page);
    await expect(dialog.field('Next due date')).toHaveValue('2027-03-15');
    await dialog.confirm();
    await expect(
      page.getByRole('status').filter({ hasText: 'Next renewal due 2027-03-15' }),
    ).toBeVisible();
    await expect(queue.rows).toHaveCount(1);
    await queue.page.getByLabel('Days window').selectOption({ label: 'Any time' });
    await expect(queue.rows).toHaveCount(2);
    await expect(queue.rows.nth(1)).toContainText('2027-03-15');

    // Everything survives a reload.
    await page.reload();
    await expect(queue.rows).toHaveCount(1);
    await page.goto('/#/customers');
    await page.getByRole('link', { name: /Ayşe Demir/ }).click();
    await expect(customer.renewal('due 2026-03-15')).toContainText('Completed');
    await expect(customer.renewal('due 2027-03-15')).toContainText('In 364 days');
    await expect(customer.timeline).toContainText('Residence permit renewed');
    await page.screenshot({ path: 'test-results/screens/customer.png', fullPage: true });

    await shell.nav('Notifications').click();
    await expect(
      page.getByRole('list', { name: 'Delivered notifications' }).getByRole('listitem'),
    ).toHaveCount(6);
  });

  test('an approved residence permit creates its renewal automatically', async ({ page }) => {
    await page.clock.install({ time: at('2026-05-01') });
    const customers = new CustomersScreen(page);
    await customers.open();
    await customers.add('John Smith');
    const permits = page.getByRole('form', { name: 'Add permit' });
    await permits.getByLabel('Number').fill('RP-2026-77');
    await permits.getByLabel('Expires on').fill('2026-06-20');
    await permits.getByRole('button', { name: 'Add permit' }).click();
    const customer = new CustomerScreen(page);
    await expect(page.getByText('No renewals yet.')).toBeVisible();
    await page.getByLabel('State of permit RP-2026-77').selectOption('APPROVED');
    await expect(customer.renewal('due 2026-06-20')).toContainText('Residence permit');
    await expect(customer.timeline).toContainText('(60 days alert)');
    await expect(
      page.getByRole('status').filter({ hasText: 'Renewal due 2026-06-20 created' }),
    ).toBeVisible();

    // A work permit gets its renewal when issued; approving it says so.
    await permits.getByLabel('Permit', { exact: true }).selectOption({ label: 'Work permit' });
    await permits.getByLabel('Number').fill('WP-5');
    await permits.getByLabel('Expires on').fill('2027-04-30');
    await permits.getByRole('button', { name: 'Add permit' }).click();
    await page.getByLabel('State of permit WP-5').selectOption('APPROVED');
    await expect(page.getByRole('status').filter({ hasText: 'once it is issued' })).toBeVisible();
    await page.getByLabel('State of permit WP-5').selectOption('ISSUED');
    await expect(customer.renewal('due 2027-04-30')).toContainText('Work permit');
  });

  test('a new customer without a name is explained and the typed email stays', async ({ page }) => {
    const customers = new CustomersScreen(page);
    await customers.open();
    const form = page.getByRole('form', { name: 'New customer' });
    await form.getByLabel('Email').fill('ayse@example.com');
    await form.getByRole('button', { name: 'Add customer' }).click();
    await expect(form.getByRole('alert')).toHaveText('Enter the customer’s full name.');
    await expect(form.getByLabel('Email')).toHaveValue('ayse@example.com');
    await page.screenshot({ path: 'test-results/screens/create-form-error.png' });
  });
});
