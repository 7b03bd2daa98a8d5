import type { MenuItemConstructorOptions } from 'electron';
import { localDateIn, msOf, type Instant } from '../shared/time';
import type { PauseChoice } from './pause';

/** What the tray shows: the overdue count and whether reminders are paused. */
export type TrayState = {
  overdueCount: number;
  /** End of the reminder pause, or null when reminders are on. */
  pausedUntil: Instant | null;
};

export type TrayActions = {
  open(): void;
  refreshNow(): void;
  pause(choice: PauseChoice): void;
  resumeReminders(): void;
  quit(): void;
};

const APP_NAME = 'NoLapse';

/** Formats the local time a pause ends, e.g. '14:30', or 'Tue 00:00' when it ends on another day. */
export function formatPauseEnd(pausedUntil: Instant, now: Instant, timeZone: string): string {
  const sameDay = localDateIn(pausedUntil, timeZone) === localDateIn(now, timeZone);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(sameDay ? {} : { weekday: 'short' }),
  }).format(msOf(pausedUntil));
}

function overdueText(overdueCount: number): string {
  if (overdueCount <= 0) return 'nothing overdue';
  return overdueCount === 1 ? '1 overdue renewal' : `${overdueCount} overdue renewals`;
}

/** The tray tooltip, e.g. 'NoLapse — 3 overdue renewals · reminders paused until 14:30'. */
export function trayTooltip(state: TrayState, now: Instant, timeZone: string): string {
  const paused =
    state.pausedUntil !== null
      ? ` · reminders paused until ${formatPauseEnd(state.pausedUntil, now, timeZone)}`
      : '';
  return `${APP_NAME} — ${overdueText(state.overdueCount)}${paused}`;
}

/** The text beside the tray icon (macOS menu bar): the overdue count, empty when none. */
export function trayTitle(state: TrayState): string {
  if (state.overdueCount <= 0) return '';
  return state.overdueCount > 99 ? '99+' : String(state.overdueCount);
}

/** The tray's context menu: Open, Refresh now, Pause reminders ▸, Quit. */
export function trayMenuTemplate(
  state: TrayState,
  actions: TrayActions,
  now: Instant,
  timeZone: string,
): MenuItemConstructorOptions[] {
  const paused = state.pausedUntil !== null;
  return [
    { id: 'open', label: `Open ${APP_NAME}`, click: () => actions.open() },
    { id: 'refresh-now', label: 'Refresh now', click: () => actions.refreshNow() },
    { type: 'separator' },
    {
      id: 'pause',
      label: paused
        ? `Reminders paused until ${formatPauseEnd(state.pausedUntil!, now, timeZone)}`
        : 'Pause reminders',
      submenu: [
        { id: 'pause-1h', label: 'For 1 hour', click: () => actions.pause('1h') },
        { id: 'pause-tomorrow', label: 'Until tomorrow', click: () => actions.pause('tomorrow') },
        { type: 'separator' },
        {
          id: 'resume',
          label: 'Resume reminders',
          enabled: paused,
          click: () => actions.resumeReminders(),
        },
      ],
    },
    { type: 'separator' },
    { id: 'quit', label: `Quit ${APP_NAME}`, click: () => actions.quit() },
  ];
}
