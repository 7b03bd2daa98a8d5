import { expect, test, type Locator, type Page } from '@playwright/test';
import { CustomerScreen } from './pages';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const at = (date: string) => new Date(`${date}T09:00:00Z`);

/** Settings → Office → Staff: a row per person that opens to their details. */
class StaffEditor {
  readonly office: Locator;
  constructor(readonly page: Page) {
    this.office = page.getByRole('form', { name: 'Office settings' });
  }
  async open() {
    await this.page.goto('/#/settings');
    await expect(this.office.getByLabel('Staff member 1')).toBeVisible();
  }
  member(name: string): Locator {
    return this.office
      .getByRole('list', { name: 'Staff members' })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('button', { name: `Remove ${name}` }) });
  }
  /** Screenshots the whole staff editor, on a page tall enough to hold it. */
  async screenshot(file: string) {
    const viewport = this.page.viewportSize()!;
    await this.page.setViewportSize({ width: viewport.width, height: 2400 });
    await this.office
      .getByRole('group', { name: /^Staff \(/ })
      .screenshot({ path: `test-results/screens/${file}` });
    await this.page.setViewportSize(viewport);
  }
  details(name: string): Locator {
    return this.office.getByRole('group', { name: `${name}: details` });
  }
  /** Opens a member's details unless they are open (a member just added opens by itself). */
  async showDetails(name: string) {
    const toggle = this.member(name).getByRole('button', { name: `details of ${name}` });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(this.details(name)).toBeVisible();
  }
  async save() {
    await this.office.getByRole('button', { name: 'Save settings' }).click();
  }
  /** Saves and waits for the confirmation, then dismisses it so the next save shows its own. */
  async saved() {
    await this.save();
    const toast = this.page.getByRole('status').filter({ hasText: 'Settings saved.' });
    await expect(toast).toBeVisible();
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await expect(toast).toHaveCount(0);
  }
  /** Names the first member and adds the others. */
  async nameStaff(names: string[]) {
    for (const [i, name] of names.entries()) {
      if (i > 0) await this.office.getByRole('button', { name: '+ Add staff member' }).click();
      await this.office.getByLabel(`Staff member ${i + 1}`, { exact: true }).fill(name);
    }
  }
}

