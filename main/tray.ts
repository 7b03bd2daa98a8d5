import { Menu, Tray, nativeImage } from 'electron';
import {
  trayMenuTemplate,
  trayTitle,
  trayTooltip,
  type TrayActions,
  type TrayState,
} from './tray-menu';

/** Updates merge into what the tray shows: counts, pause, window recovery, quitting. */
export type AppTray = { update(state: Partial<TrayState>): void; destroy(): void };

/**
 * The tray icon with the person's overdue and urgent count in its tooltip (and title on macOS),
 * and the app menu with the office's.
 */
export function createAppTray(options: {
  iconPath: string;
  actions: TrayActions;
  timeZone: () => string;
}): AppTray {
  const size = process.platform === 'darwin' ? 18 : 22;
  const icon = nativeImage
    .createFromPath(options.iconPath)
    .resize({ width: size, height: size, quality: 'best' });
  const tray = new Tray(icon);
  let state: TrayState = { mine: 0, office: 0, pausedUntil: null };

  const render = () => {
    const now = new Date().toISOString();
    tray.setToolTip(trayTooltip(state, now, options.timeZone()));
    if (process.platform === 'darwin') tray.setTitle(trayTitle(state));
    tray.setContextMenu(
      Menu.buildFromTemplate(trayMenuTemplate(state, options.actions, now, options.timeZone())),
    );
  };
  // Windows and Linux users expect a left click to open the app; macOS opens the menu itself.
  tray.on('click', () => {
    if (process.platform !== 'darwin') options.actions.open();
  });
  render();

  return {
    update(next) {
      state = { ...state, ...next };
      render();
    },
    destroy() {
      tray.destroy();
    },
  };
}
