import { describe, expect, it } from 'vitest';
import { workerBannerText } from './banner.js';
import type { ComplianceReason } from './sweep.js';

const reason: ComplianceReason = {
  templateId: 'tpl_w9',
  document: 'W-9',
  instanceId: 'doc:tpl_w9:wrk_1',
  state: 'grace',
  blocking: true,
  expiresOn: '2027-03-01',
  blockedFrom: '2027-03-08',
  message: 'Your W-9 has expired. Renew within 7 days.',
};

describe('workerBannerText', () => {
  it('tells a worker in grace how many days are left, as the office words it', () => {
    expect(workerBannerText(reason)).toBe('Your W-9 has expired. Renew within 7 days.');
  });

  it('tells a blocked worker why they get no jobs', () => {
    expect(workerBannerText({ ...reason, state: 'blocked' })).toBe(
      'Your W-9 expired on 2027-03-01. You cannot be assigned jobs until you sign its renewal.',
    );
  });

  it('asks to sign an expired document that blocks nothing, without a deadline', () => {
    expect(workerBannerText({ ...reason, blocking: false })).toBe(
      'Your W-9 has expired. Please sign its renewal.',
    );
    expect(workerBannerText({ ...reason, blocking: false, state: 'expired' })).toBe(
      'Your W-9 expired on 2027-03-01. Please sign its renewal.',
    );
  });
});
