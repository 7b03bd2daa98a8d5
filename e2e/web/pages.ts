import { expect, type Locator, type Page } from '@playwright/test';

/** The parts of the app shell every screen shares. */
export class AppShell {
  constructor(readonly page: Page) {}
  nav(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  }
  async refreshNow() {
    await this.page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(this.page.getByRole('button', { name: 'Refresh now' })).toBeEnabled();
  }
  async today(): Promise<string> {
    return (await this.page.getByLabel('Today').locator('strong').textContent()) ?? '';
  }
}

export class CustomersScreen {
  constructor(readonly page: Page) {}
  async open() {
    await this.page.goto('/#/customers');
    await expect(this.page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
  }
  async add(name: string) {
    const form = this.page.getByRole('form', { name: 'New customer' });
    await form.getByLabel('Full name').fill(name);
    await form.getByRole('button', { name: 'Add customer' }).click();
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }
}

export class CustomerScreen {
  readonly renewalForm: Locator;
  readonly renewals: Locator;
  readonly timeline: Locator;
  readonly tasks: Locator;
  constructor(readonly page: Page) {
    this.renewalForm = page.getByRole('form', { name: 'New renewal' });
    this.renewals = page.getByRole('list', { name: 'Renewals of this customer' });
    this.timeline = page.getByRole('list', { name: 'Timeline events' });
    this.tasks = page.getByRole('list', { name: 'Open tasks' });
  }
  async fillRenewal(fields: {
    service?: string;
    dueDate: string;
    notes?: string;
    repeats?: string;
    policyId?: string;
  }) {
    if (fields.service)
      await this.renewalForm.getByLabel('Service type').selectOption({ label: fields.service });
    await this.renewalForm.getByLabel('Due date').fill(fields.dueDate);
    if (fields.policyId) await this.renewalForm.getByLabel('Policy id').fill(fields.policyId);
    if (fields.repeats)
      await this.renewalForm.getByLabel('Repeats').selectOption({ label: fields.repeats });
    if (fields.notes) await this.renewalForm.getByLabel('Notes').fill(fields.notes);
  }
  async submitRenewal() {
    await this.renewalForm.getByRole('button', { name: 'Create renewal' }).click();
  }
  renewal(text: string): Locator {
    return this.renewals.getByRole('listitem').filter({ hasText: text });
  }
}

export class QueueScreen {
  readonly rows: Locator;
  constructor(readonly page: Page) {
    this.rows = page
      .getByRole('table', { name: 'Renewals' })
      .getByRole('rowgroup')
      .getByRole('row');
  }
  async open() {
    await this.page.goto('/#/queue');
    await expect(this.page.getByRole('heading', { name: 'Renewals queue' })).toBeVisible();
  }
  bucket(label: string): Locator {
    return this.page
      .getByRole('group', { name: 'Counts by urgency' })
      .locator('.bucket')
      .filter({ hasText: label })
      .locator('.bucket-count');
  }
}

/** The dialog that completes a renewal and asks what comes next. */
export class CompleteDialog {
  readonly dialog: Locator;
  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
  }
  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }
  async noNextRenewal() {
    await this.dialog.getByLabel(/No next renewal/).check();
  }
  async confirm() {
    await this.dialog.getByRole('button', { name: 'Complete', exact: true }).click();
  }
}

export class TasksScreen {
  readonly list: Locator;
  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Open tasks' });
  }
  async open() {
    await this.page.goto('/#/tasks');
    await expect(this.page.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();
  }
  task(text: string): Locator {
    return this.list.getByRole('listitem').filter({ hasText: text });
  }
}
