import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { CustomerScreen, CustomersScreen, QueueScreen } from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const NOW = new Date('2026-03-02T09:00:00Z');

type BackupFile = {
  format: string;
  createdAt: string;
  collections: Record<string, { id: string }[]>;
  journal: unknown[];
};

/** A fresh profile: its own browser context, so its own IndexedDB, at the same office day. */
async function freshProfile(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install({ time: NOW });
  return page;
}

class BackupCardScreen {
  constructor(readonly page: Page) {}
  get card() {
    return this.page.getByRole('region', { name: 'Backups' });
  }
  async open() {
    await this.page.goto('/#/settings');
    await expect(this.card).toBeVisible();
  }
  /** Export backup: the browser's download, parsed. */
  async export(): Promise<{ fileName: string; backup: BackupFile; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.card.getByRole('button', { name: 'Export backup' }).click();
    const file = await download;
    const text = readFileSync((await file.path())!, 'utf8');
    return { fileName: file.suggestedFilename(), backup: JSON.parse(text) as BackupFile, text };
  }
  async choose(name: string, text: string) {
    await this.card
      .getByLabel('Backup file to import')
      .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }
  get confirmation() {
    return this.card.getByRole('group', { name: 'Restore this backup?' });
  }
}

test.describe('backups, end to end in web mode', () => {
  test('Export, then Import into a fresh profile through Settings, equal record for record', async ({
    page,
    browser,
  }) => {
    await page.clock.install({ time: NOW });
    const customers = new CustomersScreen(page);
    const customer = new CustomerScreen(page);
    await customers.open();
    await customers.add('Ayşe Demir');
    await customer.fillRenewal({ dueDate: '2026-03-10', notes: 'Residence permit, 1 year' });
    await customer.submitRenewal();
    await expect(customer.renewal('due 2026-03-10')).toBeVisible();
    await customer.fillRenewal({ service: 'Work permit', dueDate: '2026-05-20' });
    await customer.submitRenewal();
    await expect(customer.renewal('due 2026-05-20')).toBeVisible();

    const original = new BackupCardScreen(page);
    await original.open();
    // Web mode keeps no daily backups, and says what to do instead.
    await expect(original.card).toContainText('In a browser NoLapse writes no daily backup');
    const exported = await original.export();
    expect(exported.fileName).toBe('nolapse-backup-2026-03-02.json');
    expect(exported.text.startsWith('{"format":"nolapse-backup","version":1,')).toBe(true);
    expect(exported.backup.collections.customers).toHaveLength(1);
    expect(exported.backup.collections.renewals).toHaveLength(2);
    // The 14-day alert fired for the first renewal: its event and task come along.
    expect(exported.backup.collections.events!.length).toBeGreaterThan(0);
    expect(exported.backup.collections.tasks!.length).toBeGreaterThan(0);
    await expect(page.getByRole('status').filter({ hasText: 'Exported' })).toContainText(
      'to nolapse-backup-2026-03-02.json',
    );
    await original.card.screenshot({ path: 'test-results/screens/backup-card-web.png' });

    // A new computer: nothing there yet.
    const fresh = await freshProfile(browser);
    const restore = new BackupCardScreen(fresh);
    await restore.open();
    await restore.choose(exported.fileName, exported.text);
    await expect(restore.confirmation).toContainText(
      'nolapse-backup-2026-03-02.json, made 2 Mar 2026, 09:00, holds',
    );
    await expect(restore.confirmation).toContainText('1 customer, 2 renewals');
    await restore.card.screenshot({ path: 'test-results/screens/backup-confirm.png' });
    await restore.confirmation.getByRole('button', { name: 'Restore' }).click();
    await expect(restore.card.getByRole('status')).toContainText(
      /^Restored \d+ records: 1 customer, 2 renewals/,
    );
    await restore.card.screenshot({ path: 'test-results/screens/backup-restored.png' });

    const queue = new QueueScreen(fresh);
    await queue.open();
    await expect(queue.rows).toHaveCount(2);
    await expect(queue.rows.nth(0)).toContainText('Ayşe Demir');
    await expect(queue.rows.nth(0)).toContainText('2026-03-10');

    // What the fresh profile holds now is what was exported, record for record.
    await restore.open();
    const again = await restore.export();
    expect(again.backup.collections).toEqual(exported.backup.collections);
    expect(again.backup.journal).toEqual(exported.backup.journal);

    // A profile that holds records refuses a restore, and says why and what to do.
    await restore.choose(exported.fileName, exported.text);
    await restore.confirmation.getByRole('button', { name: 'Restore' }).click();
    await expect(restore.card.getByRole('alert')).toContainText(
      'This device already holds 1 customer, 2 renewals',
    );
    await expect(restore.card.getByRole('alert')).toContainText('Export these first');
    await restore.card.screenshot({ path: 'test-results/screens/backup-not-empty.png' });
    await fresh.context().close();
  });

  test('a file that is not a backup, or one from a newer NoLapse, is refused with what to do', async ({
    page,
  }) => {
    await page.clock.install({ time: NOW });
    const screen = new BackupCardScreen(page);
    await screen.open();
    await screen.choose('notes.txt', 'Renewals to do this week');
    await expect(screen.card.getByRole('alert')).toHaveText(
      'This file is not a NoLapse backup. Choose a file made by Export backup (or a daily backup), named like nolapse-backup-2026-06-15.json. (It is not JSON, or it was cut short.)',
    );
    await expect(screen.confirmation).toHaveCount(0);
    const newer = JSON.stringify({
      format: 'nolapse-backup',
      version: 7,
      createdAt: NOW.toISOString(),
      schemaVersions: {},
      collections: {},
      journal: [],
    });
    await screen.choose('nolapse-backup-2031-01-01.json', newer);
    await expect(screen.card.getByRole('alert')).toHaveText(
      'This backup was made by a newer NoLapse (backup format 7; this one reads up to 1). Update NoLapse on this device, then import it again.',
    );
    await screen.card.screenshot({ path: 'test-results/screens/backup-refused.png' });
  });
});
