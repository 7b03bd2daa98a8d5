import { expect, test, type Page } from '@playwright/test';
import { contentSecurityPolicy } from '../../main/content-security-policy';
import {
  AssignScreen,
  createTemplate,
  DocumentsScreen,
  SigningScreen,
  WorkerScreen,
} from './documents-pages';
import { CompleteDialog, CustomerScreen, CustomersScreen } from './pages';

/**
 * The desktop's production Content-Security-Policy (main/content-security-policy.ts), sent as a
 * header with the real app in Chromium: every screen works under it without a single
 * violation, so the policy allows what the app needs, and what it refuses is refused.
 */
test.use({ timezoneId: 'UTC', locale: 'en-GB' });

type Globals = { violations: string[] };

async function underDesktopPolicy(
  page: Page,
  policy = contentSecurityPolicy({ devServer: false }),
) {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': policy },
    });
  });
  await page.addInitScript(() => {
    const globals = globalThis as unknown as Globals & {
      document: { addEventListener(type: string, listener: (event: unknown) => void): void };
    };
    globals.violations = [];
    globals.document.addEventListener('securitypolicyviolation', (event) => {
      const e = event as {
        violatedDirective: string;
        blockedURI: string;
        sourceFile?: string;
        lineNumber?: number;
        sample?: string;
      };
      globals.violations.push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
      );
    });
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as Globals).violations);

test('every screen runs under the desktop CSP without a violation', async ({ page }) => {
  await underDesktopPolicy(page);
  await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
  const customers = new CustomersScreen(page);
  const customer = new CustomerScreen(page);
  await customers.open();
  await customers.add('Ayşe Demir');
  await customer.fillRenewal({ dueDate: '2026-03-10' });
  await customer.submitRenewal();
  await expect(customer.renewal('due 2026-03-10')).toBeVisible();
  // A dialog, and the renewal it completes.
  await customer.renewal('due 2026-03-10').getByRole('button', { name: 'Complete' }).click();
  const complete = new CompleteDialog(page);
  await complete.noNextRenewal();
  await complete.confirm();
  await expect(customer.renewal('due 2026-03-10')).toContainText('Completed');

  // A document signed with a drawn signature (a data: image), shown as signed.
  const documents = new DocumentsScreen(page);
  await documents.open();
  await documents.addWorker({ fullName: 'Maria Lopez' });
  await createTemplate(page, { name: 'NDA', model: 'signature', months: 12 });
  const assign = new AssignScreen(page);
  await assign.open();
  await assign.assign('NDA', ['Maria Lopez']);
  await expect(assign.results).toContainText('"NDA" assigned to Maria Lopez.');
  const worker = new WorkerScreen(page);
  await worker.open('Maria Lopez');
  await worker.document('NDA').getByRole('link').click();
  const signing = new SigningScreen(page);
  await signing.drawSignature();
  await signing.sign('Maria Lopez');
  await expect(page.getByRole('article', { name: 'Signed document' })).toBeVisible();
  await expect(
    page.getByRole('article', { name: 'Signed document' }).getByRole('img'),
  ).toBeVisible();

  for (const [route, heading] of [
    ['/#/queue', 'Renewals queue'],
    ['/#/tasks', 'Tasks'],
    ['/#/documents', 'Documents'],
    ['/#/policies', 'Policies'],
    ['/#/notifications', 'Notifications'],
    ['/#/settings', 'Settings'],
  ] as const) {
    await page.goto(route);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  }
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup' }).click();
  await download;
  expect(await violations(page)).toEqual([]);
});

test('the desktop CSP refuses inline script and WebSockets', async ({ page }) => {
  await underDesktopPolicy(page);
  await page.goto('/#/queue');
  await expect(page.getByRole('heading', { name: 'Renewals queue' })).toBeVisible();
  const refused = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      document: {
        createElement(tag: string): { textContent: string };
        body: { appendChild(node: unknown): void };
      };
      WebSocket: new (url: string) => unknown;
      ran?: boolean;
    };
    const script = g.document.createElement('script');
    script.textContent = 'globalThis.ran = true';
    g.document.body.appendChild(script);
    let socket = 'opened';
    try {
      new g.WebSocket('ws://localhost:1/');
    } catch {
      socket = 'refused';
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { inlineRan: g.ran === true, socket };
  });
  expect(refused.inlineRan).toBe(false);
  expect(await violations(page)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^script-src-elem inline /),
      expect.stringMatching(/^connect-src ws:\/\/localhost:1/),
    ]),
  );
});
