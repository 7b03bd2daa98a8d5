import { expect, type Locator, type Page } from '@playwright/test';

export class PlansScreen {
  readonly form: Locator;
  readonly plans: Locator;
  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: /plan/i }).filter({
      has: page.getByRole('button', { name: /Create plan|Save plan/ }),
    });
    this.plans = page.getByRole('list', { name: 'Plans' });
  }
  async open() {
    await this.page.goto('/#/policies/plans');
    await expect(
      this.page.getByRole('heading', { name: 'Auto-renewal plans', level: 1 }),
    ).toBeVisible();
  }
  async create(plan: {
    name: string;
    create: string;
    accept: string;
    issue: string;
    months: string;
  }) {
    await this.form.getByLabel('Plan name').fill(plan.name);
    await this.form.getByLabel('Create lead days').fill(plan.create);
    await this.form.getByLabel('Accept lead days').fill(plan.accept);
    await this.form.getByLabel('Issue lead days').fill(plan.issue);
    await this.form.getByLabel('New term (months)').fill(plan.months);
    await expect(this.form.getByLabel('Generate auto-renewals for new terms')).toBeChecked();
    await this.form.getByRole('button', { name: 'Create plan' }).click();
  }
}

export class CustomerPoliciesPanel {
  readonly form: Locator;
  readonly policies: Locator;
  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'New policy' });
    this.policies = page.getByRole('list', { name: 'Policies of this customer' });
  }
  async choosePlan(name: string) {
    await this.page.getByLabel('Auto-renewal plan').selectOption({ label: name });
  }
  /** The toast that answers a plan choice. */
  answer(text: string): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }
  async add(policy: { number: string; product: string; start: string; end: string }) {
    await this.form.getByLabel('Policy number').fill(policy.number);
    await this.form.getByLabel('Product').fill(policy.product);
    await this.form.getByLabel('First term starts').fill(policy.start);
    await this.form.getByLabel('First term ends').fill(policy.end);
    await this.form.getByRole('button', { name: 'Add policy' }).click();
  }
}

export class PolicyScreen {
  readonly terms: Locator;
  readonly transactions: Locator;
  readonly autoRenewal: Locator;
  readonly triggers: Locator;
  readonly manualForm: Locator;
  constructor(readonly page: Page) {
    this.terms = page.getByRole('list', { name: 'Terms' });
    this.transactions = page.getByRole('list', { name: 'Renewal transactions' });
    this.autoRenewal = page.getByRole('region', { name: 'Auto-renewal' }).or(
      page.locator('.card', {
        has: page.getByRole('heading', { name: 'Auto-renewal', level: 2 }),
      }),
    );
    this.triggers = page.getByRole('table', { name: 'Trigger times' });
    this.manualForm = page.getByRole('form', { name: 'Renew by hand' });
  }
  /** A card of the policy page by its heading. */
  card(heading: string): Locator {
    return this.page.locator('.card', {
      has: this.page.getByRole('heading', { name: heading, level: 2, exact: true }),
    });
  }
  get cancellation(): Locator {
    return this.card('Cancellation');
  }
  get history(): Locator {
    return this.page.getByRole('list', { name: 'Policy history' });
  }
  get queueRenewal(): Locator {
    return this.page.getByLabel('Queue renewal');
  }
  get createForm(): Locator {
    return this.page.getByRole('form', { name: 'Create auto-renewal' });
  }
  /** Opens the cancellation form and submits `effectiveDate` (office-local YYYY-MM-DD). */
  async cancel(number: string, effectiveDate: string) {
    const card = this.cancellation;
    const open = card.getByRole('button', { name: 'Cancel policy…' });
    const field = card.getByLabel('Cancellation takes effect on');
    // The card renders its button or its open form once the policy has loaded: wait for one.
    await expect(open.or(field)).toBeVisible();
    if (await open.isVisible()) await open.click();
    await field.fill(effectiveDate);
    await card.getByRole('button', { name: `Cancel policy ${number}` }).click();
  }
  /** A renewal transaction by the end it renews to, e.g. '2027-07-01'. */
  renewalTo(end: string): Locator {
    return this.transactions
      .getByRole('listitem', { name: /^Renewal of term/ })
      .filter({ hasText: `to ${end}` });
  }
  transaction(text: string | RegExp): Locator {
    return this.transactions.getByRole('listitem', { name: text });
  }
  trigger(step: 'Create' | 'Accept' | 'Issue'): Locator {
    return this.triggers.getByRole('row', { name: new RegExp(`^${step}`) });
  }
  action(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
}
