/**
 * The renderer's Content-Security-Policy. Production allows only the app's own files and inline
 * styles (React style props). Connections may go to any http(s) origin: the office server and
 * plugin webhooks are addresses people type in; what keeps injected code out is script-src.
 * The dev server additionally needs inline and eval'd scripts for Vite's React Fast Refresh.
 */
export function contentSecurityPolicy(options: { devServer: boolean }): string {
  const script = options.devServer
    ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'"
    : "script-src 'self'";
  return [
    "default-src 'self'",
    script,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self' http: https: ws://localhost:*",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Response headers with our CSP replacing any the response carried (header names are case-insensitive). */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  );
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}
