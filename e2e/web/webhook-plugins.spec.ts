import type { ServerResponse } from 'node:http';
import { expect, test } from '@playwright/test';
import {
  json,
  testServer,
  type Received,
  type TestServer,
} from '../../server/net/hostile-servers.test-support';
import { AppShell, CustomersScreen } from './pages';
import { CustomerPoliciesPanel, PlansScreen, PolicyScreen } from './policies-pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const at = (date: string) => new Date(`${date}T09:00:00Z`);

let hook: TestServer | undefined;
test.afterEach(async () => {
  await hook?.close();
  hook = undefined;
});

/** A plugin webhook on 127.0.0.1 that lets the page call it (CORS) and answers `current`. */
async function pluginHook() {
  let current: (res: ServerResponse) => void = json({});
  const server = await testServer((res: ServerResponse, got: Received) => {
    res.setHeader('access-control-allow-origin', '*');
    if (got.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type, idempotency-key',
      });
      return void res.end();
    }
    current(res);
  });
  hook = server;
  return {
    ...server,
    answer: (next: (res: ServerResponse) => void) => (current = next),
    keys: () =>
      server.received.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key']),
  };
}

test('a webhook plugin on this computer needs the office’s allow-list; what it discards can be reactivated', async ({
  page,
}) => {
  const server = await pluginHook();
  await page.clock.install({ time: at('2026-10-01') });
  const shell = new AppShell(page);
  const plans = new PlansScreen(page);
  const customers = new CustomersScreen(page);
  const panel = new CustomerPoliciesPanel(page);
  const policy = new PolicyScreen(page);
  const office = page.getByRole('form', { name: 'Office settings' });
  const hosts = office.getByLabel('Allowed private webhook hosts');

  // A plan whose plugin is a webhook on 127.0.0.1, a customer on it, and a policy.
  await plans.open();
  await plans.form.getByLabel('Webhook URL').fill(server.url);
  await plans.create({ name: 'Yearly', create: '60', accept: '30', issue: '7', months: '12' });
  await expect(plans.plans).toContainText('plugins: renewal notice, webhook');
  await customers.open();
  await customers.add('Acme Ltd');
  await panel.choosePlan('Yearly');
  await panel.add({ number: 'P-7', product: 'Fleet', start: '2026-01-01', end: '2027-01-01' });
  await panel.policies.getByRole('link', { name: /P-7/ }).click();
  await expect(page.getByRole('heading', { name: 'Policy P-7', level: 1 })).toBeVisible();
  const policyUrl = page.url();

  // At the create trigger the browser refuses to call this computer: the reason is shown.
  await page.clock.setSystemTime(at('2026-11-02'));
  await shell.refreshNow();
  const stopped = page.getByRole('alert').filter({ hasText: 'Stopped by an error' });
  await expect(stopped).toContainText(
    `webhook ${server.url} failed at create: The webhook host 127.0.0.1 is a loopback address (the computer making the call). NoLapse calls only public internet addresses unless the office allows the host in Settings, under “Allowed private webhook hosts”. Edit the trigger times`,
  );
  expect(server.keys()).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/webhook-refused.png', fullPage: true });

  // Settings: a whole URL is refused with what to change, and stays in the box; a host is saved.
  await page.goto('/#/settings');
  await hosts.fill(`crm.agency.internal\n${server.url}`);
  await office.getByRole('button', { name: 'Save settings' }).click();
  await expect(office.getByText(`Enter only the host of “${server.url}”`)).toBeVisible();
  await expect(hosts).toHaveValue(`crm.agency.internal\n${server.url}`);
  await hosts.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/webhook-hosts-error.png' });
  await hosts.fill('crm.agency.internal\n127.0.0.1');
  await office.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await page.reload();
  await expect(hosts).toHaveValue('crm.agency.internal\n127.0.0.1');
  await hosts.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/webhook-hosts.png' });

  // Back on the policy: saving the times unchanged makes it active; the plugin now discards it.
  server.answer(json({ autoRenewalState: 'discarded' }));
  await page.goto(policyUrl);
  await page.getByRole('button', { name: 'Save trigger times' }).click();
  await expect(stopped).toHaveCount(0);
  await shell.refreshNow();
  const discarded = page.getByRole('status').filter({ hasText: 'Discarded by a plugin' });
  await expect(discarded).toContainText(`webhook ${server.url} answered “discarded”`);
  await expect(policy.action('Reactivate')).toBeEnabled();
  await page.screenshot({ path: 'test-results/screens/webhook-discarded.png', fullPage: true });

  // Reactivated, the plugin is asked again under a new Idempotency-Key; now the renewal is drafted.
  server.answer(json({}));
  await policy.action('Reactivate').click();
  await expect(discarded).toHaveCount(0);
  await shell.refreshNow();
  await expect(policy.transaction(/draft/)).toContainText('created automatically');
  await expect(policy.trigger('Create')).toContainText('fired 2026-11-02');
  const arKey = (round: number) =>
    expect.stringMatching(new RegExp(`:create:2026-11-02T00:00:00\\.000Z:${round}$`));
  expect(server.keys()).toEqual([arKey(2), arKey(3)]);
});
