import type { MenuItemConstructorOptions } from 'electron';
import type { BadgeCounts } from '../shared/ipc';
import { localDateIn, msOf, type Instant } from '../shared/time';
import type { PauseChoice } from './pause';
import type { QuitWait } from './quit-guard';
import type { RecoveryCause, RecoveryStatus } from './renderer-recovery';

/**
 * What the tray shows: the overdue and urgent renewals of the person using the device (`mine`,
 * the badge) and of the office (the menu), and whether reminders are paused.
 */
export type TrayState = BadgeCounts & {
  /** End of the reminder pause, or null when reminders are on. */
  pausedUntil: Instant | null;
  /** Whether the window's page crashed or hung and is being (or was just) restarted. */
  recovery?: RecoveryStatus;
  /** Quit was chosen and waits for a running job. */
  quitWait?: QuitWait | null;
};

export type TrayActions = {
  open(): void;
  /** Opens the renewals queue, where the office's overdue and urgent renewals come first. */
  openQueue(): void;
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

function renewalsText(count: number): string {
  return count === 1 ? '1 overdue or urgent renewal' : `${count} overdue or urgent renewals`;
}

const CAUSES: Record<RecoveryCause, string> = {
  crashed: 'crashed',
  hung: 'stopped responding',
  'out of memory': 'ran out of memory',
  killed: 'was ended by the system',
};

/**
 * What the app itself is doing, when it is something a person should know: quitting after a
 * job, or restarting its window after a crash or hang. Null when all is well.
 */
export function shellLine(state: TrayState, now: Instant, timeZone: string): string | null {
  const time = (at: Instant) => formatPauseEnd(at, now, timeZone);
  if (state.quitWait)
    return `Quitting once the refresh finishes (by ${time(state.quitWait.until)}; Quit again to quit now)`;
  const recovery = state.recovery;
  switch (recovery?.state) {
    case 'unresponsive':
      return `The window is not responding; restarting it at ${time(recovery.restartAt)} unless it recovers`;
    case 'restarting':
      return `The window ${CAUSES[recovery.cause]}; restarting it${recovery.attempt > 1 ? ` (attempt ${recovery.attempt})` : ''}`;
    case 'recovered':
      return `The window ${CAUSES[recovery.cause]} and was restarted at ${time(recovery.at)}`;
    default:
      return null;
  }
}

/** What the tooltip says of the counts: the person's, and the office's when it differs. */
function countsText({ mine, office }: BadgeCounts): string {
  if (mine === office) return office <= 0 ? 'nothing overdue or urgent' : renewalsText(office);
  return `${mine <= 0 ? 'nothing' : mine} overdue or urgent for you, ${office} in the office`;
}

/**
 * The tray tooltip, e.g. 'NoLapse — 3 overdue or urgent for you, 12 in the office · reminders
 * paused until 14:30'; on a shared device (or when all are yours) 'NoLapse — 12 overdue or
 * urgent renewals'.
 */
export function trayTooltip(state: TrayState, now: Instant, timeZone: string): string {
  const paused =
    state.pausedUntil !== null
      ? ` · reminders paused until ${formatPauseEnd(state.pausedUntil, now, timeZone)}`
      : '';
  const shell = shellLine(state, now, timeZone);
  return `${APP_NAME} — ${countsText(state)}${paused}${shell ? ` · ${shell}` : ''}`;
}

/** The text beside the tray icon (macOS menu bar): the badge's count, empty when none. */
export function trayTitle(state: TrayState): string {
  if (state.mine <= 0) return '';
  return state.mine > 99 ? '99+' : String(state.mine);
}

/** The menu's office line, e.g. 'Office: 12 overdue or urgent'. */
export function officeLine(office: number): string {
  return `Office: ${office <= 0 ? 'nothing' : office} overdue or urgent`;
}

/**
 * The tray's context menu: what the app is doing (quitting, restarting its window) when it is
 * anything, the office line (opens the queue), Open, Refresh now, Pause reminders ▸, Quit.
 */
export function trayMenuTemplate(
  state: TrayState,
  actions: TrayActions,
  now: Instant,
  timeZone: string,
): MenuItemConstructorOptions[] {
  const paused = state.pausedUntil !== null;
  const shell = shellLine(state, now, timeZone);
  return [
    ...(shell
      ? [{ id: 'shell-status', label: shell, enabled: false }, { type: 'separator' as const }]
      : []),
    { id: 'office-count', label: officeLine(state.office), click: () => actions.openQueue() },
    { type: 'separator' },
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
