import { expect, type Locator, type Page } from '@playwright/test';

/** The dialog that snoozes a renewal's reminders or marks it in progress. */
export class AcknowledgeDialog {
  readonly dialog: Locator;
  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
  }
  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }
  button(name: string): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }
  async snoozeUntil(date: string, note = '') {
    await this.field('Resume reminders on').fill(date);
    if (note) await this.field('Note (optional)').fill(note);
    await this.button('Snooze').click();
  }
  async markInProgress(note: string) {
    await this.field('What is under way').fill(note);
    await this.button('Mark in progress').click();
  }
  async closed() {
    await expect(this.dialog).toBeHidden();
  }
}

/** The notification centre: what this device delivered, newest first. */
export class NotificationsScreen {
  readonly items: Locator;
  constructor(readonly page: Page) {
    this.items = page.getByRole('list', { name: 'Delivered notifications' }).getByRole('listitem');
  }
  async open() {
    await this.page.goto('/#/notifications');
    await expect(this.page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  }
  item(text: string | RegExp): Locator {
    return this.items.filter({ hasText: text });
  }
}
