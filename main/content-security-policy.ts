/**
 * The renderer's Content-Security-Policy, directive by directive, with why each is as it is.
 * The page is the built app on app://nolapse; Electron sends this with every page (the app://
 * handler and, for the dev server, the session's response hook). renderer/index.html carries a
 * looser meta policy for web mode; browsers enforce both, so the stricter one here wins.
 */
export function contentSecurityPolicyDirectives(options: { devServer: boolean }): string[] {
  return [
    // Anything not named below: only the app's own files.
    "default-src 'self'",
    // Only the bundled scripts: no inline script, no eval. Vite's dev server injects an inline
    // React Refresh preamble and evaluates modules, so only it relaxes this.
    options.devServer ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : "script-src 'self'",
    // Only the bundled stylesheets: React and the virtualised lists set styles through the DOM
    // (CSSOM), which a CSP does not govern, and the app writes no <style> or style="…" markup
    // (e2e/web/shell-csp.spec.ts walks the screens under this policy). Vite's dev server
    // injects <style> elements for hot reload, so only it allows inline styles.
    options.devServer ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    // The app's icons, and drawn signatures, which are PNG data: URLs.
    "img-src 'self' data:",
    // The office server is an address a person types in (often plain http on the office
    // network, any port), so any http(s) origin; never a WebSocket in production, which only
    // the dev server's hot reload uses. Webhooks are posted by main, not the page.
    options.devServer
      ? "connect-src 'self' http: https: ws://localhost:* ws://127.0.0.1:*"
      : "connect-src 'self' http: https:",
    "font-src 'self'",
    // No workers, frames, plugins or manifests: the app uses none (Vite's dev server uses blob workers).
    options.devServer ? "worker-src 'self' blob:" : "worker-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "object-src 'none'",
    "manifest-src 'none'",
    "media-src 'none'",
    // No <base> can redirect relative URLs; forms are handled in script and never submitted;
    // no page may frame the app.
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
}

/** The policy as one header value. */
export function contentSecurityPolicy(options: { devServer: boolean }): string {
  return contentSecurityPolicyDirectives(options).join('; ');
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
