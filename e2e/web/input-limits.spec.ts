import { expect, test, type Locator } from '@playwright/test';
import { AcknowledgeDialog } from './acknowledge-pages';
import { createTemplate, DocumentsScreen, TemplateFormScreen } from './documents-pages';
import { CustomerScreen, CustomersScreen, QueueScreen } from './pages';
import { CustomerPoliciesPanel, PlansScreen } from './policies-pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const at = (date: string) => new Date(`${date}T09:00:00Z`);
const text = (length: number) => 'abcdefghij'.repeat(Math.ceil(length / 10)).slice(0, length);

/** Typing past a short field's limit stops at the limit: the field holds exactly `max`. */
async function expectCapped(field: Locator, max: number) {
  await field.fill(text(max + 50));
  expect(((await field.inputValue()) ?? '').length).toBe(max);
}

test.describe('limits on every form', () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.install({ time: at('2026-03-01') });
  });

  test('customer and renewal: names stop at their limit, long notes and far dates are explained and kept', async ({
    page,
  }) => {
    const customers = new CustomersScreen(page);
    const customer = new CustomerScreen(page);
    await customers.open();
    const form = page.getByRole('form', { name: 'New customer' });
    await expectCapped(form.getByLabel('Full name'), 200);
    await expectCapped(form.getByLabel('Phone'), 60);
    await expectCapped(form.getByLabel('Nationality'), 80);
    await customers.add('Elif Kaya');

    // A due date typed without its century, and notes pasted from a long email.
    const notes = text(10_050);
    await customer.fillRenewal({ dueDate: '0026-03-15', notes, policyId: 'pol_1' });
    await expect(customer.renewalForm.getByText('10,050 of 10,000 characters')).toHaveText(
      '10,050 of 10,000 characters: shorten it by 50',
    );
    await customer.submitRenewal();
    await expect(customer.renewalForm.getByRole('alert')).toHaveText([
      'The year must be between 1900 and 2199. Did you mean 2026-03-15?',
      'Shorten the notes to 10,000 characters or fewer.',
    ]);
    await customer.renewalForm.screenshot({
      path: 'test-results/screens/input-limits-renewal.png',
    });
    // Nothing typed is lost: the whole paste is still there to shorten.
    await expect(customer.renewalForm.getByLabel('Notes')).toHaveValue(notes);
    await expect(customer.renewalForm.getByLabel('Policy id')).toHaveValue('pol_1');
    await expectCapped(customer.renewalForm.getByLabel('Policy id'), 120);

    await customer.renewalForm.getByLabel('Due date').fill('2026-03-15');
    await customer.renewalForm.getByLabel('Notes').fill(notes.slice(0, 10_000));
    await customer.submitRenewal();
    await expect(customer.renewal('due 2026-03-15')).toBeVisible();

    // A permit: its number stops at 100 characters, an expiry out of range is explained.
    const permit = page.getByRole('form', { name: 'Add permit' });
    await expectCapped(permit.getByLabel('Number'), 100);
    await permit.getByLabel('Expires on').fill('2300-01-31');
    await permit.getByRole('button', { name: 'Add permit' }).click();
    await expect(permit.getByRole('alert')).toHaveText('The year must be between 1900 and 2199.');
    expect((await permit.getByLabel('Number').inputValue()).length).toBe(100);
    await page.screenshot({
      path: 'test-results/screens/input-limits-customer.png',
      fullPage: true,
    });
  });

  test('worker and template: names stop at their limit, an over-long text is kept and explained', async ({
    page,
  }) => {
    const documents = new DocumentsScreen(page);
    await documents.open();
    const worker = page.getByRole('form', { name: 'New worker' });
    await expectCapped(worker.getByLabel('Full name'), 200);
    await expectCapped(worker.getByLabel('Email'), 254);
    await expectCapped(worker.getByLabel('Address'), 500);
    await expectCapped(worker.getByLabel('Tax ID'), 60);

    await page.goto('/#/documents/templates');
    const form = new TemplateFormScreen(page, 'New template').form;
    await expectCapped(form.getByLabel('Document name'), 200);
    await form.getByLabel('Document name').fill('Handbook');
    const body = text(100_010);
    await form.getByLabel('Document text').fill(body);
    await expect(form.getByText('100,010 of 100,000 characters: shorten it by 10')).toBeVisible();
    await form.getByRole('button', { name: 'Create template' }).click();
    await expect(form.getByRole('alert').first()).toContainText(
      'Shorten the document text to 100,000 characters or fewer.',
    );
    await expect(form.getByLabel('Document text')).toHaveValue(body);
    await expect(
      page.getByRole('list', { name: 'Templates' }).getByRole('link', { name: 'Handbook' }),
    ).toHaveCount(0);
    await createTemplate(page, { name: 'NDA', model: 'none' });
  });

  test('policy, plan and settings: numbers and names stop at their limit, far dates are explained', async ({
    page,
  }) => {
    await new CustomersScreen(page).open();
    await new CustomersScreen(page).add('Jan Novak');
    const policies = new CustomerPoliciesPanel(page);
    await expectCapped(policies.form.getByLabel('Policy number'), 100);
    await expectCapped(policies.form.getByLabel('Product'), 200);
    await policies.form.getByLabel('Policy number').fill('P-2026-0042');
    await policies.form.getByLabel('Product').fill('Commercial auto');
    await policies.form.getByLabel('First term starts').fill('0026-01-01');
    await policies.form.getByLabel('First term ends').fill('2027-01-01');
    await policies.form.getByRole('button', { name: 'Add policy' }).click();
    await expect(policies.form.getByRole('alert')).toHaveText(
      'The year must be between 1900 and 2199. Did you mean 2026-01-01?',
    );
    await expect(policies.form.getByLabel('Product')).toHaveValue('Commercial auto');

    const plans = new PlansScreen(page);
    await plans.open();
    await expectCapped(plans.form.getByLabel('Plan name'), 200);
    await expectCapped(plans.form.getByLabel('Webhook URL'), 2000);

    await page.goto('/#/settings');
    const office = page.getByRole('form', { name: 'Office settings' });
    await expectCapped(office.getByLabel('Office name'), 200);
    await expectCapped(office.getByLabel('Staff member 1'), 200);
  });

  test('a record stored out of limits by an older build or by hand: the screens show it, a save of it is refused naming the field', async ({
    page,
  }) => {
    const customers = new CustomersScreen(page);
    const customer = new CustomerScreen(page);
    await customers.open();
    await customers.add('Elif Kaya');
    await customer.fillRenewal({ dueDate: '2026-09-30', notes: 'Standard permit' });
    await customer.submitRenewal();
    await expect(customer.renewal('due 2026-09-30')).toBeVisible();

    // Edit the stored record behind the app's back, in RxDB's own IndexedDB table.
    const edited = await page.evaluate<number>(`new Promise((resolve, reject) => {
      const open = indexedDB.open('rxdb-dexie-nolapse--3--renewals');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const store = open.result.transaction('docs', 'readwrite').objectStore('docs');
        const all = store.getAll();
        all.onsuccess = () => {
          for (const doc of all.result)
            store.put({
              ...doc,
              dueDate: '0026-09-30',
              notes: 'n'.repeat(20000),
              // What a migration keeps of a value it had to change, as shared/schema/fit-to-schema.ts writes it.
              keptByMigration: [{ field: 'policyId', value: 'P-2026-0042 (from the card: TR IKM 2026 0042)', note: 'Longer than 200 characters: shortened there, kept here in full.', version: 2 }],
            });
          store.transaction.oncomplete = () => resolve(all.result.length);
        };
      };
    })`);
    expect(edited).toBe(1);
    await page.reload();

    // Every screen still shows it, with what an update kept of it.
    await expect(customer.renewal('due 0026-09-30')).toBeVisible();
    const kept = customer.renewal('due 0026-09-30').getByRole('group', {
      name: 'Kept from an earlier version of this renewal',
    });
    await kept.getByText('An update changed one value of this renewal').click();
    await expect(kept).toContainText('P-2026-0042 (from the card: TR IKM 2026 0042)');
    await page.screenshot({ path: 'test-results/screens/input-limits-kept.png' });
    const queue = new QueueScreen(page);
    await queue.open();
    await expect(queue.rows.filter({ hasText: 'Elif Kaya' })).toHaveCount(1);
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Elif Kaya', level: 1 })).toBeVisible();

    // A change to it is refused, naming the record and each field out of bounds; the dialog keeps its input.
    await customer.renewal('due 0026-09-30').getByRole('button', { name: 'Snooze…' }).click();
    const dialog = new AcknowledgeDialog(page);
    await dialog.snoozeUntil('2026-03-20', 'Client abroad');
    const alert = dialog.dialog.getByRole('alert');
    await expect(alert).toContainText(
      'dueDate: "0026-09-30" is not a date between 1900 and 2199 written YYYY-MM-DD; notes: at most 10,000 characters (this has 20,000).',
    );
    await expect(dialog.field('Note (optional)')).toHaveValue('Client abroad');
    await page.screenshot({ path: 'test-results/screens/input-limits-stored-record.png' });
  });
});
