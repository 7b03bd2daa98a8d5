import { describe, expect, it } from 'vitest';
import { checkCustomer, checkPermit } from './customer-input.js';

const context = { id: 'cus_1', now: '2026-01-01T00:00:00.000Z' };

describe('customer input', () => {
  it('accepts a customer and drops empty optional fields', () => {
    expect(
      checkCustomer({ name: ' Ayşe Demir ', email: '', assigneeId: 'agent_1' }, context),
    ).toEqual({
      ok: true,
      value: {
        id: 'cus_1',
        name: 'Ayşe Demir',
        assigneeId: 'agent_1',
        permits: [],
        createdAt: context.now,
        updatedAt: context.now,
      },
    });
  });

  it('names each wrong field', () => {
    expect(checkCustomer({ name: '', email: 'nope', assigneeId: '' }, context)).toEqual({
      ok: false,
      errors: {
        name: 'Enter the customer’s full name.',
        email: 'Enter an email like name@example.com, or leave it empty.',
        assigneeId: 'Choose the agent responsible for this customer.',
      },
    });
  });

  it('rejects a permit expiry that is not a real date', () => {
    const result = checkPermit(
      { kind: 'WORK_PERMIT', number: 'WP-1', state: 'ISSUED', expiresOn: '2027-02-29' },
      'prm_1',
    );
    expect(result).toEqual({
      ok: false,
      errors: { expiresOn: 'Enter the expiry as a real date, YYYY-MM-DD.' },
    });
  });
});
