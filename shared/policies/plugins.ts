import { z } from 'zod';
import type { Notice } from '../notice.js';
import { routes } from '../routes.js';
import type { TimelineEvent } from '../schema/timeline-event.js';
import { localDateIn } from '../time/index.js';
import { policyIds } from './ids.js';
import { toInstant } from '../time/index.js';
import type { AutoRenewal, Instant, Policy, PluginRef, RenewalEvent } from './model.js';

/** What every plugin receives before an automatic action. */
export type PluginRequest = { renewalEvent: RenewalEvent; autoRenewal: AutoRenewal };

/** The changes a plugin may ask for; every field is optional and times are canonical instants. */
export type PluginReply = {
  autoRenewalState?: 'active' | 'doNotRenew' | 'discarded';
  renewalTransactionType?: string;
  newTermDuration?: number;
  renewalTransactionCreateTime?: Instant | null;
  renewalTransactionAcceptTime?: Instant | null;
  renewalTransactionIssueTime?: Instant | null;
};

export type PluginReplyCheck = { ok: true; changes: PluginReply } | { ok: false; reason: string };

/** What the engine hands back for one plugin: its raw reply, or why it gave none. */
export type PluginOutcome =
  { plugin: PluginRef; reply: unknown } | { plugin: PluginRef; error: string };

