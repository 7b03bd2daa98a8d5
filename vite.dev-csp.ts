import type { Plugin } from 'vite';

/**
 * The dev server injects an inline React Refresh preamble, inline style tags and a WebSocket for
 * hot reload, and uses eval and blob workers, which the strict CSP in renderer/index.html forbids; only `vite` serve relaxes it. Builds
 * keep the strict policy.
 */
export function devContentSecurityPolicy(): Plugin {
  return {
    name: 'nolapse-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace(
          "script-src 'self'",
          "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; worker-src 'self' blob:",
        )
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace(
          "connect-src 'self' http: https:",
          "connect-src 'self' http: https: ws://localhost:*",
        );
    },
  };
}
