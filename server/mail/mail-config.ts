import { ConfigError } from '../config.js';

/** How the server reaches an SMTP server, from the environment; null when email is off. */
export type MailConfig = {
  /** A nodemailer SMTP URL: smtp://user:pass@host:587 or smtps://… for TLS from the start. */
  url: string;
  /** The sender every email shows, e.g. "NoLapse <reminders@agency.example>". */
  from: string;
};

/**
 * Reads SMTP_URL, or SMTP_HOST with SMTP_PORT / SMTP_USER / SMTP_PASSWORD / SMTP_SECURE, and
 * MAIL_FROM. No SMTP settings at all means email is off (the server says so in its log); half
 * of them is a mistake the server refuses to start with, naming what is missing.
 */
export function mailConfigFrom(env: NodeJS.ProcessEnv): MailConfig | null {
  const url = env.SMTP_URL?.trim() || smtpUrlFromParts(env);
  if (!url) {
    if (env.MAIL_FROM?.trim())
      throw new ConfigError(
        'MAIL_FROM is set but no SMTP server is: set SMTP_URL (e.g. smtp://user:pass@mail.example:587) or SMTP_HOST.',
      );
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      `SMTP_URL="${redact(url)}" is not a URL; write it as smtp://user:pass@host:587.`,
    );
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw new ConfigError(
      `SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//.`,
    );
  const from = env.MAIL_FROM?.trim();
  if (!from)
    throw new ConfigError(
      'SMTP is configured but MAIL_FROM is not: set the sender, e.g. MAIL_FROM="NoLapse <reminders@agency.example>".',
    );
  if (!/@[^@\s>]+\.[^@\s>]+>?$/.test(from))
    throw new ConfigError(
      `MAIL_FROM="${from}" has no email address; write it as "Name <address@domain>" or address@domain.`,
    );
  return { url, from };
}

function smtpUrlFromParts(env: NodeJS.ProcessEnv): string | null {
  const host = env.SMTP_HOST?.trim();
  if (!host) {
    const stray = ['SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_SECURE'].find((k) =>
      env[k]?.trim(),
    );
    if (stray)
      throw new ConfigError(
        `${stray} is set but SMTP_HOST is not: set SMTP_HOST to your mail server.`,
      );
    return null;
  }
  const secure = /^(1|true|yes)$/i.test(env.SMTP_SECURE ?? '');
  const port = env.SMTP_PORT?.trim() || (secure ? '465' : '587');
  if (!/^\d{1,5}$/.test(port))
    throw new ConfigError(`SMTP_PORT="${port}" is not a port number; e.g. 587.`);
  const user = env.SMTP_USER?.trim();
  const auth = user
    ? `${encodeURIComponent(user)}:${encodeURIComponent(env.SMTP_PASSWORD ?? '')}@`
    : '';
  return `${secure ? 'smtps' : 'smtp'}://${auth}${host}:${port}`;
}

/** The URL with its password hidden, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
