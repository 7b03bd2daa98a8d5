import { describe, expect, it } from 'vitest';
import { permissionAllowed } from './permissions';

describe('permissions', () => {
  it('lets our page write to the clipboard and nothing else', () => {
    expect(
      permissionAllowed('clipboard-sanitized-write', 'app://nolapse/index.html', 'app://nolapse'),
    ).toBe(true);
    for (const permission of [
      'notifications',
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ])
      expect(
        permissionAllowed(permission, 'app://nolapse/index.html', 'app://nolapse'),
        permission,
      ).toBe(false);
  });

  it('refuses even the clipboard to any other origin', () => {
    expect(
      permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', 'app://nolapse'),
    ).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', '', 'app://nolapse')).toBe(false);
  });
});
