import { describe, expect, it } from 'vitest';
import { MIGRATIONS, policyToV1 } from './migrations.js';

describe('policy schema migrations', () => {
  it('makes a version-0 policy an active one and changes nothing else', () => {
    const v0 = { id: 'pol_1', number: 'P-1', terms: [], updatedAt: '2026-01-05T09:00:00.000Z' };
    expect(policyToV1(v0)).toEqual({ ...v0, state: 'active' });
    expect(MIGRATIONS.policies?.[1]).toBe(policyToV1);
  });
});
