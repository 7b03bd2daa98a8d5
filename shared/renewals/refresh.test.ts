import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../time/index.js';
import { aRenewal } from './fixtures.js';
import { planRefresh } from './refresh.js';
import type { Renewal } from './types.js';

function applied(renewals: Renewal[], today: string): Renewal[] {
  const plan = planRefresh(renewals, today);
  const byId = new Map(plan.updates.map((r) => [r.id, r]));
  return renewals.map((r) => byId.get(r.id) ?? r);
}

describe('planRefresh', () => {
  it('fires only the stage reached: created 45 days out it fires T60, not T90 and T60', () => {
    const plan = planRefresh([aRenewal({ dueDate: '2026-03-15' })], '2026-01-29');
    expect(plan.events.map((e) => e.stage)).toEqual(['T60']);
    expect(plan.events[0]).toMatchObject({
      id: 'evt:ren_1:T60:2026-03-15',
      type: 'RENEWAL_TRIGGERED',
      customerId: 'cus_1',
    });
    expect(plan.updates[0]).toMatchObject({ stage: 'T60', nextStageOn: '2026-02-13' });
    expect(plan.tasks).toEqual([]);
  });

  it('plans nothing on a second run the same day', () => {
    const once = applied([aRenewal({ dueDate: '2026-03-15' })], '2026-01-29');
    expect(planRefresh(once, '2026-01-29')).toEqual({ updates: [], events: [], tasks: [] });
  });

  it('plans nothing for a renewal more than 90 days out', () => {
    const plan = planRefresh([aRenewal({ dueDate: '2026-12-31' })], '2026-01-29');
    expect(plan).toEqual({ updates: [], events: [], tasks: [] });
  });

  it('creates a HIGH task at T14 and an URGENT task at T7 for the assignee', () => {
    let renewals = applied([aRenewal({ dueDate: '2026-03-15' })], '2026-02-20');
    const t14 = planRefresh(renewals, '2026-03-01');
    expect(t14.events.map((e) => e.stage)).toEqual(['T14']);
    expect(t14.tasks).toEqual([
      expect.objectContaining({
        id: 'task:ren_1:HIGH:2026-03-15',
        priority: 'HIGH',
        assigneeId: 'agent_ayse',
      }),
    ]);
    renewals = applied(renewals, '2026-03-01');
    const t7 = planRefresh(renewals, '2026-03-08');
    expect(t7.tasks).toEqual([
      expect.objectContaining({ id: 'task:ren_1:URGENT:2026-03-15', priority: 'URGENT' }),
    ]);
  });

  it('marks a renewal OVERDUE with the compliance flag the day after its due date', () => {
    const renewals = applied([aRenewal({ dueDate: '2026-03-15' })], '2026-03-10');
    expect(planRefresh(renewals, '2026-03-15').updates).toEqual([]);
    const plan = planRefresh(renewals, '2026-03-16');
    expect(plan.updates[0]).toMatchObject({
      status: 'OVERDUE',
      stage: 'OVERDUE',
      complianceFlag: true,
      nextStageOn: '9999-12-31',
    });
    expect(plan.events[0]).toMatchObject({
      id: 'evt:ren_1:OVERDUE:2026-03-15',
      type: 'RENEWAL_TRIGGERED',
    });
  });

  it('still opens an URGENT task when the office was closed through T7', () => {
    const renewals = applied([aRenewal({ dueDate: '2026-03-15' })], '2026-02-10');
    const plan = planRefresh(renewals, '2026-03-20');
    expect(plan.events.map((e) => e.stage)).toEqual(['OVERDUE']);
    expect(plan.tasks.map((t) => t.priority)).toEqual(['URGENT']);
  });

  it('never touches completed or cancelled renewals', () => {
    const plan = planRefresh(
      [
        aRenewal({ id: 'a', dueDate: '2026-01-01', status: 'COMPLETED' }),
        aRenewal({ id: 'b', dueDate: '2026-01-01', status: 'CANCELLED' }),
      ],
      '2026-03-01',
    );
    expect(plan).toEqual({ updates: [], events: [], tasks: [] });
  });

  it('gives two devices running the same refresh the same records', () => {
    const renewals = [
      aRenewal({ id: 'x', dueDate: '2026-02-01' }),
      aRenewal({ id: 'y', dueDate: '2026-01-20' }),
    ];
    expect(planRefresh(renewals, '2026-01-25')).toEqual(planRefresh(renewals, '2026-01-25'));
  });

  it('fires each stage at most once whatever days the refresh runs on', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 130 }), { minLength: 1, maxLength: 20 }),
        (offsets) => {
          const start = '2026-01-01';
          let renewals = [aRenewal({ dueDate: '2026-04-10' })];
          const fired: string[] = [];
          for (const offset of [...offsets].sort((a, b) => a - b)) {
            const today = addDays(start, offset);
            const plan = planRefresh(renewals, today);
            fired.push(...plan.events.map((e) => e.id));
            renewals = applied(renewals, today);
          }
          expect(new Set(fired).size).toBe(fired.length);
          const ranks = fired.map((id) =>
            ['T90', 'T60', 'T30', 'T14', 'T7', 'OVERDUE'].indexOf(id.split(':')[2]!),
          );
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        },
      ),
    );
  });
});
