import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { SCHEMA_HEADER } from '../../shared/sync/protocol.js';
import { authenticate, type Caller } from '../auth/offices.js';
import type { Database } from '../db/database.js';
import { HttpError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export type AppOptions = {
  db: Database;
  /** Pino's options; `stream` receives the JSON lines (tests read them). */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Largest request body accepted, in bytes; larger ones are answered 413. */
  bodyLimit?: number;
};

/** Signing and unsubscribe links carry keys: request logs show their paths without them. */
export function redactedUrl(url: string): string {
  return url.replace(/\/(sign|unsubscribe)\/[^/?#]+/g, '/$1/[token]');
}

function loggerOf(logger: AppOptions['logger']) {
  if (!logger) return false;
  return {
    ...(logger === true ? {} : logger),
    serializers: {
      // Fastify's own request serializer, with the URL redacted.
      req: (request: { method?: string; url?: string; host?: string; ip?: string }) => ({
        method: request.method,
        url: redactedUrl(request.url ?? ''),
        host: request.host,
        remoteAddress: request.ip,
      }),
    },
  };
}

/** Adds a group of routes (the ops API, sync, administration, the web app) to the server. */
export type RouteModule = (app: FastifyInstance, db: Database) => Promise<void> | void;

/** The caller of an authenticated route; routes behind `authenticated` always have one. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller)
    throw new HttpError(401, 'unauthorized', 'Send a token: Authorization: Bearer <token>.');
  return request.caller;
}

/** Admin-only routes refuse staff tokens with 403: the caller is known, the action is not theirs. */
export function adminOf(request: FastifyRequest): Caller {
  const caller = callerOf(request);
  if (caller.role !== 'admin')
    throw new HttpError(
      403,
      'forbidden',
      'Only an office admin can do this; ask one for an admin token.',
    );
  return caller;
}

/**
 * The HTTP server: health and readiness, bearer-token authentication on everything under
 * /ops, /sync and /admin (every query is then scoped to the token's office), and one error
 * shape for every refusal.
 */
export async function buildApp(options: AppOptions, modules: readonly RouteModule[] = []) {
  const app = Fastify({
    logger: loggerOf(options.logger),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    // Request logs carry method, URL and status; Fastify never logs headers, so tokens stay out.
  });
  app.decorateRequest('caller', null);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError)
      return reply.status(error.status).send({
        error: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
      });
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413)
      return reply.status(413).send({
        error: 'payload_too_large',
        message: `The request body is larger than ${options.bodyLimit ?? 1_048_576} bytes; send less at a time.`,
      });
    if (status === 429)
      return reply.status(429).send({
        error: 'rate_limited',
        message: 'Too many requests from this token; wait a minute and try again.',
      });
    if (status >= 400 && status < 500)
      return reply.status(status).send({
        error: 'bad_request',
        message: error instanceof Error ? error.message : 'The request is not valid.',
      });
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({
      error: 'internal',
      message: 'The server failed to answer; it has been logged. Try again in a moment.',
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: 'not_found',
      message: `Nothing answers ${request.method} ${request.url.split('?')[0]}.`,
    }),
  );

  // Desktops and browsers on other origins (the Electron app, `npm run web`) sync with the
  // server too. Requests carry a bearer token, never cookies, so answering any origin grants
  // nothing without the token; preflights are answered before authentication.
  await app.register(cors, {
    origin: true,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', SCHEMA_HEADER],
    maxAge: 600,
  });

  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS') return;
    const path = request.url.split('?')[0] ?? '';
    if (!/^\/(ops|sync|admin)(\/|$)/.test(path)) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const caller = match ? await authenticate(options.db, match[1]!) : null;
    if (!caller)
      throw new HttpError(
        401,
        'unauthorized',
        match
          ? 'This token is unknown or was revoked; ask an office admin for a new one.'
          : 'Send a token: Authorization: Bearer <token>. An office admin creates one.',
      );
    request.caller = caller;
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await options.db.ping();
    return reply.status(ready ? 200 : 503).send({ ready, database: options.db.kind });
  });

  for (const module of modules) await module(app, options.db);
  return app;
}
