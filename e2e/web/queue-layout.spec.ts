import { expect, test, type Locator } from '@playwright/test';
import { CustomerScreen, CustomersScreen, QueueScreen } from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB', viewport: { width: 1280, height: 800 } });

/** What the test reads of the page's scrolling elements (the e2e code has no DOM types). */
type Scroller = { scrollWidth: number; clientWidth: number };

/** The box of `locator` as the user sees it; fails the test when it is not rendered. */
async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found, 'the element is rendered').not.toBeNull();
  return found!;
}

test.describe('the renewals queue on laptop-sized windows', () => {
  test('shows every row action whole inside the table, with no sideways scrolling', async ({
    page,
  }) => {
    await page.clock.install({ time: new Date('2026-01-29T09:00:00Z') });
    const customers = new CustomersScreen(page);
    const customer = new CustomerScreen(page);
    const queue = new QueueScreen(page);
    // Names and notes long enough to fill their columns.
    for (const [name, service, dueDate] of [
      ['Maximilian Alexander Konstantinopoulos-Wertheimer', 'Insurance policy', '2025-10-02'],
      ['Ayşe Gülşen Demirkıran-Öztürkmenoğlu', 'Residence permit', '2026-02-10'],
    ]) {
      await customers.open();
      await customers.add(name!);
      await customer.fillRenewal({
        service,
        dueDate: dueDate!,
        notes: 'Needs the new employer letter, the signed form and a copy of the current passport',
      });
      await customer.submitRenewal();
      await expect(customer.renewal(`due ${dueDate}`)).toBeVisible();
    }

    await queue.open();
    await expect(queue.rows).toHaveCount(2);
    const table = page.getByRole('table', { name: 'Renewals' });
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1366, height: 768 },
      { width: 1024, height: 768 },
    ]) {
      await test.step(`${viewport.width}x${viewport.height}`, async () => {
        await page.setViewportSize(viewport);
        const complete = queue.rows
          .nth(0)
          .getByRole('button', { name: /^Complete insurance policy for Maximilian/i });
        await expect(complete).toBeVisible();
        const tableBox = await box(table);
        const buttonBox = await box(complete);
        expect(buttonBox.x).toBeGreaterThanOrEqual(tableBox.x);
        expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(tableBox.x + tableBox.width);
        expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(viewport.width);
        // Every action of the row, not only the last, lies inside the table.
        for (const action of await queue.rows.nth(0).getByRole('button').all()) {
          const actionBox = await box(action);
          expect(actionBox.x).toBeGreaterThanOrEqual(tableBox.x);
          expect(actionBox.x + actionBox.width).toBeLessThanOrEqual(tableBox.x + tableBox.width);
        }
        const sideways = await page
          .locator('html, .content')
          .evaluateAll((scrollers) =>
            (scrollers as unknown as Scroller[]).some((s) => s.scrollWidth > s.clientWidth),
          );
        expect(sideways, 'the page scrolls sideways').toBe(false);
      });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: 'test-results/screens/queue-1280.png' });
  });
});
