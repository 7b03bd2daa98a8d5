import { describe, expect, it } from 'vitest';
import { checkCustomer, checkPermit } from './customers/customer-input.js';
import { planTemplateCreate, planTemplateEdit } from './documents/template.js';
import { planWorker } from './documents/worker-input.js';
import { LIMITS } from './limits.js';
import { checkOfficeSettings, defaultOfficeSettings } from './office.js';
import { validateAutoRenewalPlan } from './policies/plan.js';
import { planPolicy } from './policies/policy-input.js';
import { checkSnooze } from './renewals/acknowledge.js';
import { checkNextRenewal, completedOnProblem } from './renewals/completion.js';
import { createManualRenewal } from './renewals/create.js';
import { checkReassignment } from './renewals/tasks.js';
import type { Renewal } from './schema/renewal.js';

const NOW = '2026-03-01T09:00:00.000Z';
const over = (limit: number) => 'x'.repeat(limit + 1);
const at = (limit: number) => 'x'.repeat(limit);
const RANGE = 'The year must be between 1900 and 2199. Did you mean 2026-03-15?';

describe('every input rule bounds its text and its dates', () => {
  it('customers: name, email, phone, nationality, notes; permits: number and expiry', () => {
    const base = { name: 'Elif Kaya', assigneeId: 'ayse' };
    const check = (fields: Record<string, string>) =>
      checkCustomer({ ...base, ...fields }, { id: 'cus_1', now: NOW });
    expect(check({ name: over(LIMITS.name) })).toEqual({
      ok: false,
      errors: { name: 'Shorten the name to 200 characters or fewer.' },
    });
    expect(check({ email: `${over(LIMITS.email)}@x.io` })).toMatchObject({
      errors: { email: 'Shorten the email to 254 characters or fewer.' },
    });
    expect(check({ phone: over(LIMITS.phone) })).toMatchObject({
      errors: { phone: 'Shorten the phone number to 60 characters or fewer.' },
    });
    expect(check({ nationality: over(LIMITS.nationality) })).toMatchObject({
      errors: { nationality: 'Shorten the nationality to 80 characters or fewer.' },
    });
    expect(check({ notes: over(LIMITS.notes) })).toMatchObject({
      errors: { notes: 'Shorten the notes to 10,000 characters or fewer.' },
    });
    expect(check({ name: at(LIMITS.name), notes: at(LIMITS.notes) }).ok).toBe(true);
    const permit = { kind: 'WORK_PERMIT' as const, state: 'ISSUED' as const };
    expect(
      checkPermit({ ...permit, number: over(LIMITS.number), expiresOn: '2027-01-01' }, 'p'),
    ).toEqual({
      ok: false,
      errors: { number: 'Shorten the permit number to 100 characters or fewer.' },
    });
    expect(checkPermit({ ...permit, number: 'W-1', expiresOn: '0026-03-15' }, 'p')).toEqual({
      ok: false,
      errors: { expiresOn: RANGE },
    });
    expect(checkPermit({ ...permit, number: 'W-1', expiresOn: '2200-01-01' }, 'p')).toEqual({
      ok: false,
      errors: { expiresOn: 'The year must be between 1900 and 2199.' },
    });
  });

  it('renewals: due date in 1900-2199, policy id, notes, repeat rule', () => {
    const create = (fields: Record<string, string>) =>
      createManualRenewal(
        { serviceType: 'WORK_PERMIT', dueDate: '2026-03-15', assigneeId: 'ayse', ...fields },
        { id: 'ren_1', customerId: 'cus_1', now: NOW },
      );
    expect(create({ dueDate: '0026-03-15' })).toEqual({ ok: false, errors: { dueDate: RANGE } });
    expect(create({ dueDate: '1899-12-31' })).toMatchObject({
      errors: { dueDate: 'The year must be between 1900 and 2199.' },
    });
    expect(create({ dueDate: '1900-01-01' }).ok).toBe(true);
    expect(create({ dueDate: '2199-12-31' }).ok).toBe(true);
    expect(create({ notes: over(LIMITS.notes) })).toMatchObject({
      errors: { notes: 'Shorten the notes to 10,000 characters or fewer.' },
    });
    expect(create({ policyId: over(LIMITS.reference) })).toMatchObject({
      errors: { policyId: 'Shorten the policy id to 120 characters or fewer.' },
    });
    expect(create({ recurrence: `FREQ=YEARLY;${'INTERVAL=1;'.repeat(50)}` })).toMatchObject({
      errors: { recurrence: 'Shorten the repeat rule to 500 characters or fewer.' },
    });
    expect(create({ serviceType: `A${'B'.repeat(LIMITS.code)}` }).ok).toBe(false);
  });

  it('completing, snoozing and reassigning: dates in range, notes of sane size', () => {
    const renewal = { id: 'ren_1', dueDate: '2026-03-15', status: 'ACTIVE' } as Renewal;
    expect(checkNextRenewal(renewal, { kind: 'date', dueDate: '0027-03-15' })).toEqual({
      ok: false,
      errors: { dueDate: 'The year must be between 1900 and 2199. Did you mean 2027-03-15?' },
    });
    expect(
      checkNextRenewal(renewal, {
        kind: 'permit',
        number: over(LIMITS.number),
        expiresOn: '2027-03-15',
      }),
    ).toMatchObject({
      errors: { number: 'Shorten the permit number to 100 characters or fewer.' },
    });
    expect(completedOnProblem('0026-03-10', '2026-03-12')).toBe(
      'The year must be between 1900 and 2199. Did you mean 2026-03-10?',
    );
    expect(checkSnooze(renewal, { until: '0026-03-20' }, '2026-03-01')).toEqual({
      ok: false,
      errors: { until: 'The year must be between 1900 and 2199. Did you mean 2026-03-20?' },
    });
    expect(
      checkSnooze(renewal, { until: '2026-03-20', note: over(LIMITS.shortNote) }, '2026-03-01'),
    ).toMatchObject({
      errors: { note: 'Shorten the note to 500 characters or fewer.' },
    });
    expect(
      checkReassignment('ayse', { assigneeId: 'can', note: over(LIMITS.shortNote) }, [
        { id: 'can', name: 'Can' },
      ]),
    ).toMatchObject({ errors: { note: 'Shorten the note to 500 characters or fewer.' } });
  });

  it('workers: name, email (254), phone, address, tax id', () => {
    const base = { fullName: 'Maria Lopez', email: '', phone: '', address: '', taxId: '' };
    const plan = (fields: Record<string, string>) =>
      planWorker({ ...base, ...fields }, { id: 'wrk_1', now: NOW });
    expect(plan({ email: `${'m'.repeat(250)}@x.io` })).toMatchObject({
      errors: { email: 'Shorten the email to 254 characters or fewer.' },
    });
    expect(plan({ address: over(LIMITS.address) })).toMatchObject({
      errors: { address: 'Shorten the address to 500 characters or fewer.' },
    });
    expect(plan({ fullName: over(LIMITS.name) })).toMatchObject({
      errors: { fullName: 'Shorten the name to 200 characters or fewer.' },
    });
  });

  it('policies: number (100), product, and term dates in range', () => {
    const base = {
      number: 'P-1',
      productName: 'Commercial auto',
      startDate: '2026-01-01',
      endDate: '2027-01-01',
      assigneeId: 'ayse',
    };
    const plan = (fields: Record<string, string>) =>
      planPolicy(
        { ...base, ...fields },
        { id: 'pol_1', customerId: 'cus_1', timeZone: 'UTC', now: NOW },
      );
    expect(plan({ number: over(LIMITS.number) })).toMatchObject({
      errors: { number: 'Shorten the policy number to 100 characters or fewer.' },
    });
    expect(plan({ number: at(LIMITS.number) }).ok).toBe(true);
    expect(plan({ productName: over(LIMITS.name) })).toMatchObject({
      errors: { productName: 'Shorten the product name to 200 characters or fewer.' },
    });
    expect(plan({ startDate: '0026-01-01', endDate: '2300-01-01' })).toEqual({
      ok: false,
      errors: {
        startDate: 'The year must be between 1900 and 2199. Did you mean 2026-01-01?',
        endDate: 'The year must be between 1900 and 2199.',
      },
    });
  });

  it('plans, office settings and staff', () => {
    const plan = {
      id: 'plan_1',
      name: over(LIMITS.name),
      renewalCreateLeadDays: 60,
      renewalAcceptLeadDays: 30,
      renewalIssueLeadDays: 7,
      generateAutoRenewals: true,
      newTermDurationMonths: 12,
      plugins: [
        { kind: 'webhook', url: `https://hooks.example/${over(LIMITS.url)}`, timeoutMs: 5000 },
      ],
    };
    const checked = validateAutoRenewalPlan(plan);
    expect(!checked.ok && checked.errors).toEqual([
      { field: 'name', message: 'Shorten the plan name to 200 characters or fewer.' },
      { field: 'plugins.0.url', message: 'Shorten the webhook URL to 2,000 characters or fewer.' },
    ]);
    const office = defaultOfficeSettings('UTC');
    const result = checkOfficeSettings({
      ...office,
      officeName: over(LIMITS.name),
      staff: [{ id: 'me', name: 'Me', email: `${'a'.repeat(250)}@x.io` }],
    });
    expect(!result.ok && result.errors).toMatchObject({
      officeName: 'Shorten the office name to 200 characters or fewer.',
      'staff.0.email': 'Shorten the email address to 254 characters or fewer.',
    });
  });

  it('templates: name, labels, at most 100 fields, text of at most 100,000 characters', () => {
    const draft = {
      name: 'NDA',
      fields: [{ key: 'fullName', label: 'Full name', type: 'text', required: true }],
      body: 'I, {{fullName}}, agree.',
      renewalModel: { kind: 'none' },
    };
    const errorsOf = (changes: Record<string, unknown>) => {
      const plan = planTemplateCreate('tpl_1', { ...draft, ...changes }, NOW);
      return plan.ok ? [] : plan.errors.map((e) => `${e.where}: ${e.message}`);
    };
    expect(errorsOf({ body: over(LIMITS.templateBody) })).toEqual([
      'Document text: Shorten the document text to 100,000 characters or fewer.',
    ]);
    expect(errorsOf({ body: at(LIMITS.templateBody) })).toEqual([]);
    expect(
      errorsOf({
        fields: Array.from({ length: 101 }, (_, i) => ({
          key: `f${i}`,
          label: `Field ${i}`,
          type: 'text',
          required: false,
        })),
        body: '',
      }),
    ).toEqual(['Fields: A template can ask for at most 100 fields; split it into two documents.']);
    expect(
      errorsOf({
        fields: [{ key: 'fullName', label: over(LIMITS.name), type: 'text', required: true }],
      }),
    ).toEqual([
      `Field 1 ("${over(LIMITS.name)}"), label: Shorten the label to 200 characters or fewer.`,
    ]);
  });

  it('refuses a template edit whose versions together would not sync, saying what to do', () => {
    const long = (n: number) => ({
      ...{ name: 'Handbook', fields: [], renewalModel: { kind: 'none' } },
      body: `v${n} ${'x'.repeat(99_000)}`,
    });
    const created = planTemplateCreate('tpl_1', long(1), NOW);
    if (!created.ok) throw new Error('the first version fits');
    const second = planTemplateEdit(created.template, long(2), NOW);
    if (!second.ok) throw new Error('two versions fit');
    const third = planTemplateEdit(second.template, long(3), NOW);
    expect(third.ok).toBe(false);
    expect(!third.ok && third.errors[0]).toEqual({
      path: 'body',
      where: 'Document text',
      message:
        'With all its versions this template would hold 291 KiB, and a template can hold at most 256 KiB so every device can sync it. Shorten the text, or create a new template for the new text.',
    });
  });
});
