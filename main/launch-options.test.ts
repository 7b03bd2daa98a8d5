import { describe, expect, it } from 'vitest';
import { launchOptions } from './launch-options';

const devEnv = {
  ELECTRON_RENDERER_URL: 'http://localhost:5173/',
  NOLAPSE_USER_DATA: '/tmp/nolapse-e2e-1',
};

describe('launch options', () => {
  it('in development, uses the dev server and the test profile, with DevTools', () => {
    expect(launchOptions(false, devEnv)).toEqual({
      devServerUrl: 'http://localhost:5173/',
      userDataDir: '/tmp/nolapse-e2e-1',
      devTools: true,
      ignored: [],
    });
  });

  it('in an installed app, ignores both variables and has no DevTools', () => {
    expect(launchOptions(true, devEnv)).toEqual({
      devServerUrl: null,
      userDataDir: null,
      devTools: false,
      ignored: ['ELECTRON_RENDERER_URL (installed app)', 'NOLAPSE_USER_DATA (installed app)'],
    });
  });

  it('without variables, loads the built app from the OS profile', () => {
    expect(launchOptions(false, {})).toEqual({
      devServerUrl: null,
      userDataDir: null,
      devTools: true,
      ignored: [],
    });
  });

  it('takes a dev server only on this machine and a profile only as an absolute path', () => {
    const options = launchOptions(false, {
      ELECTRON_RENDERER_URL: 'https://evil.example/',
      NOLAPSE_USER_DATA: 'relative/profile',
    });
    expect(options.devServerUrl).toBeNull();
    expect(options.userDataDir).toBeNull();
    expect(options.ignored).toEqual([
      'ELECTRON_RENDERER_URL (must be an http URL on localhost or 127.0.0.1)',
      'NOLAPSE_USER_DATA (must be an absolute folder path)',
    ]);
    expect(
      launchOptions(false, { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5174' }).devServerUrl,
    ).toBe('http://127.0.0.1:5174/');
    expect(launchOptions(false, { ELECTRON_RENDERER_URL: 'file:///x' }).devServerUrl).toBeNull();
  });
});
