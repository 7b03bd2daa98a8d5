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
    await expect(
      page.getByRole('status').filter({ hasText: 'until its auto-renewal' }),
    ).toBeVisible();
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
    await expect(
      page.getByRole('status').filter({ hasText: 'until its auto-renewal' }),
    ).toHaveCount(0);
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

    const create = policy.action('Create from plan');
    await expect(create).toBeDisabled();
    await expect(
      page.getByText('Create from plan: This customer has no auto-renewal plan'),
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

test.describe('plans on existing policies, auto-renewals by hand, Do not renew and linking', () => {
  test.use({ viewport: { width: 1360, height: 2000 } });

  test('assigning a plan gives existing active policies an auto-renewal and says how many; removing it leaves them', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-06-01') });
    const plans = new PlansScreen(page);
    const customers = new CustomersScreen(page);
    const panel = new CustomerPoliciesPanel(page);
    const policy = new PolicyScreen(page);
    await plans.open();
    await plans.create({ name: 'Yearly', create: '60', accept: '30', issue: '7', months: '12' });
    await customers.open();
    await customers.add('Bora Yılmaz');
    for (const [number, end] of [
      ['H-1', '2027-01-01'],
      ['H-2', '2027-03-01'],
      ['H-3', '2027-01-01'],
    ] as const) {
      await panel.add({ number, product: 'Home', start: '2026-01-01', end });
      await expect(panel.policies).toContainText(number);
    }
    await panel.policies.getByRole('link', { name: /H-3/ }).click();
    await policy.cancel('H-3', '2026-06-01');
    await expect(page.getByRole('heading', { name: 'Policy H-3 Cancelled' })).toBeVisible();
    await page.getByRole('link', { name: 'Bora Yılmaz' }).click();
    await expect(panel.policies.getByRole('listitem').filter({ hasText: 'H-3' })).toContainText(
      'Cancelled',
    );

    await panel.choosePlan('Yearly');
    await expect(
      panel.answer('Plan “Yearly” assigned to Bora Yılmaz: added 2 auto-renewals (H-1, H-2).'),
    ).toContainText('Skipped H-3: cancelled.');
    await page.screenshot({ path: 'test-results/screens/policies-plan-assigned.png' });

    await panel.choosePlan('No plan');
    await expect(
      panel.answer(
        'Bora Yılmaz has no plan now. Existing auto-renewals are left alone (2 still open); discard one on its policy page to stop it.',
      ),
    ).toBeVisible();
    await panel.policies.getByRole('link', { name: /H-2/ }).click();
    await expect(page.getByLabel('Auto-renewal of term 1')).toContainText('Active');
    await expect(policy.trigger('Issue')).toContainText('2027-02-22');
    await expect(page.getByText('Plan: none')).toBeVisible();
  });

  test('an auto-renewal made by hand explains bad times field by field; Do not renew on a policy without one, then reactivated with no times', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-06-01') });
    const customers = new CustomersScreen(page);
    const panel = new CustomerPoliciesPanel(page);
    const policy = new PolicyScreen(page);
    await customers.open();
    await customers.add('Deniz Kaya');
    for (const number of ['H-7', 'H-8']) {
      await panel.add({ number, product: 'Home', start: '2026-01-01', end: '2027-01-01' });
      await expect(panel.policies).toContainText(number);
    }
    await panel.policies.getByRole('link', { name: /H-7/ }).click();

    // Without a plan the form is open, filled in 60, 30 and 7 days before the end.
    const form = policy.createForm;
    await expect(form.getByLabel('Create at')).toHaveValue('2026-11-02');
    await expect(form.getByLabel('Issue at')).toHaveValue('2026-12-25');
    await form.getByLabel('Accept at').fill('2026-10-01');
    await form.getByLabel('New term (months)').fill('0');
    await form.getByRole('button', { name: 'Create auto-renewal' }).click();
    await expect(
      form.getByText('The accept time must be at or after the create time (2026-11-02).'),
    ).toBeVisible();
    await expect(
      form.getByText('Enter the new term’s length as a whole number of months from 1 to 120.'),
    ).toBeVisible();
    await expect(form.getByLabel('Accept at')).toHaveValue('2026-10-01');
    await page.screenshot({ path: 'test-results/screens/policies-by-hand-errors.png' });

    await form.getByLabel('Accept at').fill('2026-12-02 10:30');
    await form.getByLabel('New term (months)').fill('6');
    await form.getByRole('button', { name: 'Create auto-renewal' }).click();
    const autoRenewal = page.getByLabel('Auto-renewal of term 1');
    await expect(autoRenewal).toContainText('new term of 6 months');
    await expect(policy.trigger('Accept')).toContainText('2026-12-02 10:30');
    await expect(policy.trigger('Create')).toContainText('next');

    // Do not renew on H-8, which has no auto-renewal: one is made, in Do not renew.
    await page.getByRole('link', { name: 'Deniz Kaya' }).click();
    await panel.policies.getByRole('link', { name: /H-8/ }).click();
    await page
      .getByRole('group', { name: 'Auto-renewal actions' })
      .getByRole('button', { name: 'Do not renew' })
      .click();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: 'term 1 had no auto-renewal, so one was created' }),
    ).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: 'until its auto-renewal' }),
    ).toBeVisible();
    await expect(autoRenewal).toContainText('Do not renew');
    await expect(policy.trigger('Create')).toContainText('no action');
    await expect(autoRenewal).toContainText(
      'Reactivating lifts Do not renew; the auto-renewal then has no trigger times until you set them.',
    );
    await page.screenshot({ path: 'test-results/screens/policies-dnr-created.png' });

    await policy.action('Reactivate').click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Reactivated: the auto-renewal is active' }),
    ).toContainText('has no trigger times, so nothing happens automatically');
    await expect(
      page.getByRole('status').filter({ hasText: 'Active, with no trigger times' }),
    ).toContainText('nothing happens automatically until you set them under “Edit trigger times”.');
    await expect(page.getByRole('form', { name: 'Trigger times' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/policies-reactivated-no-times.png' });
  });

  test('an alternate renewal linked to the auto-renewal is then accepted by it', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-11-03') });
    const shell = new AppShell(page);
    const plans = new PlansScreen(page);
    const customers = new CustomersScreen(page);
    const panel = new CustomerPoliciesPanel(page);
    const policy = new PolicyScreen(page);
    await plans.open();
    await plans.create({ name: 'Yearly', create: '60', accept: '30', issue: '7', months: '12' });
    await customers.open();
    await customers.add('Acme Ltd');
    await panel.choosePlan('Yearly');
    await panel.add({ number: 'P-9', product: 'Fleet', start: '2026-01-01', end: '2027-01-01' });
    await panel.policies.getByRole('link', { name: /P-9/ }).click();
    // The create trigger (2026-11-02) already passed: its draft appears on its own.
    await expect(policy.renewalTo('2028-01-01')).toContainText('managed by the auto-renewal');

    await policy.manualForm.getByLabel('New end').fill('2027-07-01');
    await policy.manualForm.getByLabel('Renewal type').fill('short renewal');
    await policy.manualForm.getByRole('button', { name: 'Draft renewal' }).click();
    await expect(policy.renewalTo('2027-07-01')).toContainText('manual');

    const managed = page.getByLabel('Managed renewal');
    await expect(managed.getByLabel('Manage instead')).toHaveValue(/tx:/);
    await expect(managed.getByLabel('Manage instead')).toContainText(
      'To 2027-07-01 · short renewal · manual, draft',
    );
    await managed.getByRole('button', { name: 'Link to auto-renewal' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'The auto-renewal now manages this renewal' }),
    ).toBeVisible();
    await expect(policy.renewalTo('2027-07-01')).toContainText('managed by the auto-renewal');
    await expect(policy.renewalTo('2028-01-01')).not.toContainText('managed by the auto-renewal');
    await expect(managed).toContainText('Renewal to 2027-07-01 (short renewal)');
    await page.screenshot({ path: 'test-results/screens/policies-linked.png' });

    await page.clock.setSystemTime(at('2026-12-02'));
    await shell.refreshNow();
    const linked = policy.renewalTo('2027-07-01');
    await expect(linked).toContainText('accepted');
    await linked.getByText('History').click();
    await expect(linked).toContainText('draft → accepted · automatic');
    await expect(policy.renewalTo('2028-01-01')).toContainText('draft');
  });
});
