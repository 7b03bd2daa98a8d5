import { resolve } from 'node:path';
import { mailConfigFrom, type MailConfig } from './mail/mail-config.js';

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
  /**
   * Where people reach this server (PUBLIC_URL, e.g. http://192.168.1.20:8787): links in emails
   * start here. Unset, they point at the address the server listens on.
   */
  publicUrl?: string | null;
  /** SMTP for reminder emails; null (or absent) means email is off and mail waits in the outbox. */
  mail?: MailConfig | null;
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
  const publicUrl = publicUrlFrom(env.PUBLIC_URL);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data/server'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    webDir: resolve(env.WEB_DIR ?? './dist-web'),
    logLevel: env.LOG_LEVEL ?? 'info',
    rateLimitPerMinute,
    publicUrl,
    mail: mailConfigFrom(env),
  };
}

function publicUrlFrom(text: string | undefined): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigError(
      `PUBLIC_URL="${trimmed}" is not an address; write it like http://192.168.1.20:8787 or https://nolapse.agency.example.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`PUBLIC_URL must start with http:// or https://, not ${url.protocol}//.`);
  if (url.search || url.hash)
    throw new ConfigError('PUBLIC_URL must not have a query or a fragment; give the address only.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
