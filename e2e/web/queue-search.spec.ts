import { expect, test } from '@playwright/test';
import { CustomerScreen, CustomersScreen, QueueScreen } from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

test.describe('queue search, end to end in web mode', () => {
  test('finds customers by the beginning of a name word, typed without accents', async ({
    page,
  }) => {
    await page.clock.install({ time: new Date('2026-01-29T09:00:00Z') });
    const customers = new CustomersScreen(page);
    const customer = new CustomerScreen(page);
    const queue = new QueueScreen(page);
    for (const [name, dueDate] of [
      ['Jana Novák', '2026-03-15'],
      ['Petr Dvořák', '2026-02-20'],
      ['Ayşe Şahin', '2026-04-02'],
    ]) {
      await customers.open();
      await customers.add(name!);
      await customer.fillRenewal({ dueDate: dueDate! });
      await customer.submitRenewal();
      await expect(customer.renewal(`due ${dueDate}`)).toBeVisible();
    }

    await queue.open();
    await expect(queue.rows).toHaveCount(3);
    const search = page.getByRole('searchbox', { name: /Search names/ });
    await search.fill('novak');
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.rows.nth(0)).toContainText('Jana Novák');
    await expect(queue.bucket('≤ 90 days')).toHaveText('1');

    await search.fill('sahin');
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.rows.nth(0)).toContainText('Ayşe Şahin');

    // A first name and a surname's beginning, in any order.
    await search.fill('dvo petr');
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.rows.nth(0)).toContainText('Petr Dvořák');

    // Words are found by their beginning, not their middle.
    await search.fill('ovak');
    await expect(page.getByText('No renewals match these filters.')).toBeVisible();

    await search.fill('');
    await expect(queue.rows).toHaveCount(3);
    await expect(queue.rows.nth(0)).toContainText('Petr Dvořák');
  });
});
