import { isLocalDate, isTimeZone } from '../shared/time';
import { z } from 'zod';
import {
  BACKUP_FORMAT,
  INVOKE_CHANNELS,
  MAX_BACKUP_CHARS,
  MAX_BACKUPS_KEPT,
  type InvokeChannel,
  type PlatformApi,
} from '../shared/ipc';
import { DAILY_TIME_HINT, isDailyTime, toInstant } from '../shared/time';
import {
  allowedHostProblem,
  MAX_ALLOWED_HOSTS,
  MAX_HOST_LENGTH,
} from '../shared/policies/webhook-rules';
import { originOf } from './app-protocol';

/** The arguments of each invoke channel, checked in main before any work is done. */
const notificationRequestSchema = z.strictObject({
  id: z.string().min(1).max(200),
  title: z.string().min(1).max(200),
  body: z.string().max(2000),
  route: z
    .string()
    .max(500)
    .regex(
      /^\/(?!\/)/,
      "must be an app route starting with a single '/', such as '/renewals/ren_123'",
    ),
});

const badgeCount = z.number().int().min(0).max(1_000_000);

/** A backup document opens with its format, as renderer/src/db/backup.ts writes it. */
const BACKUP_OPENING = `{"format":"${BACKUP_FORMAT}"`;

/** Whether the text's last non-space character closes a JSON object; reads only its end. */
function closesObject(text: string): boolean {
  let end = text.length - 1;
  while (end >= 0 && /\s/.test(text[end]!)) end -= 1;
  return text[end] === '}';
}

const dailyBackupSchema = z.strictObject({
  day: z
    .string()
    .max(10)
    .refine(isLocalDate, 'must be the office date the backup is of, as YYYY-MM-DD'),
  snapshot: z
    .string()
    // Both checks read only the ends of the text, so a huge one costs nothing to refuse.
    .max(MAX_BACKUP_CHARS, `must be at most ${MAX_BACKUP_CHARS / 1024 / 1024} MB of JSON`)
    .refine(
      (snapshot) => snapshot.startsWith(BACKUP_OPENING) && closesObject(snapshot),
      `must be a NoLapse backup: a JSON document opening with ${BACKUP_OPENING}`,
    ),
});

export const invokeArgumentSchemas = {
  info: z.tuple([]),
  notify: z.tuple([notificationRequestSchema]),
  setBadge: z.tuple([z.strictObject({ mine: badgeCount, office: badgeCount })]),
  setDailyRefreshTime: z.tuple([z.string().refine(isDailyTime, `must be ${DAILY_TIME_HINT}`)]),
  setOfficeTimeZone: z.tuple([
    z.string().max(100).refine(isTimeZone, 'must be an IANA time zone such as Europe/Istanbul'),
  ]),
  postWebhook: z.tuple([
    z.object({
      url: z
        .string()
        .max(2000)
        .refine((url) => /^https?:\/\/[^\s]+$/i.test(url), 'must be an http:// or https:// URL'),
      body: z.string().max(1_000_000, 'must be at most 1 MB of JSON'),
      timeoutMs: z.number().int().min(100).max(60_000),
      idempotencyKey: z
        .string()
        .min(1)
        .max(500)
        .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (an HTTP header value)'),
      allowedHosts: z
        .array(
          z
            .string()
            .max(MAX_HOST_LENGTH)
            .refine(
              (host) => allowedHostProblem(host) === null,
              'must be a host name or IP address',
            ),
        )
        .max(MAX_ALLOWED_HOSTS),
    }),
  ]),
  wakeAt: z.tuple([
    z
      .string()
      .max(40)
      .refine(
        (at) => toInstant(at) !== null,
        'must be an ISO instant such as 2027-01-01T00:00:00.000Z',
      )
      .nullable(),
  ]),
  setJobRunning: z.tuple([z.boolean()]),
  writeDailyBackup: z.tuple([dailyBackupSchema]),
  backupStatus: z.tuple([]),
  setBackupsKept: z.tuple([
    z
      .number()
      .int('must be a whole number of backups')
      .min(1, 'keep at least 1 backup')
      .max(MAX_BACKUPS_KEPT, `keep at most ${MAX_BACKUPS_KEPT} backups`),
  ]),
} satisfies { [C in InvokeChannel]: z.ZodType<Parameters<PlatformApi[C]>> };

export type InvokeArguments<C extends InvokeChannel> = Parameters<PlatformApi[C]>;
export type InvokeResult<C extends InvokeChannel> = Awaited<ReturnType<PlatformApi[C]>>;

/** The part of an `IpcMainInvokeEvent` the wrapper needs: the webContents and the frame. */
export type InvokeSender = {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
};

/** Why a request is refused before anything else is looked at, or null when it is ours. */
export type SenderCheck = (event: InvokeSender) => string | null;

/**
 * Our window's main frame showing our page, nothing else: another webContents, a subframe (an
 * iframe cannot exist, but the check does not rely on that), a frame that has gone, or a page of
 * another origin (the window navigated somewhere) is refused.
 */
export function trustedSender(options: {
  windowId: () => number | null;
  /** The app's origin (app://nolapse), and the dev server's in development. */
  origins: () => readonly string[];
}): SenderCheck {
  return (event) => {
    if (event.sender.id !== options.windowId())
      return 'the request did not come from the NoLapse window';
    const frame = event.senderFrame;
    if (!frame) return 'the frame that sent it is gone';
    if (frame.parent !== null) return 'it came from a frame inside the page, not the page itself';
    const origin = originOf(frame.url);
    if (origin === null || !options.origins().includes(origin))
      return `it came from ${origin ?? 'a page without an origin'}, not the NoLapse app`;
    return null;
  };
}

export class IpcRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRequestError';
  }
}

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(channel);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const [index, ...field] = issue.path;
      const where =
        typeof index === 'number'
          ? `argument ${index + 1}${field.length ? ` (${field.join('.')})` : ''}`
          : 'arguments';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/** Parses `args` for `channel`; throws an IpcRequestError naming the channel, argument and rule. */
export function parseInvokeArguments<C extends InvokeChannel>(
  channel: C,
  schema: z.ZodType<InvokeArguments<C>>,
  args: unknown[],
): InvokeArguments<C> {
  const result = schema.safeParse(args);
  if (!result.success) {
    throw new IpcRequestError(
      `nolapse.${channel}() was called with invalid input: ${describeIssues(result.error)}.`,
    );
  }
  return result.data;
}

/**
 * Wraps an invoke handler: unknown channels are refused when registering, senders other than
 * our window's page are refused before anything else, and arguments are validated before the
 * handler runs.
 */
export function createInvokeHandler<C extends InvokeChannel>(
  channel: C,
  schema: z.ZodType<InvokeArguments<C>>,
  handler: (...args: InvokeArguments<C>) => InvokeResult<C> | Promise<InvokeResult<C>>,
  senderRefusal: SenderCheck,
): (event: InvokeSender, ...args: unknown[]) => Promise<unknown> {
  if (!isInvokeChannel(channel)) {
    throw new IpcRequestError(
      `Unknown IPC channel "${String(channel)}": add it to INVOKE_CHANNELS in shared/ipc.ts first.`,
    );
  }
  return async (event, ...args) => {
    const refused = senderRefusal(event);
    if (refused !== null)
      throw new IpcRequestError(`nolapse.${channel}() was ignored: ${refused}.`);
    return handler(...parseInvokeArguments(channel, schema, args));
  };
}
