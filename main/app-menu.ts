import type { MenuItemConstructorOptions } from 'electron';

const APP_NAME = 'NoLapse';

/**
 * The application menu of an installed app: editing and zoom, window and Quit, but no Reload,
 * Force Reload or Toggle Developer Tools (their shortcuts go with them). Development keeps
 * Electron's default menu, which has them. `hide` closes the window to the tray.
 */
export function applicationMenuTemplate(options: {
  platform: NodeJS.Platform;
  hide: () => void;
}): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const close: MenuItemConstructorOptions = {
    id: 'close-window',
    label: 'Close Window',
    accelerator: 'CmdOrCtrl+W',
    click: () => options.hide(),
  };
  if (mac)
    return [
      {
        label: APP_NAME,
        submenu: [
          { role: 'about' },
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { role: 'quit', label: `Quit ${APP_NAME}` },
        ],
      },
      edit,
      view,
      { label: 'Window', submenu: [{ role: 'minimize' }, close] },
    ];
  return [
    { label: 'File', submenu: [close, { role: 'quit', label: `Quit ${APP_NAME}` }] },
    edit,
    view,
  ];
}

/** The roles a menu (and its submenus) holds, to check that none reloads or opens DevTools. */
export function rolesOf(template: readonly MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? rolesOf(item.submenu) : []),
  ]);
}
