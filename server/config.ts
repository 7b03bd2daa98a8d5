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
};

export class ConfigError extends Error {}

export function configFrom(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT="${env.PORT}" is not a port number; use 1 to 65535, e.g. 8787.`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data/server'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    webDir: resolve(env.WEB_DIR ?? './dist-web'),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
