import type { Plugin } from 'vite';

/**
 * The dev server injects an inline React Refresh preamble and uses eval and blob workers,
 * which the strict CSP in renderer/index.html forbids; only `vite` serve relaxes it. Builds
 * keep the strict policy.
 */
export function devContentSecurityPolicy(): Plugin {
  return {
    name: 'nolapse-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(
        "script-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; worker-src 'self' blob:",
      );
    },
  };
}
