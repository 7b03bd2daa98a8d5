import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate, rolesOf } from './app-menu';

const find = (
  items: readonly MenuItemConstructorOptions[],
  id: string,
): MenuItemConstructorOptions | undefined =>
  items
    .flatMap((item) => [item, ...(Array.isArray(item.submenu) ? item.submenu : [])])
    .find((item) => item.id === id);

describe('application menu of an installed app', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`has no Reload, Force Reload or DevTools on ${platform}, but editing and Quit`, () => {
      const roles = rolesOf(applicationMenuTemplate({ platform, hide: vi.fn() }));
      for (const forbidden of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu'])
        expect(roles).not.toContain(forbidden);
      expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'undo', 'selectAll', 'quit']));
    });
  }

  it('closes the window to the tray from Close Window', () => {
    const hide = vi.fn();
    const item = find(applicationMenuTemplate({ platform: 'win32', hide }), 'close-window');
    (item?.click as () => void)();
    expect(hide).toHaveBeenCalledOnce();
  });
});
