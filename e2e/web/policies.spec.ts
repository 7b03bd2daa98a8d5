import { expect, test } from '@playwright/test';
import { AppShell, CustomersScreen, QueueScreen } from './pages';
import { CustomerPoliciesPanel, PlansScreen, PolicyScreen } from './policies-pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const at = (date: string) => new Date(`${date}T09:00:00Z`);

test.describe('policies and auto-renewal, end to end in web mode', () => {
  test('a plan renews a policy automatically; Do not renew refuses a manual issue until reactivated', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-10-01') });
    const shell = new AppShell(page);
    const plans = new PlansScreen(page);
    const customers = new CustomersScreen(page);
    const panel = new CustomerPoliciesPanel(page);
    const policy = new PolicyScreen(page);
    const queue = new QueueScreen(page);

    // A plan: create 60, accept 30, issue 7 days before the term ends; yearly terms.
    await plans.open();
    await plans.create({ name: 'Yearly', create: '60', accept: '30', issue: '7', months: '12' });
    await expect(plans.plans).toContainText('Yearly');
    await expect(plans.plans).toContainText('create 60 d, accept 30 d, issue 7 d');

    // A customer on that plan, with a policy whose first term ends on 2027-01-01.
    await customers.open();
    await customers.add('Acme Ltd');
    await panel.choosePlan('Yearly');
    await panel.add({
      number: 'P-100',
      product: 'Commercial auto',
      start: '2026-01-01',
      end: '2027-01-01',
    });
    await expect(panel.policies).toContainText('term 1 ends 2027-01-01');
    await panel.policies.getByRole('link', { name: /P-100/ }).click();
    await expect(page.getByRole('heading', { name: 'Policy P-100', level: 1 })).toBeVisible();
    await expect(policy.trigger('Create')).toContainText('2026-11-02');
    await expect(policy.trigger('Create')).toContainText('next');
    await expect(policy.trigger('Issue')).toContainText('2026-12-25');

    // Create: the auto-renewal drafts the renewal.
    await page.clock.setSystemTime(at('2026-11-02'));
    await shell.refreshNow();
    await expect(policy.transaction(/draft/)).toContainText('created automatically');
    await expect(policy.trigger('Create')).toContainText('fired 2026-11-02 09:00');
    await expect(page.getByRole('list', { name: 'Plugin log' })).toContainText('renewal-notice');

    // Accept.
    await page.clock.setSystemTime(at('2026-12-02'));
    await shell.refreshNow();
    await expect(policy.transaction(/accepted/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/policies-accepted.png', fullPage: true });

    // Issue: term 2 exists, and term 2 has its own auto-renewal.
    await page.clock.setSystemTime(at('2026-12-25'));
    await shell.refreshNow();
    await expect(policy.transaction(/issued/)).toContainText('No actions: this renewal is issued.');
    await expect(policy.terms.getByRole('listitem')).toHaveCount(2);
    await expect(policy.terms).toContainText('Term 22027-01-01 → 2028-01-01');
    await expect(page.getByLabel('Auto-renewal of term 2')).toContainText('Active');
    await expect(policy.trigger('Create')).toContainText('2027-11-02');
    await page.screenshot({ path: 'test-results/screens/policies-issued.png', fullPage: true });

    // The renewals queue shows the new term's renewal.
    await queue.open();
    await page.getByLabel('Days window').selectOption({ label: 'Any time' });
    const row = queue.rows.filter({ hasText: '2028-01-01' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Acme Ltd');
    await page.screenshot({ path: 'test-results/screens/policies-queue.png' });

    // The policies list shows the current term and the auto-renewal state.
    await shell.nav('Policies').click();
    const listed = page
      .getByRole('table', { name: 'Policies' })
      .getByRole('row', { name: /P-100/ });
    await expect(listed).toContainText('2028-01-01');
    await expect(listed).toContainText('Active');
    await page.screenshot({ path: 'test-results/screens/policies-list.png' });

    // Do not renew: a manual renewal can be drafted and accepted, but not issued.
    await listed.getByRole('link', { name: 'P-100' }).click();
    await policy.action('Do not renew').click();
    await expect(page.getByRole('status').filter({ hasText: 'Do not renew.' })).toBeVisible();
    await policy.manualForm.getByLabel('New end').fill('2028-01-01');
    await policy.manualForm.getByRole('button', { name: 'Draft renewal' }).click();
    await expect(policy.manualForm.getByRole('alert')).toHaveText(
      'The new end must be after the current end (2028-01-01).',
    );
    await expect(policy.manualForm.getByLabel('New end')).toHaveValue('2028-01-01');
    await policy.manualForm.getByLabel('New end').fill('2029-01-01');
    await policy.manualForm.getByRole('button', { name: 'Draft renewal' }).click();
    const manual = policy.transaction(/Renewal of term 2, draft/);
    await manual.getByRole('button', { name: 'Accept', exact: true }).click();
    const accepted = policy.transaction(/Renewal of term 2, accepted/);
    const issue = accepted.getByRole('button', { name: 'Issue', exact: true });
    await expect(issue).toBeDisabled();
    const refusal = 'Policy P-100 is marked Do not renew; reactivate its auto-renewal to issue.';
    await expect(issue).toHaveAttribute('title', refusal);
    await expect(accepted).toContainText(`Issue: ${refusal}`);
    await page.screenshot({
      path: 'test-results/screens/policies-do-not-renew.png',
      fullPage: true,
    });

    // Reactivate: the same renewal can now be issued by hand.
    await policy.action('Reactivate').click();
    await expect(page.getByRole('status').filter({ hasText: 'Do not renew.' })).toHaveCount(0);
    await expect(issue).toBeEnabled();
    await issue.click();
    await expect(policy.terms).toContainText('Term 32028-01-01 → 2029-01-01');
    await expect(page.getByLabel('Auto-renewal of term 3')).toContainText('Active');
    await page.screenshot({
      path: 'test-results/screens/policies-reactivated.png',
      fullPage: true,
    });
  });

  test('a plan with impossible lead days is explained field by field', async ({ page }) => {
    const plans = new PlansScreen(page);
    await plans.open();
    await plans.create({ name: 'Broken', create: '10', accept: '30', issue: '7', months: '0' });
    await expect(
      plans.form.getByText('Accept lead days (30) cannot exceed create lead days (10)', {
        exact: false,
      }),
    ).toBeVisible();
    await expect(
      plans.form.getByText('The new term duration must be at least 1 month.'),
    ).toBeVisible();
    await expect(plans.form.getByLabel('Plan name')).toHaveValue('Broken');
    await page.screenshot({ path: 'test-results/screens/policies-plan-errors.png' });
  });
  test('a manual renewal with a gap leaves the gap visible; no plan means no auto-renewal, and says so', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-06-01') });
    const customers = new CustomersScreen(page);
    const panel = new CustomerPoliciesPanel(page);
    const policy = new PolicyScreen(page);
    await customers.open();
    await customers.add('Bora Yılmaz');
    await panel.add({ number: 'H-7', product: 'Home', start: '2026-01-01', end: '2027-01-01' });
    await panel.policies.getByRole('link', { name: /H-7/ }).click();

    const create = policy.action('Create auto-renewal');
    await expect(create).toBeDisabled();
    await expect(
      page.getByText('Create auto-renewal: This customer has no auto-renewal plan'),
    ).toBeVisible();

    await policy.manualForm.getByLabel('New end').fill('2028-03-01');
    await policy.manualForm.getByLabel('New term starts').fill('2027-03-01');
    await policy.manualForm.getByRole('button', { name: 'Draft renewal' }).click();
    await policy.transaction(/draft/).getByRole('button', { name: 'Accept', exact: true }).click();
    await policy
      .transaction(/accepted/)
      .getByRole('button', { name: 'Issue', exact: true })
      .click();
    await expect(policy.terms.getByRole('listitem')).toHaveCount(3);
    await expect(policy.terms.getByRole('listitem').nth(1)).toContainText(
      '2027-01-01 → 2027-03-0159 days not covered by any term',
    );
    await expect(policy.terms.getByRole('listitem').nth(2)).toContainText(
      '2027-03-01 → 2028-03-01',
    );
    await page.screenshot({ path: 'test-results/screens/policies-gap.png' });
  });
});
