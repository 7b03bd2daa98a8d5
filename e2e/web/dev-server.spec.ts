import { expect, test } from '@playwright/test';

// `npm run web` serves the renderer through Vite's dev server, whose hot-reload scripts need a
// relaxed CSP; this checks the app still renders there and the page reports no errors.
test('the app renders on the dev server behind npm run web', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const devPort = Number(process.env.NOLAPSE_E2E_PORT ?? 4173) + 1;
  await page.goto(`http://127.0.0.1:${devPort}/#/queue`);
  await expect(page.getByRole('heading', { name: 'Renewals queue' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('No open renewals yet.')).toBeVisible();
  expect(errors).toEqual([]);
});
