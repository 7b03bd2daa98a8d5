import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CustomerScreen, CustomersScreen } from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

/**
 * A full disk, for real: Chromium's DevTools protocol lowers this origin's storage quota so the
 * next IndexedDB write fails with the browser's own QuotaExceededError, exactly as on a full
 * disk. Chromium reads an origin's quota when a browser session first opens its storage, so
 * the test keeps the app's data in a profile of its own and reopens it under the lower quota:
 * room for what the app writes on opening, not for a renewal with long notes.
 */
test('a write that fails for lack of space says what to do, and the form keeps what was typed', async ({
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const profile = mkdtempSync(join(tmpdir(), 'nolapse-storage-full-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      ...test.info().project.use.launchOptions,
      baseURL: baseURL!,
      timezoneId: 'UTC',
      locale: 'en-GB',
      viewport: { width: 1360, height: 860 },
    });
  const open = async (context: BrowserContext, url: string): Promise<Page> => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.clock.install({ time: new Date('2026-03-01T09:00:00Z') });
    await page.goto(url);
    return page;
  };
  let context = await launch();
  try {
    const first = await open(context, '/#/customers');
    await new CustomersScreen(first).add('Elif Kaya');
    const customerUrl = first.url();
    const cdp = await context.newCDPSession(first);
    const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin });
    await context.close();

    context = await launch();
    const quota = await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
    await quota.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 20_000 });
    const page = await open(context, customerUrl);
    const customer = new CustomerScreen(page);
    await expect(page.getByRole('heading', { name: 'Elif Kaya', level: 1 })).toBeVisible();

    const notes = `Called the consulate on 1 March. ${'Documents: passport, photos, lease. '.repeat(270)}`;
    await customer.fillRenewal({ dueDate: '2026-06-30', notes, policyId: 'pol_9' });
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
    await quota.send('Storage.overrideQuotaForOrigin', { origin });
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await customer.submitRenewal();
    await expect(customer.renewal('due 2026-06-30')).toBeVisible();
    await page.reload();
    await expect(customer.renewal('due 2026-06-30')).toBeVisible();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
