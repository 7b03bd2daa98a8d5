import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { trayMenuTemplate, trayTitle, trayTooltip, type TrayActions } from './tray-menu';

const now = new Date('2026-06-15T10:00:00Z').toISOString();
const actions = (): TrayActions => ({
  open: vi.fn(),
  refreshNow: vi.fn(),
  pause: vi.fn(),
  resumeReminders: vi.fn(),
  quit: vi.fn(),
});
const byId = (items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions =>
  items
    .flatMap((item) => [
      item,
      ...((item.submenu as MenuItemConstructorOptions[] | undefined) ?? []),
    ])
    .find((item) => item.id === id)!;
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('tray menu', () => {
  it('lists Open, Refresh now, Pause reminders and Quit in that order', () => {
    const labels = trayMenuTemplate({ overdueCount: 0, pausedUntil: null }, actions(), now, 'UTC')
      .filter((item) => item.type !== 'separator')
      .map((item) => item.label);
    expect(labels).toEqual(['Open NoLapse', 'Refresh now', 'Pause reminders', 'Quit NoLapse']);
  });

  it('offers pausing for an hour or until tomorrow, and resuming only while paused', () => {
    const calls = actions();
    const menu = trayMenuTemplate({ overdueCount: 0, pausedUntil: null }, calls, now, 'UTC');
    click(byId(menu, 'pause-1h'));
    click(byId(menu, 'pause-tomorrow'));
    expect(calls.pause).toHaveBeenNthCalledWith(1, '1h');
    expect(calls.pause).toHaveBeenNthCalledWith(2, 'tomorrow');
    expect(byId(menu, 'resume').enabled).toBe(false);
  });

  it('shows when a pause ends and lets the user resume', () => {
    const calls = actions();
    const pausedUntil = new Date('2026-06-15T11:00:00Z').toISOString();
    const menu = trayMenuTemplate({ overdueCount: 2, pausedUntil }, calls, now, 'Europe/Berlin');
    expect(byId(menu, 'pause').label).toBe('Reminders paused until 13:00');
    expect(byId(menu, 'resume').enabled).toBe(true);
    click(byId(menu, 'resume'));
    expect(calls.resumeReminders).toHaveBeenCalledOnce();
  });

  it('wires Open, Refresh now and Quit to their actions', () => {
    const calls = actions();
    const menu = trayMenuTemplate({ overdueCount: 0, pausedUntil: null }, calls, now, 'UTC');
    click(byId(menu, 'open'));
    click(byId(menu, 'refresh-now'));
    click(byId(menu, 'quit'));
    expect(
      [calls.open, calls.refreshNow, calls.quit].map((fn) => vi.mocked(fn).mock.calls.length),
    ).toEqual([1, 1, 1]);
  });
});

describe('tray text', () => {
  it('says nothing is overdue when the count is zero', () => {
    expect(trayTooltip({ overdueCount: 0, pausedUntil: null }, now, 'UTC')).toBe(
      'NoLapse — nothing overdue',
    );
    expect(trayTitle({ overdueCount: 0, pausedUntil: null })).toBe('');
  });

  it('counts overdue renewals in singular and plural', () => {
    expect(trayTooltip({ overdueCount: 1, pausedUntil: null }, now, 'UTC')).toBe(
      'NoLapse — 1 overdue renewal',
    );
    expect(trayTooltip({ overdueCount: 12, pausedUntil: null }, now, 'UTC')).toBe(
      'NoLapse — 12 overdue renewals',
    );
  });

  it('mentions a pause that ends on another day with its weekday', () => {
    const pausedUntil = new Date('2026-06-16T00:00:00Z').toISOString();
    expect(trayTooltip({ overdueCount: 3, pausedUntil }, now, 'UTC')).toBe(
      'NoLapse — 3 overdue renewals · reminders paused until Tue 00:00',
    );
  });

  it('caps the menu bar count at 99+', () => {
    expect(trayTitle({ overdueCount: 7, pausedUntil: null })).toBe('7');
    expect(trayTitle({ overdueCount: 140, pausedUntil: null })).toBe('99+');
  });
});
