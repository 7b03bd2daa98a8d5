import { isAbsolute } from 'node:path';

/** What development may change about how the app starts; an installed app takes none of it. */
export type LaunchOptions = {
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); null: the built app over app://. */
  devServerUrl: string | null;
  /** A profile folder for tests (NOLAPSE_USER_DATA); null: the OS's per-user folder. */
  userDataDir: string | null;
  /** Whether DevTools and the Reload menu items exist. */
  devTools: boolean;
  /** Why a variable was not used, for the log. */
  ignored: string[];
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A dev server URL is only ever one on this machine: http(s) on a loopback host. */
function loopbackUrl(value: string): string | null {
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname))
      return url.href;
  } catch {
    // Not a URL: ignored below like any other unusable value.
  }
  return null;
}

/**
 * Reads the development switches. A packaged build ignores them all (anyone who can set an
 * environment variable must not be able to point the installed app at other code or another
 * profile) and has no DevTools.
 */
export function launchOptions(
  isPackaged: boolean,
  env: Readonly<Record<string, string | undefined>>,
): LaunchOptions {
  const ignored: string[] = [];
  const rendererUrl = env.ELECTRON_RENDERER_URL;
  const userData = env.NOLAPSE_USER_DATA;
  if (isPackaged) {
    if (rendererUrl !== undefined) ignored.push('ELECTRON_RENDERER_URL (installed app)');
    if (userData !== undefined) ignored.push('NOLAPSE_USER_DATA (installed app)');
    return { devServerUrl: null, userDataDir: null, devTools: false, ignored };
  }
  let devServerUrl: string | null = null;
  if (rendererUrl !== undefined) {
    devServerUrl = loopbackUrl(rendererUrl);
    if (devServerUrl === null)
      ignored.push('ELECTRON_RENDERER_URL (must be an http URL on localhost or 127.0.0.1)');
  }
  let userDataDir: string | null = null;
  if (userData !== undefined) {
    if (userData !== '' && isAbsolute(userData)) userDataDir = userData;
    else ignored.push('NOLAPSE_USER_DATA (must be an absolute folder path)');
  }
  return { devServerUrl, userDataDir, devTools: true, ignored };
}
