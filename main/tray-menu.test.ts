import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { shellLine, trayMenuTemplate, trayTitle, trayTooltip, type TrayActions } from './tray-menu';

const now = new Date('2026-06-15T10:00:00Z').toISOString();
const actions = (): TrayActions => ({
  open: vi.fn(),
  openQueue: vi.fn(),
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
  it("lists the office's count, Open, Refresh now, Pause reminders and Quit in that order", () => {
    const labels = trayMenuTemplate(
      { mine: 3, office: 12, pausedUntil: null },
      actions(),
      now,
      'UTC',
    )
      .filter((item) => item.type !== 'separator')
      .map((item) => item.label);
    expect(labels).toEqual([
      'Office: 12 overdue or urgent',
      'Open NoLapse',
      'Refresh now',
      'Pause reminders',
      'Quit NoLapse',
    ]);
  });

  it("says when nothing in the office is overdue or urgent, and opens the queue from the office's line", () => {
    const calls = actions();
    const menu = trayMenuTemplate({ mine: 0, office: 0, pausedUntil: null }, calls, now, 'UTC');
    expect(byId(menu, 'office-count').label).toBe('Office: nothing overdue or urgent');
    click(byId(menu, 'office-count'));
    expect(calls.openQueue).toHaveBeenCalledOnce();
  });

  it('offers pausing for an hour or until tomorrow, and resuming only while paused', () => {
    const calls = actions();
    const menu = trayMenuTemplate({ mine: 0, office: 0, pausedUntil: null }, calls, now, 'UTC');
    click(byId(menu, 'pause-1h'));
    click(byId(menu, 'pause-tomorrow'));
    expect(calls.pause).toHaveBeenNthCalledWith(1, '1h');
    expect(calls.pause).toHaveBeenNthCalledWith(2, 'tomorrow');
    expect(byId(menu, 'resume').enabled).toBe(false);
  });

  it('shows when a pause ends and lets the user resume', () => {
    const calls = actions();
    const pausedUntil = new Date('2026-06-15T11:00:00Z').toISOString();
    const menu = trayMenuTemplate({ mine: 2, office: 2, pausedUntil }, calls, now, 'Europe/Berlin');
    expect(byId(menu, 'pause').label).toBe('Reminders paused until 13:00');
    expect(byId(menu, 'resume').enabled).toBe(true);
    click(byId(menu, 'resume'));
    expect(calls.resumeReminders).toHaveBeenCalledOnce();
  });

  it('wires Open, Refresh now and Quit to their actions', () => {
    const calls = actions();
    const menu = trayMenuTemplate({ mine: 0, office: 0, pausedUntil: null }, calls, now, 'UTC');
    click(byId(menu, 'open'));
    click(byId(menu, 'refresh-now'));
    click(byId(menu, 'quit'));
    expect(
      [calls.open, calls.refreshNow, calls.quit].map((fn) => vi.mocked(fn).mock.calls.length),
    ).toEqual([1, 1, 1]);
  });
});

describe('tray text', () => {
  it('says nothing is overdue or urgent when the counts are zero', () => {
    expect(trayTooltip({ mine: 0, office: 0, pausedUntil: null }, now, 'UTC')).toBe(
      'NoLapse — nothing overdue or urgent',
    );
    expect(trayTitle({ mine: 0, office: 0, pausedUntil: null })).toBe('');
  });

  it('counts the renewals in singular and plural when all are yours (or the device is shared)', () => {
    expect(trayTooltip({ mine: 1, office: 1, pausedUntil: null }, now, 'UTC')).toBe(
      'NoLapse — 1 overdue or urgent renewal',
    );
    expect(trayTooltip({ mine: 12, office: 12, pausedUntil: null }, now, 'UTC')).toBe(
      'NoLapse — 12 overdue or urgent renewals',
    );
  });

  it("tells yours from the office's when they differ", () => {
    expect(trayTooltip({ mine: 3, office: 12, pausedUntil: null }, now, 'UTC')).toBe(
      'NoLapse — 3 overdue or urgent for you, 12 in the office',
    );
    expect(trayTooltip({ mine: 0, office: 1, pausedUntil: null }, now, 'UTC')).toBe(
      'NoLapse — nothing overdue or urgent for you, 1 in the office',
    );
  });

  it('mentions a pause that ends on another day with its weekday', () => {
    const pausedUntil = new Date('2026-06-16T00:00:00Z').toISOString();
    expect(trayTooltip({ mine: 3, office: 3, pausedUntil }, now, 'UTC')).toBe(
      'NoLapse — 3 overdue or urgent renewals · reminders paused until Tue 00:00',
    );
  });

  it('shows your count beside the menu bar icon, not the office total, capped at 99+', () => {
    expect(trayTitle({ mine: 7, office: 40, pausedUntil: null })).toBe('7');
    expect(trayTitle({ mine: 0, office: 40, pausedUntil: null })).toBe('');
    expect(trayTitle({ mine: 140, office: 140, pausedUntil: null })).toBe('99+');
  });
});

describe('tray: the app itself', () => {
  const base = { mine: 2, office: 2, pausedUntil: null };

  it('says nothing extra while the window is healthy', () => {
    expect(shellLine({ ...base, recovery: { state: 'healthy' } }, now, 'UTC')).toBeNull();
    expect(byId(trayMenuTemplate(base, actions(), now, 'UTC'), 'shell-status')).toBeUndefined();
  });

  it('says the window crashed and is being restarted, with the attempt after the first', () => {
    const restarting = (attempt: number) => ({
      ...base,
      recovery: { state: 'restarting' as const, cause: 'crashed' as const, at: now, attempt },
    });
    expect(trayTooltip(restarting(1), now, 'UTC')).toBe(
      'NoLapse — 2 overdue or urgent renewals · The window crashed; restarting it',
    );
    const menu = trayMenuTemplate(restarting(3), actions(), now, 'UTC');
    expect(menu[0]).toMatchObject({
      id: 'shell-status',
      label: 'The window crashed; restarting it (attempt 3)',
      enabled: false,
    });
  });

  it('says when a hung window will be restarted, and when it was', () => {
    const restartAt = '2026-06-15T10:00:30.000Z';
    expect(
      shellLine(
        { ...base, recovery: { state: 'unresponsive', since: now, restartAt } },
        now,
        'UTC',
      ),
    ).toBe('The window is not responding; restarting it at 10:00 unless it recovers');
    expect(
      shellLine(
        { ...base, recovery: { state: 'recovered', cause: 'hung', at: now, attempt: 1 } },
        now,
        'Europe/Berlin',
      ),
    ).toBe('The window stopped responding and was restarted at 12:00');
  });

  it('says Quit waits for the refresh, until when, and how to quit now', () => {
    const quitWait = { since: now, until: '2026-06-15T10:00:30.000Z' };
    expect(shellLine({ ...base, quitWait }, now, 'UTC')).toBe(
      'Quitting once the refresh finishes (by 10:00; Quit again to quit now)',
    );
  });
});
