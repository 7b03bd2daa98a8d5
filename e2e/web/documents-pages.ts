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
