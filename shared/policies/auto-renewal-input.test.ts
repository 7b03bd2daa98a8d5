import { describe, expect, it } from 'vitest';
import { checkAutoRenewalForm, type AutoRenewalForm } from './auto-renewal-input.js';
import { aPolicy } from './fixtures.js';
import type { Policy } from './model.js';

const TZ = 'Europe/Istanbul';
/** P-1 in Istanbul: its term runs 2026-01-01 to 2027-01-01, midnight office time. */
const policy: Policy = {
  ...aPolicy,
  terms: [
    { termNumber: 1, startTime: '2025-12-31T21:00:00.000Z', endTime: '2026-12-31T21:00:00.000Z' },
  ],
};
const form = (changes: Partial<AutoRenewalForm> = {}): AutoRenewalForm => ({
  createTime: '2026-11-01',
  acceptTime: '2026-12-01 09:30',
  issueTime: '2027-01-01',
  termMonths: '12',
  type: 'renewal',
  ...changes,
});

describe('checkAutoRenewalForm', () => {
  it('reads office times, the term length and the type', () => {
    expect(checkAutoRenewalForm(policy, form({ type: ' renewal ' }), TZ)).toEqual({
      ok: true,
      value: {
        createTime: '2026-10-31T21:00:00.000Z',
        acceptTime: '2026-12-01T06:30:00.000Z',
        issueTime: '2026-12-31T21:00:00.000Z',
        newTermDurationMonths: 12,
        transactionType: 'renewal',
      },
    });
  });

  it('keeps an empty step as no automatic action', () => {
    const result = checkAutoRenewalForm(policy, form({ acceptTime: '', issueTime: '' }), TZ);
    expect(result).toMatchObject({ ok: true, value: { acceptTime: null, issueTime: null } });
  });

  it('names each field that is not an office time', () => {
    expect(
      checkAutoRenewalForm(
        policy,
        form({ createTime: '1 Nov', issueTime: '2027-01-01 25:00' }),
        TZ,
      ),
    ).toEqual({
      ok: false,
      errors: {
        createTime: 'Use YYYY-MM-DD or YYYY-MM-DD HH:MM (office time), or leave it empty.',
        issueTime: 'Use YYYY-MM-DD or YYYY-MM-DD HH:MM (office time), or leave it empty.',
      },
    });
  });

  it('refuses times out of order on the later step', () => {
    expect(
      checkAutoRenewalForm(
        policy,
        form({ createTime: '2026-12-10', acceptTime: '2026-12-01' }),
        TZ,
      ),
    ).toEqual({
      ok: false,
      errors: { acceptTime: 'The accept time must be at or after the create time (2026-12-10).' },
    });
    expect(
      checkAutoRenewalForm(policy, form({ acceptTime: '', issueTime: '2026-10-01' }), TZ),
    ).toEqual({
      ok: false,
      errors: { issueTime: 'The issue time must be at or after the create time (2026-11-01).' },
    });
  });

  it('refuses times outside the latest term', () => {
    expect(
      checkAutoRenewalForm(policy, form({ createTime: '2025-12-01', issueTime: '2027-01-02' }), TZ),
    ).toEqual({
      ok: false,
      errors: {
        createTime: 'The create time must be within term 1, which starts 2026-01-01.',
        issueTime:
          'The issue time must be no later than the end of term 1 (2027-01-01); later would leave the policy uncovered.',
      },
    });
  });

  it('asks for at least one time', () => {
    expect(
      checkAutoRenewalForm(policy, form({ createTime: '', acceptTime: ' ', issueTime: '' }), TZ),
    ).toEqual({
      ok: false,
      errors: {
        createTime:
          'Give at least one time: with none the auto-renewal never acts (to stop renewals, use Do not renew).',
      },
    });
  });

  it('refuses a term length that is not 1 to 120 whole months, and an empty type', () => {
    for (const termMonths of ['0', '121', '6.5', 'twelve', ''])
      expect(checkAutoRenewalForm(policy, form({ termMonths }), TZ)).toEqual({
        ok: false,
        errors: {
          termMonths: 'Enter the new term’s length as a whole number of months from 1 to 120.',
        },
      });
    expect(checkAutoRenewalForm(policy, form({ type: '  ' }), TZ)).toEqual({
      ok: false,
      errors: { type: 'Give the renewal a type, e.g. renewal.' },
    });
  });
});
