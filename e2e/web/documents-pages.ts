import { expect, type Locator, type Page } from '@playwright/test';

/** The documents area: its tabs and the workers list. */
export class DocumentsScreen {
  constructor(readonly page: Page) {}
  async open() {
    await this.page.goto('/#/documents');
    await expect(this.page.getByRole('heading', { name: 'Documents', level: 1 })).toBeVisible();
  }
  tab(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Documents' }).getByRole('link', { name });
  }
  async addWorker(fields: { fullName: string; email?: string; address?: string }) {
    const form = this.page.getByRole('form', { name: 'New worker' });
    await form.getByLabel('Full name').fill(fields.fullName);
    if (fields.email) await form.getByLabel('Email').fill(fields.email);
    if (fields.address) await form.getByLabel('Address').fill(fields.address);
    await form.getByRole('button', { name: 'Add worker' }).click();
    await expect(this.page.getByRole('heading', { name: fields.fullName, level: 1 })).toBeVisible();
  }
}

export class TemplateFormScreen {
  readonly form: Locator;
  constructor(
    readonly page: Page,
    name: string,
  ) {
    this.form = page.getByRole('form', { name });
  }
  field(n: number): Locator {
    return this.form.getByRole('group', { name: `Field ${n}`, exact: true });
  }
  async addField(label: string, prefill: string) {
    await this.form.getByRole('button', { name: '+ Add field' }).click();
    const count = await this.form.getByRole('group', { name: /^Field \d+$/ }).count();
    const row = this.field(count);
    await row.getByLabel('Label').fill(label);
    await row.getByLabel('Pre-fill from').selectOption({ label: prefill });
  }
  preview(): Locator {
    return this.form.getByRole('status', { name: 'Expiry preview' });
  }
}

export class WorkerScreen {
  readonly documents: Locator;
  readonly profile: Locator;
  constructor(readonly page: Page) {
    this.documents = page.getByRole('list', { name: 'Documents of this worker' });
    this.profile = page.getByRole('form', { name: 'Profile' });
  }
  async open(name: string) {
    await this.page.goto('/#/documents');
    await this.page.getByRole('list', { name: 'Workers' }).getByRole('link', { name }).click();
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }
  badge(): Locator {
    return this.page.getByRole('heading', { level: 1 }).getByLabel(/^Compliance:/);
  }
  document(text: string): Locator {
    return this.documents.getByRole('listitem').filter({ hasText: text });
  }
  banner(): Locator {
    return this.page.locator('.doc-banner');
  }
}

export class SigningScreen {
  readonly form: Locator;
  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Review and sign' });
  }
  async drawSignature() {
    const pad = this.form.getByRole('img', { name: /Signature pad/ });
    const box = (await pad.boundingBox())!;
    const { mouse } = this.page;
    await mouse.move(box.x + 20, box.y + box.height * 0.7);
    await mouse.down();
    for (let i = 1; i <= 12; i++) {
      await mouse.move(box.x + 20 + i * 18, box.y + box.height * (0.5 + 0.25 * Math.sin(i / 1.5)), {
        steps: 2,
      });
    }
    await mouse.up();
  }
  async sign(name: string) {
    await this.form.getByLabel('Type your full name to sign').fill(name);
    await this.drawSignature();
    await this.form.getByRole('button', { name: 'Submit and sign' }).click();
    await expect(this.page.getByRole('article', { name: 'Signed document' })).toBeVisible();
  }
}

/** The template form on the Templates tab, for tests that need a template quickly. */
export async function createTemplate(
  page: Page,
  template: {
    name: string;
    model: 'none' | 'signature';
    months?: number;
    graceDays?: number;
    blocking?: boolean;
  },
) {
  await page.goto('/#/documents/templates');
  const form = new TemplateFormScreen(page, 'New template').form;
  await form.getByLabel('Document name').fill(template.name);
  await form.getByLabel('Document text').fill(`I agree to the ${template.name}.`);
  await form.getByLabel('Renewal model').selectOption(template.model);
  if (template.months)
    await form.getByLabel('Months valid after signing').fill(String(template.months));
  if (template.graceDays !== undefined)
    await form.getByLabel('Grace period (days)').fill(String(template.graceDays));
  if (template.blocking) await form.getByLabel(/^Blocking/).check();
  await form.getByRole('button', { name: 'Create template' }).click();
  await expect(
    page.getByRole('list', { name: 'Templates' }).getByRole('link', { name: template.name }),
  ).toBeVisible();
}

/** The Assign tab. */
export class AssignScreen {
  readonly results: Locator;
  readonly confirmation: Locator;
  constructor(readonly page: Page) {
    this.results = page.getByRole('list', { name: 'Assignment results' });
    this.confirmation = page.getByRole('alertdialog', { name: 'Confirm re-issue' });
  }
  async open() {
    await this.page.goto('/#/documents/assign');
    await expect(this.page.getByRole('heading', { name: 'Assign documents' })).toBeVisible();
  }
  async choose(template: string, workers: string[], version = 1) {
    await this.page
      .getByLabel('Template', { exact: true })
      .selectOption({ label: `${template} (version ${version})` });
    for (const worker of workers)
      await this.page.getByRole('checkbox', { name: new RegExp(worker) }).check();
  }
  async assign(template: string, workers: string[]) {
    await this.choose(template, workers);
    await this.page.getByRole('button', { name: 'Assign', exact: true }).click();
  }
}

/** A worker's document in the office: the renewal card beside it and the renewal chain. */
export class InstanceScreen {
  readonly renewal: Locator;
  readonly chain: Locator;
  constructor(readonly page: Page) {
    this.renewal = page.getByRole('region', { name: 'Renewal', exact: true });
    this.chain = page.getByRole('list', { name: 'Renewal chain' });
  }
}

/** The placements panel on a worker's page. */
export class PlacementsPanel {
  readonly form: Locator;
  readonly list: Locator;
  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Placements' });
    this.list = page.getByRole('list', { name: 'Placements of this worker' });
  }
  async place(jobTitle: string, startDate: string) {
    await this.form.getByLabel('Job title').fill(jobTitle);
    await this.form.getByLabel('Start date').fill(startDate);
    await this.form.getByRole('button', { name: 'Record placement' }).click();
  }
}

/** The worker view (kiosk): one worker's documents, without the office's navigation. */
export class WorkerViewScreen {
  readonly toSign: Locator;
  readonly signed: Locator;
  readonly toRenew: Locator;
  constructor(readonly page: Page) {
    this.toSign = page.getByRole('list', { name: 'Documents to sign' });
    this.signed = page.getByRole('list', { name: 'Signed documents' });
    this.toRenew = page.getByRole('list', { name: 'Documents to renew' });
  }
  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }
  banners(): Locator {
    return this.page.getByRole('alert');
  }
  async backToList() {
    await this.page.getByRole('link', { name: '← All my documents' }).click();
    await expect(this.heading()).toHaveText(/^Hello, /);
  }
}
