import { describe, expect, it } from 'vitest';
import { crossingsOn, DAY1, DAY2, generateOffice, SERVICE_TYPES } from './generate';

describe('generateOffice', () => {
  it('is deterministic and has every service type and status', () => {
    const a = generateOffice({ size: 3000 });
    const b = generateOffice({ size: 3000 });
    expect(a).toEqual(b);
    expect(new Set(a.renewals.map((r) => r.serviceType))).toEqual(new Set(SERVICE_TYPES));
    expect(new Set(a.renewals.map((r) => r.status))).toEqual(
      new Set(['ACTIVE', 'OVERDUE', 'COMPLETED', 'CANCELLED']),
    );
  });

  it('has no crossings on DAY1 and about 1% on DAY2 once refreshed', () => {
    const { renewals } = generateOffice({ size: 5000, state: 'refreshed' });
    expect(crossingsOn(DAY1, renewals)).toHaveLength(0);
    const share = crossingsOn(DAY2, renewals).length / renewals.length;
    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.02);
  });

  it('unstaged renewals have no stage yet', () => {
    const { renewals } = generateOffice({ size: 500, state: 'unstaged' });
    expect(renewals.every((r) => r.stage === null)).toBe(true);
  });
});
