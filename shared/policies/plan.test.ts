import { describe, expect, it } from 'vitest';
import { validateAutoRenewalPlan } from './plan.js';

const draft = {
  id: 'plan1',
  name: 'Yearly',
  renewalCreateLeadDays: 60,
  renewalAcceptLeadDays: 30,
  renewalIssueLeadDays: 7,
  generateAutoRenewals: true,
  newTermDurationMonths: 12,
  plugins: [
    'renewal-notice',
    { kind: 'webhook', url: 'https://hooks.example.com/renewal', timeoutMs: 5000 },
  ],
};

describe('validateAutoRenewalPlan', () => {
  it('accepts a complete plan', () => {
    expect(validateAutoRenewalPlan(draft)).toEqual({ ok: true, plan: draft });
  });

  it('names each wrong field with what to do', () => {
    const result = validateAutoRenewalPlan({
      ...draft,
      renewalCreateLeadDays: -1,
      renewalIssueLeadDays: 2.5,
      newTermDurationMonths: 121,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { field: 'renewalCreateLeadDays', message: 'Create lead days cannot be negative.' },
        {
          field: 'renewalIssueLeadDays',
          message: 'Issue lead days must be a whole number of days.',
        },
        {
          field: 'newTermDurationMonths',
          message: 'The new term duration can be at most 120 months.',
        },
      ]),
    );
  });

  it('requires create ≥ accept ≥ issue lead days', () => {
    const result = validateAutoRenewalPlan({
      ...draft,
      renewalAcceptLeadDays: 90,
      renewalIssueLeadDays: 95,
    });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([
      'renewalAcceptLeadDays',
      'renewalIssueLeadDays',
    ]);
  });

  it('accepts only http(s) webhook URLs', () => {
    const result = validateAutoRenewalPlan({
      ...draft,
      plugins: [{ kind: 'webhook', url: 'ftp://example.com', timeoutMs: 5000 }],
    });
    expect(result).toMatchObject({
      ok: false,
      errors: [
        {
          field: 'plugins.0.url',
          message: 'The webhook URL must be a full http:// or https:// address.',
        },
      ],
    });
    expect(
      validateAutoRenewalPlan({
        ...draft,
        plugins: [{ kind: 'webhook', url: 'http://localhost:8080/hook', timeoutMs: 5000 }],
      }).ok,
    ).toBe(true);
  });

  it('rejects a duration below one month', () => {
    expect(validateAutoRenewalPlan({ ...draft, newTermDurationMonths: 0 })).toMatchObject({
      ok: false,
      errors: [
        {
          field: 'newTermDurationMonths',
          message: 'The new term duration must be at least 1 month.',
        },
      ],
    });
  });
});
