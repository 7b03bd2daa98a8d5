import { expect, test, type Page } from '@playwright/test';
import { AppShell, CustomersScreen, QueueScreen } from './pages';
import { CustomerPoliciesPanel, PlansScreen, PolicyScreen } from './policies-pages';

// A tall window, so a screenshot of the policy page shows every card.
test.use({ timezoneId: 'UTC', locale: 'en-GB', viewport: { width: 1360, height: 2000 } });

const at = (date: string, time = '09:00') => new Date(`${date}T${time}:00Z`);

/** A plan, a customer on it, and one policy whose first term ends on `end`; opens the policy. */
async function policyOnPlan(
  page: Page,
  plan: { name: string; create: string; accept: string; issue: string },
  policy: { number: string; end: string },
) {
  const plans = new PlansScreen(page);
  await plans.open();
  await plans.create({ ...plan, months: '12' });
  await expect(plans.plans).toContainText(plan.name);
  const customers = new CustomersScreen(page);
  await customers.open();
  await customers.add('Acme Ltd');
  const panel = new CustomerPoliciesPanel(page);
  await panel.choosePlan(plan.name);
  await panel.add({
    number: policy.number,
    product: 'Commercial auto',
    start: '2026-01-01',
    end: policy.end,
  });
  await panel.policies.getByRole('link', { name: new RegExp(policy.number) }).click();
  await expect(
    page.getByRole('heading', { name: new RegExp(`Policy ${policy.number}`), level: 1 }),
  ).toBeVisible();
  return new PolicyScreen(page);
}

test.describe('cancelling and reinstating a policy, in web mode', () => {
  test('a cancellation resets the managed renewal, invalidates the auto-renewal, cancels the queue item and blocks issuing; reinstating and reactivating renew it at the trigger', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-12-03') });
    // Created after its create and accept times: the auto-renewal catches up on its own.
    const policy = await policyOnPlan(
      page,
      { name: 'Yearly', create: '60', accept: '30', issue: '7' },
      { number: 'P-200', end: '2027-01-01' },
    );
    const managed = policy.transaction(/Renewal of term 1/);
    await expect(managed).toContainText('accepted');
    await expect(managed).toContainText('managed by the auto-renewal');
    await expect(policy.queueRenewal).toContainText('due 2027-01-01 active');

    // A date before the first term is explained on its field; the typed date stays.
    await policy.cancel('P-200', '2025-12-01');
    const field = policy.cancellation.getByLabel('Cancellation takes effect on');
    await expect(policy.cancellation.getByRole('alert')).toHaveText(
      'The cancellation cannot take effect before the first term starts (2026-01-01).',
    );
    await expect(field).toHaveValue('2025-12-01');
    await page.screenshot({ path: 'test-results/screens/policy-cancel-error.png' });

    await policy.cancel('P-200', '2026-12-10');
    await expect(
      page.getByRole('status').filter({ hasText: 'Policy P-200 cancelled effective 2026-12-10.' }),
    ).toContainText('1 managed renewal is back in draft.');
    await expect(page.getByRole('heading', { name: 'Policy P-200 Cancelled' })).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: 'No renewal of this policy can be issued' }),
    ).toContainText('Cancelled effective 2026-12-10');
    await expect(policy.transaction(/Renewal of term 1, draft/)).toBeVisible();
    await policy
      .transaction(/Renewal of term 1/)
      .getByText('History')
      .click();
    await expect(policy.transaction(/Renewal of term 1/)).toContainText(
      'accepted → draft · automatic · Policy P-200 was cancelled effective 2026-12-10.',
    );
    await expect(page.getByLabel('Auto-renewal of term 1')).toContainText('Active · invalidated');
    await expect(policy.trigger('Issue')).toContainText('held (invalidated)');
    await expect(policy.queueRenewal).toContainText('due 2027-01-01 cancelled');
    await expect(policy.history).toContainText('Renewal of policy P-200 due 2027-01-01 cancelled');
    await expect(policy.history).toContainText('Policy P-200 cancelled effective 2026-12-10');

    // Accepting by hand is fine; issuing is refused with the reason.
    await policy
      .transaction(/Renewal of term 1, draft/)
      .getByRole('button', { name: 'Accept', exact: true })
      .click();
    const accepted = policy.transaction(/Renewal of term 1, accepted/);
    const issue = accepted.getByRole('button', { name: 'Issue', exact: true });
    const reason =
      'Policy P-200 is cancelled (effective 2026-12-10); a cancelled policy cannot be renewed. Reinstate it first.';
    await expect(issue).toBeDisabled();
    await expect(issue).toHaveAttribute('title', reason);
    await expect(accepted).toContainText(`Issue: ${reason}`);
    await page.screenshot({ path: 'test-results/screens/policy-cancelled.png' });

    // The queue lists it among cancelled renewals.
    const policyUrl = page.url();
    const queue = new QueueScreen(page);
    await queue.open();
    await page.getByLabel('Days window').selectOption({ label: 'Any time' });
    await page.getByLabel('Status').selectOption({ label: 'Cancelled' });
    await expect(queue.rows.filter({ hasText: '2027-01-01' })).toContainText('Acme Ltd');
    await page.goto(policyUrl);

    // Reinstate: the queue renewal is open again; the auto-renewal still waits.
    await page.getByRole('button', { name: 'Reinstate policy' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Policy P-200 reinstated.' }),
    ).toContainText(
      'Its queue renewal due 2027-01-01 was reopened: the cancellation had closed it; reopening keeps its alerts and history on one record. The auto-renewal stays invalidated: reactivate it to let it renew the policy.',
    );
    await expect(page.getByRole('heading', { name: 'Policy P-200', exact: true })).toBeVisible();
    await expect(policy.queueRenewal).toContainText('due 2027-01-01 active');
    await expect(policy.history).toContainText('Renewal of policy P-200 due 2027-01-01 reopened');
    await expect(page.getByLabel('Auto-renewal of term 1')).toContainText('Active · invalidated');

    // Reactivate: it issues at its next pending trigger, 2026-12-25 00:00, while the page is open.
    await policy.action('Reactivate').click();
    await expect(policy.trigger('Issue')).toContainText('next');
    await page.clock.pauseAt(at('2026-12-24', '23:58'));
    await page.clock.runFor('00:03:00');
    const issued = policy.transaction(/Renewal of term 1, issued/);
    await expect(issued).toBeVisible();
    await issued.getByText('History').click();
    await expect(issued).toContainText('2026-12-25 accepted → issued · automatic');
    await expect(policy.terms).toContainText('Term 22027-01-01 → 2028-01-01');
    await expect(policy.queueRenewal).toContainText('due 2028-01-01 active');
    await page.screenshot({ path: 'test-results/screens/policy-reinstated-renewed.png' });
  });

  test('a reinstatement is refused once the latest term has ended, and says why', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-12-20') });
    const policy = await policyOnPlan(
      page,
      { name: 'Yearly', create: '60', accept: '30', issue: '7' },
      { number: 'P-300', end: '2026-12-31' },
    );
    await policy.cancel('P-300', '2026-12-20');
    await expect(page.getByRole('heading', { name: 'Policy P-300 Cancelled' })).toBeVisible();
    await page.clock.setSystemTime(at('2026-12-31', '00:01'));
    await new AppShell(page).refreshNow();
    const reinstate = page.getByRole('button', { name: 'Reinstate policy' });
    await expect(reinstate).toBeDisabled();
    await expect(policy.cancellation).toContainText(
      'Reinstate policy: The latest term of policy P-300 ended 2026-12-31; a policy can be reinstated only before its latest term ends. Add a new policy instead.',
    );
  });
});

