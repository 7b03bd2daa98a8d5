import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The app is served from `app://nolapse/`, not `file://`: a standard, secure origin of its own
 * (IndexedDB, Web Locks and crypto.randomUUID need one), which no other page or file shares.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'nolapse';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before the app is ready. `standard` gives the scheme real origins (storage is
 * refused to non-standard schemes), `secure` makes it a secure context, `supportFetchAPI` lets
 * the page fetch its own assets, `codeCache` keeps V8's compiled scripts between starts. No
 * service workers, no CORS, no bypass of the CSP.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  allowServiceWorkers: false,
  corsEnabled: false,
  bypassCSP: false,
} as const;

/**
 * `scheme://host[:port]` of a URL, or null. Computed by hand: Node's URL says 'null' for the
 * origin of a custom scheme, where Chromium (for a standard scheme) gives `app://nolapse`.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type a file is served with; unknown kinds are plain bytes. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file inside `rootDir` that `url` names, or null when the URL is not ours (another
 * scheme or host) or would reach outside `rootDir`: `..` in any spelling, an encoded slash or
 * backslash, a NUL byte. `/` is the entry page.
 */
export function resolveAppPath(url: string, rootDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (parsed.username || parsed.password || parsed.port) return null;
  // Encoded separators and dots would survive URL normalisation and become real ones here.
  if (/%2f|%5c|%00|%2e/i.test(parsed.pathname)) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\\') || path.includes('\0')) return null;
  if (path.split('/').some((segment) => segment === '..')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
    return null;
  return file;
}

export type AppProtocolOptions = {
  /** The built renderer: every file the app may load is in it. */
  rootDir: string;
  /** The Content-Security-Policy sent with every page. */
  contentSecurityPolicy: string;
  /** Reads a file; node:fs by default (Electron reads inside app.asar through it too). */
  readFile?: (file: string) => Promise<Uint8Array>;
  isFile?: (file: string) => Promise<boolean>;
};

async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function refusal(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * The `app://` handler: GET and HEAD of files inside the renderer folder, with the CSP, and
 * nothing else. Refusals are plain text naming what was refused, never a file outside.
 */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const read = options.readFile ?? ((file: string) => readFile(file));
  const isFile = options.isFile ?? isRegularFile;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refusal(405, `${request.method} is not allowed on ${APP_ORIGIN}.`);
    const file = resolveAppPath(request.url, options.rootDir);
    if (file === null) return refusal(403, `${request.url} is outside the NoLapse app.`);
    if (!(await isFile(file))) return refusal(404, `${new URL(request.url).pathname} not found.`);
    const body = request.method === 'HEAD' ? null : await read(file);
    return new Response(body as ConstructorParameters<typeof Response>[0], {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(file),
        'Content-Security-Policy': options.contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}
