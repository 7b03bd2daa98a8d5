import { newRenewal } from './create.js';
import type { Renewal } from './types.js';

/** A renewal as staff would create it, for tests; override what the test is about. */
export function aRenewal(overrides: Partial<Renewal> & { dueDate: string }): Renewal {
  const base = newRenewal(
    {
      id: overrides.id ?? 'ren_1',
      customerId: 'cus_1',
      serviceType: 'RESIDENCE_PERMIT',
      dueDate: overrides.dueDate,
      assigneeId: 'agent_ayse',
    },
    '2026-01-01T09:00:00.000Z',
  );
  return { ...base, ...overrides };
}
