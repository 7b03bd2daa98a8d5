import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { Extension } from '../start.js';

/**
 * The policy the web app runs under when this server serves it: its own files only, inline
 * styles (React style props), signatures as data: images, and requests back to this server.
 */
export const WEB_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // React sets style props through the DOM (CSSOM), which style-src does not govern.
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/**
 * Serves the built web app at `/` (web mode with sync, signed in with a token), with a strict
 * CSP and the usual security headers on every answer, and `/api/server`, which tells the app it
 * is served by an office server.
 */
export const webApp: Extension =
  ({ config }) =>
  async (app) => {
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: { useDefaults: false, directives: WEB_CONTENT_SECURITY_POLICY },
      crossOriginEmbedderPolicy: false,
      hsts: false,
    });
    app.get('/api/server', async () => ({ nolapse: 'office-server', protocol: 1 }));
    if (!existsSync(join(config.webDir, 'index.html'))) {
      app.get('/', async (_request, reply) =>
        reply.status(503).send({
          error: 'web_app_not_built',
          message: `The web app is not built in ${config.webDir}: run "npm run web:build", or set WEB_DIR.`,
        }),
      );
      return;
    }
    await app.register(fastifyStatic, { root: config.webDir, prefix: '/', index: ['index.html'] });
  };
