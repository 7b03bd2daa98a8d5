import { describe, expect, it } from 'vitest';
import { NotificationGate } from './notification-gate';

describe('notification gate', () => {
  it('shows a notification once per ledger id', () => {
    const gate = new NotificationGate();
    expect(gate.decide('evt:ren_1:T30:2026-07-01', false)).toBe('show');
    expect(gate.decide('evt:ren_1:T30:2026-07-01', false)).toBe('duplicate');
    expect(gate.decide('evt:ren_2:T30:2026-07-01', false)).toBe('show');
  });

  it('holds back notifications while paused and shows them after the pause', () => {
    const gate = new NotificationGate();
    expect(gate.decide('evt:ren_1:T7:2026-07-01', true)).toBe('paused');
    expect(gate.decide('evt:ren_1:T7:2026-07-01', false)).toBe('show');
  });

  it('forgets the oldest ids beyond its capacity', () => {
    const gate = new NotificationGate(2);
    gate.decide('a', false);
    gate.decide('b', false);
    gate.decide('c', false);
    expect(gate.decide('a', false)).toBe('show');
    expect(gate.decide('c', false)).toBe('duplicate');
  });
});
