import { expect, test } from '@playwright/test';
import {
  AppShell,
  CompleteDialog,
  CustomerScreen,
  CustomersScreen,
  QueueScreen,
  TasksScreen,
} from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const at = (date: string) => new Date(`${date}T09:00:00Z`);

test.describe('working renewals, end to end in web mode', () => {
  test('completing a permit renewal from the queue records the new permit and its next renewal', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-05-01') });
    const customers = new CustomersScreen(page);
    const customer = new CustomerScreen(page);
    const queue = new QueueScreen(page);
    const dialog = new CompleteDialog(page);
    await customers.open();
    await customers.add('Elif Kaya');
    const permits = page.getByRole('form', { name: 'Add permit' });
    await permits.getByLabel('Permit', { exact: true }).selectOption({ label: 'Work permit' });
    await permits.getByLabel('Number').fill('WP-2025-11');
    await permits.getByLabel('State').selectOption('ISSUED');
    await permits.getByLabel('Expires on').fill('2026-05-20');
    await permits.getByRole('button', { name: 'Add permit' }).click();
    await expect(customer.renewal('due 2026-05-20')).toContainText('Work permit');

    await queue.open();
    await queue.rows
      .nth(0)
      .getByRole('button', { name: /^Complete/ })
      .click();
    await expect(dialog.dialog).toContainText('The new work permit (replaces WP-2025-11)');
    // A wrong expiry is explained and the number typed stays.
    await dialog.field('New permit number').fill('WP-2026-04');
    await dialog.field('New expiry').fill('2026-05-01');
    await dialog.confirm();
    await expect(dialog.dialog.getByRole('alert')).toHaveText(
      'The next expiry must be after 2026-05-20, the date being renewed.',
    );
    await expect(dialog.field('New permit number')).toHaveValue('WP-2026-04');
    await page.screenshot({ path: 'test-results/screens/complete-permit-dialog.png' });
    await dialog.field('New expiry').fill('2028-05-20');
    await dialog.confirm();
    await expect(
      page.getByRole('status').filter({ hasText: 'Next renewal due 2028-05-20' }),
    ).toBeVisible();
    await expect(dialog.dialog).toBeHidden();

    await page.getByLabel('Days window').selectOption({ label: 'Any time' });
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.rows.nth(0)).toContainText('2028-05-20');
    await queue.rows.nth(0).getByRole('link', { name: 'Elif Kaya' }).click();
    await expect(page.getByLabel('State of permit WP-2026-04')).toHaveValue('ISSUED');
    await expect(customer.renewal('due 2026-05-20')).toContainText('Completed');
    await expect(customer.timeline).toContainText('Work permit renewed');
  });

  test('"no next renewal" is a choice people make, not a default', async ({ page }) => {
    await page.clock.install({ time: at('2026-05-01') });
    const customers = new CustomersScreen(page);
    const customer = new CustomerScreen(page);
    const dialog = new CompleteDialog(page);
    await customers.open();
    await customers.add('One-off Ltd');
    await customer.fillRenewal({ service: 'Work permit', dueDate: '2026-06-01' });
    await customer.submitRenewal();
    await customer.renewal('due 2026-06-01').getByRole('button', { name: 'Complete' }).click();
    await expect(dialog.field('Next due date')).toHaveValue('');
    await dialog.confirm();
    await expect(dialog.dialog.getByRole('alert')).toContainText('Enter a real date');
    await dialog.noNextRenewal();
    await dialog.confirm();
    await expect(page.getByRole('status').filter({ hasText: 'Nothing follows.' })).toBeVisible();
    await expect(customer.renewal('due 2026-06-01')).toContainText('Completed');
    await expect(customer.renewals.getByRole('listitem')).toHaveCount(1);
  });

  test('tasks open on mine, can be handed over with a note, and marked done', async ({ page }) => {
    await page.clock.install({ time: at('2026-03-01') });
    const shell = new AppShell(page);
    const customers = new CustomersScreen(page);
    const customer = new CustomerScreen(page);
    const tasks = new TasksScreen(page);

    await page.goto('/#/settings');
    const office = page.getByRole('form', { name: 'Office settings' });
    await office.getByLabel('Staff member 1').fill('Ayşe');
    await office.getByRole('button', { name: '+ Add staff member' }).click();
    await office.getByLabel('Staff member 2').fill('Mehmet');
    await office.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
    await page.getByLabel('Used by').selectOption({ label: 'Ayşe' });
    await expect(shell.page.getByLabel('Who uses this device')).toHaveText('You: Ayşe');

    await customers.open();
    await customers.add('Can Yılmaz');
    await customer.fillRenewal({ service: 'Work permit', dueDate: '2026-03-06' });
    await customer.submitRenewal();
    // The form clears once the first is saved: fill the second only then.
    await expect(customer.renewals.getByRole('listitem')).toHaveCount(1);
    await customer.fillRenewal({ service: 'Residence permit', dueDate: '2026-03-12' });
    await customer.submitRenewal();
    await expect(customer.renewals.getByRole('listitem')).toHaveCount(2);

    await tasks.open();
    await expect(page.getByLabel('Assignee')).toHaveValue('mine');
    await expect(tasks.list.getByRole('listitem')).toHaveCount(2);
    // URGENT (7 days) before HIGH (14 days).
    await expect(tasks.list.getByRole('listitem').nth(0)).toContainText('URGENT');
    await expect(tasks.list.getByRole('listitem').nth(1)).toContainText('HIGH');
    await page.screenshot({ path: 'test-results/screens/tasks.png' });

    const high = tasks.task('HIGH');
    await high.getByRole('button', { name: /^Reassign/ }).click();
    const form = high.getByRole('form', { name: /^Reassign/ });
    await form.getByLabel('To').selectOption({ label: 'Mehmet' });
    await form.getByLabel('Note').fill('Mehmet filed the application');
    await form.getByRole('button', { name: 'Reassign' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Now with Mehmet.' })).toBeVisible();
    await expect(tasks.list.getByRole('listitem')).toHaveCount(1);
    await page.getByLabel('Assignee').selectOption({ label: 'Mehmet' });
    await expect(tasks.list.getByRole('listitem')).toHaveCount(1);
    await expect(tasks.list).toContainText('Mehmet');

    await page.getByLabel('Assignee').selectOption({ label: 'Everyone' });
    await tasks
      .task('URGENT')
      .getByRole('button', { name: /^Mark done/ })
      .click();
    await expect(tasks.list.getByRole('listitem')).toHaveCount(1);

    await page.goto('/#/customers');
    await page.getByRole('link', { name: /Can Yılmaz/ }).click();
    await expect(customer.timeline).toContainText('now with Mehmet (was Ayşe)');
    await expect(customer.timeline).toContainText('Mehmet filed the application');
  });
});
