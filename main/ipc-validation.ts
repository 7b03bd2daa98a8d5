import { isTimeZone } from '../shared/time';
import { z } from 'zod';
import { INVOKE_CHANNELS, type InvokeChannel, type PlatformApi } from '../shared/ipc';
import { DAILY_TIME_HINT, isDailyTime, toInstant } from '../shared/time';
import {
  allowedHostProblem,
  MAX_ALLOWED_HOSTS,
  MAX_HOST_LENGTH,
} from '../shared/policies/webhook-rules';

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
} satisfies { [C in InvokeChannel]: z.ZodType<Parameters<PlatformApi[C]>> };

export type InvokeArguments<C extends InvokeChannel> = Parameters<PlatformApi[C]>;
export type InvokeResult<C extends InvokeChannel> = Awaited<ReturnType<PlatformApi[C]>>;

/** The part of an `IpcMainInvokeEvent` the wrapper needs. */
export type InvokeSender = { sender: { id: number } };

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
 * our window are refused before anything else, and arguments are validated before the handler runs.
 */
export function createInvokeHandler<C extends InvokeChannel>(
  channel: C,
  schema: z.ZodType<InvokeArguments<C>>,
  handler: (...args: InvokeArguments<C>) => InvokeResult<C> | Promise<InvokeResult<C>>,
  isTrustedSender: (senderId: number) => boolean,
): (event: InvokeSender, ...args: unknown[]) => Promise<unknown> {
  if (!isInvokeChannel(channel)) {
    throw new IpcRequestError(
      `Unknown IPC channel "${String(channel)}": add it to INVOKE_CHANNELS in shared/ipc.ts first.`,
    );
  }
  return async (event, ...args) => {
    if (!isTrustedSender(event.sender.id)) {
      throw new IpcRequestError(
        `nolapse.${channel}() was ignored: the request did not come from the NoLapse window.`,
      );
    }
    return handler(...parseInvokeArguments(channel, schema, args));
  };
}
