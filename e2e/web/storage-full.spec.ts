import { expect, test } from '@playwright/test';
import { CustomerScreen, CustomersScreen } from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

/**
 * A full disk, for real: Chromium's DevTools protocol shrinks this origin's storage quota to
 * what it already uses, so the next IndexedDB write fails with the browser's own
 * QuotaExceededError, exactly as on a full disk.
 */
test('a write that fails for lack of space says what to do, and the form keeps what was typed', async ({
  page,
  context,
  baseURL,
}) => {
  await page.clock.install({ time: new Date('2026-03-01T09:00:00Z') });
  const customers = new CustomersScreen(page);
  const customer = new CustomerScreen(page);
  await customers.open();
  await customers.add('Elif Kaya');

  const notes = `Called the consulate on 1 March. ${'Documents: passport, photos, lease. '.repeat(200)}`;
  await customer.fillRenewal({ dueDate: '2026-06-30', notes, policyId: 'pol_9' });

  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  const used = await page.evaluate<number>(
    'navigator.storage.estimate().then((e) => e.usage ?? 0)',
  );
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: used });
  await customer.submitRenewal();

  const alert = page.locator('.toasts').getByRole('alert');
  await expect(alert).toContainText(
    'The disk is full, or the browser’s storage for NoLapse is used up. Free some space (empty the trash, remove large files you no longer need), then save again.',
  );
  await expect(alert).toContainText('Could not save');
  await expect(customer.renewalForm.getByLabel('Notes')).toHaveValue(notes);
  await expect(customer.renewalForm.getByLabel('Due date')).toHaveValue('2026-06-30');
  await expect(customer.renewalForm.getByLabel('Policy id')).toHaveValue('pol_9');
  await expect(customer.renewals.getByRole('listitem')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/storage-full.png' });

  // Space freed: the same form, untouched, saves.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await customer.submitRenewal();
  await expect(customer.renewal('due 2026-06-30')).toBeVisible();
  await page.reload();
  await expect(customer.renewal('due 2026-06-30')).toBeVisible();
});