const instantField = z
  .string()
  .nullable()
  .optional()
  .transform((value, ctx) => {
    if (value === null || value === undefined) return value;
    const instant = toInstant(value);
    if (instant === null) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not an ISO date-time with a time zone`,
      });
      return z.NEVER;
    }
    return instant;
  });

const pluginReplySchema = z.strictObject({
  autoRenewalState: z.enum(['active', 'doNotRenew', 'discarded']).optional(),
  renewalTransactionType: z.string().trim().min(1).max(60).optional(),
  newTermDuration: z.number().int().min(1).max(120).optional(),
  renewalTransactionCreateTime: instantField,
  renewalTransactionAcceptTime: instantField,
  renewalTransactionIssueTime: instantField,
});

/** Validates a plugin's reply; a null or empty reply means "no changes". */
export function validatePluginReply(reply: unknown): PluginReplyCheck {
  if (reply === null || reply === undefined) return { ok: true, changes: {} };
  const result = pluginReplySchema.safeParse(reply);
  if (result.success) {
    const changes: PluginReply = {};
    for (const [key, value] of Object.entries(result.data)) {
      if (value !== undefined) (changes as Record<string, unknown>)[key] = value;
    }
    return { ok: true, changes };
  }
  const reason = result.error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'reply';
      return issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
        : `${where}: ${issue.message}`;
    })
    .join('; ');
  return { ok: false, reason: `Invalid plugin reply (${clipped(reason, MAX_REPLY_REASON)}).` };
}

/**
 * How much of a refused reply's reasons the auto-renewal keeps: a reply of 64 KiB of unknown
 * fields must not make the record too big to save or sync.
 */
export const MAX_REPLY_REASON = 1_000;

function clipped(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The auto-renewal as the API sends it: the seed's field names (the same ones a plugin's reply
 * uses), our ids kept. Internal bookkeeping (fired triggers, the plugin log, the index cursor)
 * stays out.
 */
export type ApiAutoRenewal = {
  id: string;
  policyId: string;
  termNumber: number;
  autoRenewalState: AutoRenewal['state'];
  renewalTransactionType: string;
  /** Months. */
  newTermDuration: number;
  renewalTransactionCreateTime: Instant | null;
  renewalTransactionAcceptTime: Instant | null;
  renewalTransactionIssueTime: Instant | null;
  /** The renewal transaction it manages, once created or linked. */
  transactionId: string | null;
  /** Set while a cancellation holds it. */
  invalidatedAt: Instant | null;
  errorReason?: string;
};

/** Maps our auto-renewal record to the API's shape (see ApiAutoRenewal). */
export function apiAutoRenewal(autoRenewal: AutoRenewal): ApiAutoRenewal {
  return {
    id: autoRenewal.id,
    policyId: autoRenewal.policyId,
    termNumber: autoRenewal.termNumber,
    autoRenewalState: autoRenewal.state,
    renewalTransactionType: autoRenewal.transactionType,
    newTermDuration: autoRenewal.newTermDurationMonths,
    renewalTransactionCreateTime: autoRenewal.createTime,
    renewalTransactionAcceptTime: autoRenewal.acceptTime,
    renewalTransactionIssueTime: autoRenewal.issueTime,
    transactionId: autoRenewal.transactionId ?? null,
    invalidatedAt: autoRenewal.invalidatedAt,
    ...(autoRenewal.errorReason === undefined ? {} : { errorReason: autoRenewal.errorReason }),
  };
}

/**
 * The Idempotency-Key of one round of webhook calls, `<autoRenewalId>:<event>:<trigger
 * time>:<round>`: deterministic, so a retry after a crash resends it and two devices running
 * the same round from the same synced state send the same one; a new round (after an error is
 * fixed, after a reactivation) gets a new number.
 */
export function webhookIdempotencyKey(
  autoRenewalId: string,
  event: RenewalEvent,
  triggerTime: Instant,
  round: number,
): string {
  return `${autoRenewalId}:${event}:${triggerTime}:${round}`;
}

/** What a webhook plugin receives: `{ renewalEvent, autoRenewal }` with the API's field names. */
export type WebhookRequestBody = { renewalEvent: RenewalEvent; autoRenewal: ApiAutoRenewal };

/** The body the engine POSTs (application/json) to a webhook plugin. */
export function webhookRequestBody(event: RenewalEvent, autoRenewal: AutoRenewal): string {
  const body: WebhookRequestBody = {
    renewalEvent: event,
    autoRenewal: apiAutoRenewal(autoRenewal),
  };
  return JSON.stringify(body);
}

/**
 * What the engine observed when calling a webhook: an HTTP answer, or a failure: 'timeout', a
 * network message, or (`refused`) a sentence saying which webhook rule refused the call or its
 * answer (see webhook-rules.ts).
 */
export type WebhookResult =
  { status: number; body: string } | { error: 'timeout' | string; refused?: boolean };

/** Turns a webhook call's result into the plugin's reply, or the reason the call failed. */
export function interpretWebhookResult(
  result: WebhookResult,
): { reply: unknown } | { error: string } {
  if ('error' in result) {
    return {
      error: result.refused
        ? result.error
        : result.error === 'timeout'
          ? 'The webhook did not answer before its timeout.'
          : `The webhook could not be reached: ${result.error}.`,
    };
  }
  if (result.status < 200 || result.status > 299) {
    return { error: `The webhook answered HTTP ${result.status}.` };
  }
  if (result.body.trim() === '') return { reply: {} };
  try {
    return { reply: JSON.parse(result.body) as unknown };
  } catch {
    return { error: 'The webhook answered with a body that is not JSON.' };
  }
}

/** What the renewal-notice plugin leaves: a fact on the timeline, announced to the assignee. */
export type RenewalNotice = { event: TimelineEvent; notice: Notice };

const EVENT_WORDS: Record<RenewalEvent, string> = {
  create: 'A renewal is being drafted',
  accept: 'The renewal is being accepted',
  issue: 'The renewal is being issued',
};

/**
 * The built-in renewal notice: a timeline event on the customer and a notification to the
 * policy's assignee. Pure; it asks for no changes (its reply is always {}).
 */
export function renewalNotice(
  request: PluginRequest,
  policy: Policy,
  now: Instant,
  timeZone: string,
): RenewalNotice & { reply: PluginReply } {
  const { autoRenewal, renewalEvent } = request;
  const id = policyIds.noticeEvent(autoRenewal.id, renewalEvent);
  const title = `${EVENT_WORDS[renewalEvent]} for policy ${policy.number}`;
  const detail = `Auto-renewal of term ${autoRenewal.termNumber} (${policy.productName}).`;
  return {
    reply: {},
    event: {
      id,
      type: 'AUTO_RENEWAL_NOTICE',
      customerId: policy.customerId,
      subjectId: policy.id,
      title,
      detail,
      occurredOn: localDateIn(now, timeZone),
      at: now,
      updatedAt: now,
    },
    notice: {
      id,
      audience: { kind: 'staff', staffId: policy.assigneeId },
      title,
      body: detail,
      route: routes.policy(policy.id),
      sourceEventId: id,
    },
  };
}