test.describe('the staff editor in Settings', () => {
  test("keeps a member's email, role and weekly email digest across a reload", async ({ page }) => {
    await page.clock.install({ time: at('2026-03-02') });
    const staff = new StaffEditor(page);
    await staff.open();
    await staff.nameStaff(['Ayşe', 'Mehmet']);
    await staff.saved();

    // Defaults say what is in effect: Ayşe is the first and nobody is admin, so she acts as one.
    await staff.showDetails('Mehmet');
    const mehmet = staff.details('Mehmet');
    await expect(mehmet.getByLabel('Email reminders')).toHaveValue('');
    await expect(mehmet.getByText('Default: daily digest at 08:00')).toBeVisible();
    await expect(mehmet.getByText('Default: each reminder as it comes')).toBeVisible();
    await expect(mehmet.getByLabel('Webhook address')).toHaveCount(0);
    await staff.showDetails('Ayşe');
    await expect(
      staff.details('Ayşe').getByText('Default: weekly digest on Mondays at 08:00'),
    ).toBeVisible();

    await mehmet.getByLabel('Email', { exact: true }).fill('mehmet@agency.example');
    await mehmet.getByRole('checkbox', { name: /^Admin/ }).check();
    await mehmet.getByLabel('Email reminders').selectOption({ label: 'Weekly digest' });
    await mehmet.getByLabel('Email digest day').selectOption({ label: 'Friday' });
    await mehmet.getByLabel('Email digest time').fill('17:00');
    // Marking Mehmet admin ends Ayşe's stand-in role: her default follows.
    await expect(
      staff.details('Ayşe').getByText('Default: daily digest at 08:00').first(),
    ).toBeVisible();
    await staff.screenshot('staff-editor-expanded.png');
    await staff.saved();

    await page.reload();
    await expect(staff.office.getByLabel('Staff member 2', { exact: true })).toHaveValue('Mehmet');
    await expect(staff.member('Mehmet')).toContainText('mehmet@agency.example');
    await expect(staff.member('Mehmet')).toContainText('Admin');
    await expect(staff.member('Mehmet')).toContainText('Email: Fri 17:00');
    await expect(staff.details('Mehmet')).toHaveCount(0);
    await staff.screenshot('staff-editor.png');
    await staff.showDetails('Mehmet');
    await expect(mehmet.getByLabel('Email', { exact: true })).toHaveValue('mehmet@agency.example');
    await expect(mehmet.getByRole('checkbox', { name: /^Admin/ })).toBeChecked();
    await expect(mehmet.getByRole('checkbox', { name: /^Supervisor/ })).not.toBeChecked();
    await expect(mehmet.getByLabel('Email reminders')).toHaveValue('weekly');
    await expect(mehmet.getByLabel('Email digest day')).toHaveValue('5');
    await expect(mehmet.getByLabel('Email digest time')).toHaveValue('17:00');
  });

  test('a refused save shows each problem beside its field and keeps what was typed', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-03-02') });
    const staff = new StaffEditor(page);
    await staff.open();
    await staff.nameStaff(['Ayşe', 'Mehmet']);
    await staff.showDetails('Mehmet');
    const mehmet = staff.details('Mehmet');
    await mehmet.getByLabel('Email', { exact: true }).fill('mehmet at agency');
    await mehmet.getByLabel('Webhook reminders').selectOption({ label: 'Each as it comes' });
    await expect(mehmet.getByLabel('Webhook address')).toBeVisible();
    await mehmet.getByLabel('Email reminders').selectOption({ label: 'Daily digest' });
    await mehmet.getByLabel('Email digest time').fill('7pm');
    // Closed before saving: the refusal opens it again.
    await staff.member('Mehmet').getByRole('button', { name: 'Hide details of Mehmet' }).click();
    await staff.save();

    await expect(mehmet).toBeVisible();
    const email = mehmet.getByLabel('Email', { exact: true });
    await expect(email).toHaveValue('mehmet at agency');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toBeFocused();
    await expect(email).toHaveAccessibleDescription(
      'Enter an email address like ayse@agency.example, or leave it empty.',
    );
    await expect(mehmet.getByLabel('Webhook address')).toHaveAccessibleDescription(
      'Enter the webhook address (https://…), or turn webhook reminders off.',
    );
    await expect(mehmet.getByLabel('Email digest time')).toHaveValue('7pm');
    await expect(mehmet.getByLabel('Email digest time')).toHaveAccessibleDescription(
      "Use a 24-hour local time written 'HH:MM', such as '07:30'.",
    );
    await expect(staff.office.getByRole('alert').last()).toHaveText(
      'Mehmet (email): Enter an email address like ayse@agency.example, or leave it empty. Fix 2 more problems marked in the list.',
    );
    await staff.screenshot('staff-editor-errors.png');

    await email.fill('mehmet@agency.example');
    await mehmet.getByLabel('Webhook address').fill('https://hooks.example/T1');
    await mehmet.getByLabel('Email digest time').fill('19:00');
    await staff.saved();
    await page.reload();
    await staff.showDetails('Mehmet');
    await expect(mehmet.getByLabel('Email digest time')).toHaveValue('19:00');
    await expect(mehmet.getByLabel('Webhook address')).toHaveValue('https://hooks.example/T1');
  });

  test('a long staff list stays compact and can be searched', async ({ page }) => {
    await page.clock.install({ time: at('2026-03-02') });
    const staff = new StaffEditor(page);
    const names = [
      'Ayşe',
      'Mehmet',
      'Elif',
      'Can',
      'Zeynep',
      'Deniz Aydın',
      'Burak',
      'Selin',
      'Emre',
    ];
    await staff.open();
    await staff.nameStaff(names);
    await staff.saved();
    await page.reload();
    const rows = staff.office.getByRole('list', { name: 'Staff members' }).getByRole('listitem');
    await expect(rows).toHaveCount(9);
    await expect(staff.office.getByRole('button', { name: /^Show details of/ })).toHaveCount(9);
    await staff.screenshot('staff-editor-many.png');
    await staff.office.getByLabel('Find a staff member').fill('ay');
    await expect(rows).toHaveCount(2);
    await expect(staff.member('Ayşe')).toBeVisible();
    await expect(staff.member('Deniz Aydın')).toBeVisible();
    await staff.office.getByLabel('Find a staff member').fill('xyz');
    await expect(rows).toHaveText(['Nobody matches “xyz”.']);
  });

  test('the tab title counts the overdue and urgent renewals of whoever uses the device', async ({
    page,
  }) => {
    await page.clock.install({ time: at('2026-03-02') });
    const staff = new StaffEditor(page);
    const customer = new CustomerScreen(page);
    await staff.open();
    await staff.nameStaff(['Ayşe', 'Mehmet']);
    await staff.saved();

    const addCustomer = async (name: string, agent: string, dueDates: string[]) => {
      await page.goto('/#/customers');
      const form = page.getByRole('form', { name: 'New customer' });
      await form.getByLabel('Full name').fill(name);
      await form.getByLabel('Responsible agent').selectOption({ label: agent });
      await form.getByRole('button', { name: 'Add customer' }).click();
      await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
      for (const dueDate of dueDates) {
        await customer.fillRenewal({ service: 'Work permit', dueDate });
        await customer.submitRenewal();
        await expect(customer.renewal(`due ${dueDate}`)).toBeVisible();
      }
    };
    // Ayşe: one overdue, one due in 5 days, one far off. Mehmet: one due in 7 days, one in 8.
    await addCustomer('Can Yılmaz', 'Ayşe', ['2026-02-20', '2026-03-07', '2026-09-01']);
    await addCustomer('Deniz Aydın', 'Mehmet', ['2026-03-09', '2026-03-10']);

    // A shared device: everyone's count.
    await expect(page).toHaveTitle('(3) NoLapse');
    await page.goto('/#/settings');
    await page.getByLabel('Used by').selectOption({ label: 'Ayşe' });
    await expect(page).toHaveTitle('(2) NoLapse');
    await page.getByLabel('Used by').selectOption({ label: 'Mehmet' });
    await expect(page).toHaveTitle('(1) NoLapse');
    // The next day Mehmet's renewal due in 8 days becomes urgent too.
    await page.clock.fastForward('24:00:00');
    await page.clock.runFor(61_000);
    await expect(page).toHaveTitle('(2) NoLapse');
    await page.getByLabel('Used by').selectOption({ label: 'Nobody in particular (a shared PC)' });
    await expect(page).toHaveTitle('(4) NoLapse');
  });
});
