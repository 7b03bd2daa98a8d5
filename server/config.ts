import { resolve } from 'node:path';

/** How the server is configured: environment variables, each with a working default. */
export type ServerConfig = {
  port: number;
  host: string;
  /** The embedded database's folder, used when no DATABASE_URL is set. */
  dataDir: string;
  databaseUrl: string | null;
  /** The built web app served at `/` (npm run web:build). */
  webDir: string;
  logLevel: string;
  /** Requests one token may make to the ops API per minute; more are answered 429. */
  rateLimitPerMinute: number;
};

/** Generous for an office (a busy front desk plus its integrations), low enough to stop a loop. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

export class ConfigError extends Error {}

export function configFrom(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT="${env.PORT}" is not a port number; use 1 to 65535, e.g. 8787.`);
  const rateLimitPerMinute = Number(env.RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMIT_PER_MINUTE);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1)
    throw new ConfigError(
      `RATE_LIMIT_PER_MINUTE="${env.RATE_LIMIT_PER_MINUTE}" is not a whole number of requests; use 1 or more, e.g. ${DEFAULT_RATE_LIMIT_PER_MINUTE}.`,
    );
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data/server'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    webDir: resolve(env.WEB_DIR ?? './dist-web'),
    logLevel: env.LOG_LEVEL ?? 'info',
    rateLimitPerMinute,
  };
}
