import type { AutoRenewalPlan, Policy } from './model.js';

/** A one-term commercial auto policy for 2026, for tests. */
export const aPolicy: Policy = {
  id: 'pol1',
  customerId: 'cus1',
  number: 'P-1',
  productName: 'Commercial auto',
  assigneeId: 'agent1',
  terms: [
    { termNumber: 1, startTime: '2026-01-01T00:00:00.000Z', endTime: '2027-01-01T00:00:00.000Z' },
  ],
  state: 'active',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** A yearly plan: create 60, accept 30, issue 7 days before the term ends. */
export const aYearlyPlan: AutoRenewalPlan = {
  id: 'plan1',
  name: 'Yearly',
  renewalCreateLeadDays: 60,
  renewalAcceptLeadDays: 30,
  renewalIssueLeadDays: 7,
  generateAutoRenewals: true,
  newTermDurationMonths: 12,
  plugins: ['renewal-notice'],
};
