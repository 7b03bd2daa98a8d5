import { expect, test } from '@playwright/test';
import { AcknowledgeDialog, NotificationsScreen } from './acknowledge-pages';
import { AppShell, CustomerScreen, CustomersScreen, QueueScreen } from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const at = (date: string) => new Date(`${date}T09:00:00Z`);

test.describe('acknowledging renewals: snooze, in progress, escalation', () => {
  test('a reminder snoozed from the queue is skipped while snoozed and arrives when it ends', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-02-13') });
    const shell = new AppShell(page);
    const customer = new CustomerScreen(page);
    const queue = new QueueScreen(page);
    const notifications = new NotificationsScreen(page);
    const dialog = new AcknowledgeDialog(page);

    await new CustomersScreen(page).open();
    await new CustomersScreen(page).add('Ayşe Demir');
    await customer.fillRenewal({ dueDate: '2026-03-15' });
    await customer.submitRenewal();
    await expect(customer.timeline).toContainText('(30 days alert)');

    await queue.open();
    await queue.rows
      .nth(0)
      .getByRole('button', { name: 'Snooze Residence permit for Ayşe Demir' })
      .click();
    await expect(dialog.dialog).toBeVisible();
    await expect(dialog.dialog.getByRole('heading')).toHaveText(
      'Snooze residence permit for Ayşe Demir',
    );
    // A day already past is explained, and what was typed stays.
    await dialog.snoozeUntil('2026-02-10', 'Client abroad until March');
    await expect(dialog.dialog.getByRole('alert')).toHaveText(
      'Choose a day after today (2026-02-13): reminders resume on that day.',
    );
    await expect(dialog.field('Note (optional)')).toHaveValue('Client abroad until March');
    await dialog.field('Resume reminders on').fill('2026-03-04');
    await page.screenshot({ path: 'test-results/screens/acknowledge-snooze-dialog.png' });
    await dialog.button('Snooze').click();
    await dialog.closed();
    await expect(
      page.getByRole('status').filter({ hasText: 'Reminders snoozed until 2026-03-04.' }),
    ).toBeVisible();
    await expect(queue.rows.nth(0)).toContainText('Snoozed until 2026-03-04');

    // T14 comes during the snooze: on the timeline, but nobody is told.
    await page.clock.setSystemTime(at('2026-03-01'));
    await shell.refreshNow();
    await expect(queue.rows.nth(0)).toContainText('In 14 days');
    await expect(queue.rows.nth(0)).toContainText('Snoozed until 2026-03-04');
    await notifications.open();
    await expect(notifications.items).toHaveCount(1);
    await expect(notifications.items.nth(0)).toContainText('(30 days alert)');

    // The snooze ends: the held T14 reminder arrives, once.
    await page.clock.setSystemTime(at('2026-03-04'));
    await shell.refreshNow();
    await expect(notifications.items).toHaveCount(2);
    const t14 = notifications.item('Ayşe Demir: Residence permit due in 14 days (14 days alert)');
    await expect(t14).toBeVisible();
    await shell.refreshNow();
    await expect(notifications.items).toHaveCount(2);

    // Snoozed again from the notice itself, then cleared on the customer's page.
    await t14.getByRole('button', { name: 'Snooze 1 week' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Reminders snoozed until 2026-03-11.' }),
    ).toBeVisible();
    await expect(t14).toContainText('Snoozed until 2026-03-11');
    await page.screenshot({ path: 'test-results/screens/acknowledge-notifications.png' });
    await t14.getByRole('link').click();
    const renewal = customer.renewal('due 2026-03-15');
    await expect(renewal).toContainText('Snoozed until 2026-03-11');
    await expect(renewal).toContainText('Reminders resume on 2026-03-11');
    await renewal.getByRole('button', { name: 'Clear snooze' }).click();
    await expect(renewal).not.toContainText('Snoozed until');
    await expect(renewal.getByRole('button', { name: 'Snooze…' })).toBeVisible();
    await expect(customer.timeline).toContainText(
      'Snooze until 2026-03-11 cleared: reminders resumed',
    );
    await expect(customer.timeline).toContainText(
      'Snooze until 2026-03-04 ended: reminders resumed',
    );
  });

  test('in progress keeps its label through OVERDUE and holds escalation; what nobody acknowledged reaches the supervisors', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-03-01') });
    const shell = new AppShell(page);
    const customer = new CustomerScreen(page);
    const queue = new QueueScreen(page);
    const notifications = new NotificationsScreen(page);
    const dialog = new AcknowledgeDialog(page);

    // The office escalates after three days; a number the rules refuse is explained.
    await page.goto('/#/settings');
    const settings = page.getByRole('form', { name: 'Office settings' });
    await settings.getByLabel('Escalate after (days)').fill('abc');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings.getByRole('alert')).toHaveText('Enter a number of days from 1 to 30.');
    await expect(settings.getByLabel('Escalate after (days)')).toHaveValue('abc');
    await settings.getByLabel('Escalate after (days)').fill('3');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

    await new CustomersScreen(page).open();
    await new CustomersScreen(page).add('Mehmet Yılmaz');
    for (const [service, dueDate] of [
      ['Residence permit', '2026-03-15'],
      ['Work permit', '2026-03-20'],
      ['Insurance policy', '2026-04-30'],
    ] as const) {
      await customer.fillRenewal({ service, dueDate });
      await customer.submitRenewal();
      await expect(customer.renewal(`due ${dueDate}`)).toBeVisible();
    }

    await queue.open();
    await expect(queue.rows).toHaveCount(3);
    const residence = queue.rows.filter({ hasText: '2026-03-15' });
    await residence.getByRole('button', { name: /^Mark Residence permit .* in progress$/ }).click();
    await dialog.button('Mark in progress').click();
    await expect(dialog.dialog.getByRole('alert')).toContainText('Say what is under way');
    await dialog.field('What is under way').fill('Application filed on 1 March');
    await page.screenshot({ path: 'test-results/screens/acknowledge-in-progress-dialog.png' });
    await dialog.button('Mark in progress').click();
    await dialog.closed();
    await expect(residence).toContainText('In progress');
    await expect(residence).toContainText('Application filed on 1 March');

    const insurance = queue.rows.filter({ hasText: '2026-04-30' });
    await insurance.getByRole('button', { name: /^Snooze/ }).click();
    await dialog.dialog.getByRole('button', { name: '2 weeks' }).click();
    await expect(dialog.field('Resume reminders on')).toHaveValue('2026-03-15');
    await dialog.button('Snooze').click();
    await dialog.closed();
    await expect(insurance).toContainText('Snoozed until 2026-03-15');
    await page.screenshot({ path: 'test-results/screens/acknowledge-queue.png' });

    // In progress still turns OVERDUE on its due date, keeping its label.
    await page.clock.setSystemTime(at('2026-03-16'));
    await shell.refreshNow();
    await expect(residence).toContainText('Overdue');
    await expect(residence).toContainText('In progress');
    await expect(insurance).not.toContainText('Snoozed');

    // The work permit's URGENT task (from 2026-03-16) escalates after three days, not before;
    // the residence permit, overdue but in progress, does not escalate at all.
    await page.clock.setSystemTime(at('2026-03-18'));
    await shell.refreshNow();
    await notifications.open();
    await expect(notifications.item('escalated')).toHaveCount(0);
    await page.clock.setSystemTime(at('2026-03-19'));
    await shell.refreshNow();
    await expect(notifications.item('escalated')).toHaveCount(1);
    await expect(notifications.item('escalated')).toContainText(
      'Mehmet Yılmaz: Work permit due 2026-03-20: urgent task open 3 days, escalated to the supervisors',
    );
    await page.screenshot({ path: 'test-results/screens/acknowledge-escalated.png' });
    await shell.refreshNow();
    await expect(notifications.item('escalated')).toHaveCount(1);

    await notifications.item('escalated').getByRole('link').click();
    await expect(customer.tasks).toContainText(
      'Follow up: work permit due 2026-03-20, urgent task with Me for 3 days',
    );
    await expect(customer.timeline).toContainText('Escalated');
    await expect(customer.renewal('due 2026-03-15')).toContainText(
      'In progress since 2026-03-01: “Application filed on 1 March”',
    );
    await page.screenshot({
      path: 'test-results/screens/acknowledge-customer.png',
      fullPage: true,
    });
  });
});
