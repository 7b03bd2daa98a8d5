import { opsApi } from './http/ops-routes.js';
import { signingLinks } from './http/sign-routes.js';
import { syncExtension } from './http/sync-routes.js';
import { webApp } from './http/web-routes.js';
import type { Extension } from './start.js';

/**
 * The route groups built on the server's core, in the order they register: the ops API, the
 * sync protocol, the web app, workers' signing links. Each lives in its own module.
 */
export const SERVER_EXTENSIONS: readonly Extension[] = [
  opsApi(),
  syncExtension(),
  webApp,
  signingLinks(),
];
