import { describe, expect, it } from 'vitest';
import type { Customer } from '../schema/customer.js';
import { createManualRenewal, renewalForPermit, renewalForPolicyTerm } from './create.js';

const now = '2026-01-10T09:00:00.000Z';
const customer: Customer = {
  id: 'cus_1',
  name: 'Ayşe Demir',
  assigneeId: 'agent_mehmet',
  permits: [],
  createdAt: now,
  updatedAt: now,
};

describe('creating renewals', () => {
  it('creates a manual renewal like POST /ops/customers/:id/renewals', () => {
    const result = createManualRenewal(
      {
        serviceType: 'RESIDENCE_PERMIT',
        dueDate: '2026-03-15',
        policyId: 'pol_abc123',
        notes: 'Standard 1-year permit',
        assigneeId: 'agent_mehmet',
      },
      { id: 'ren_9', customerId: 'cus_1', now },
    );
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        id: 'ren_9',
        status: 'ACTIVE',
        stage: null,
        dueDate: '2026-03-15',
        policyId: 'pol_abc123',
        nextStageOn: '2025-12-15',
      }),
    });
  });

  it('explains a due date that does not exist and names the field', () => {
    const result = createManualRenewal(
      { serviceType: 'WORK_PERMIT', dueDate: '2026-02-30', assigneeId: 'a' },
      { id: 'r', customerId: 'c', now },
    );
    expect(result).toEqual({
      ok: false,
      errors: { dueDate: 'Enter a real date as YYYY-MM-DD, for example 2026-03-15.' },
    });
  });

  it('reports every wrong field at once', () => {
    const result = createManualRenewal(
      { serviceType: 'lower case', dueDate: '', assigneeId: '', recurrence: 'FREQ=SOMETIMES' },
      { id: 'r', customerId: 'c', now },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      'assigneeId',
      'dueDate',
      'recurrence',
      'serviceType',
    ]);
    expect(result.errors.recurrence).toContain('not a valid RRULE');
  });

  it('accepts an office-defined service type', () => {
    expect(
      createManualRenewal(
        { serviceType: 'VISA_EXTENSION', dueDate: '2026-05-01', assigneeId: 'a' },
        { id: 'r', customerId: 'c', now },
      ).ok,
    ).toBe(true);
  });

  it('creates a renewal when a residence permit is approved, not before', () => {
    const permit = {
      id: 'prm_1',
      kind: 'RESIDENCE_PERMIT' as const,
      number: 'RP-77',
      state: 'APPLIED' as const,
      expiresOn: '2027-01-31',
    };
    expect(renewalForPermit(customer, permit, now)).toBeNull();
    expect(renewalForPermit(customer, { ...permit, state: 'APPROVED' }, now)).toMatchObject({
      id: 'ren:permit:prm_1@2027-01-31',
      serviceType: 'RESIDENCE_PERMIT',
      dueDate: '2027-01-31',
      permitId: 'prm_1',
      assigneeId: 'agent_mehmet',
    });
  });

  it('creates a renewal when a work permit is issued', () => {
    const permit = {
      id: 'prm_2',
      kind: 'WORK_PERMIT' as const,
      number: 'WP-1',
      state: 'ISSUED' as const,
      expiresOn: '2027-06-30',
    };
    expect(renewalForPermit(customer, permit, now)?.serviceType).toBe('WORK_PERMIT');
    expect(renewalForPermit(customer, { ...permit, state: 'APPROVED' }, now)).toBeNull();
  });

  it('creates a renewal for an issued policy term due on its end date', () => {
    expect(
      renewalForPolicyTerm(
        {
          customerId: 'cus_1',
          policyId: 'pol_1',
          policyNumber: 'P-100',
          endDate: '2027-01-01',
          assigneeId: 'agent_mehmet',
        },
        now,
      ),
    ).toMatchObject({
      id: 'ren:policy:pol_1@2027-01-01',
      serviceType: 'INSURANCE_POLICY',
      policyId: 'pol_1',
      dueDate: '2027-01-01',
    });
  });
});