test.describe('triggers at their instant, in web mode', () => {
  test('with issue lead 0 the renewal is issued at the term end while the page is open', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-06-30', '22:00') });
    const policy = await policyOnPlan(
      page,
      { name: 'On the day', create: '2', accept: '1', issue: '0' },
      { number: 'P-400', end: '2026-07-01' },
    );
    // Create and accept were already due: caught up as soon as the policy existed.
    await expect(policy.transaction(/Renewal of term 1, accepted/)).toBeVisible();
    await expect(policy.trigger('Issue')).toContainText('2026-07-01');
    await expect(policy.trigger('Issue')).toContainText('next');

    // No click, no daily refresh (that is at 07:00): the clock wakes at midnight itself.
    await page.clock.pauseAt(at('2026-06-30', '23:59'));
    await expect(policy.transaction(/Renewal of term 1, accepted/)).toBeVisible();
    await page.clock.runFor('00:02:00');
    const issued = policy.transaction(/Renewal of term 1, issued/);
    await expect(issued).toBeVisible();
    // Issued at midnight exactly: an instant at midnight shows as the bare date.
    await issued.getByText('History').click();
    await expect(issued.getByRole('listitem').last()).toHaveText(
      '2026-07-01 accepted → issued · automatic',
    );
    await expect(policy.terms).toContainText('Term 22026-07-01 → 2027-07-01');
    await expect(page.getByLabel('Auto-renewal of term 2')).toContainText('Active');
    await expect(page.getByLabel('Earlier auto-renewals')).toContainText('Term 1 Issued');
    await page.screenshot({ path: 'test-results/screens/policy-issued-at-term-end.png' });
  });
});
