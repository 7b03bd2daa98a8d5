import { z } from 'zod';
import { LIMITS, shortenTo } from '../../shared/limits.js';
import { RENEWAL_STAGES, RENEWAL_STATUSES } from '../../shared/schema/renewal.js';
import { DOCUMENT_STATUSES } from '../../shared/schema/document-instance.js';
import type { DayWindow, Urgency } from '../../shared/renewals/queue.js';

/**
 * The ops API on the wire, in zod: what each request may carry (checked with `parseOr400`) and
 * what each answer holds (the OpenAPI description is generated from both). These schemas check
 * the shape and the size (shared/limits.ts, the same limits the app's forms hold to): the
 * meaning (a real date in 1900-2199, a known service type, a valid repeat rule) is the job's
 * rule in shared/, and its refusals come back named by these fields.
 */

const object = <S extends z.core.$ZodLooseShape>(shape: S, what: string) =>
  z.strictObject(shape, { error: `Send ${what} as a JSON object.` });

const date = (what: string) =>
  z
    .string({ error: `Give ${what} as a date, YYYY-MM-DD, for example 2026-03-15.` })
    .max(10, `Give ${what} as a date, YYYY-MM-DD, for example 2026-03-15.`)
    .meta({
      format: 'date',
      examples: ['2026-03-15'],
      description: 'Office-local, in the years 1900 to 2199.',
    });

/** Text of at most `max` characters (shared/limits.ts). */
const text = (what: string, max: number) =>
  z.string({ error: `Give ${what} as text.` }).max(max, shortenTo(what, max));

/** An optional text field; null means the same as leaving it out. */
const optionalText = (what: string, max: number) => text(what, max).nullable().optional();

const id = (what: string) =>
  z
    .string()
    .min(1, `Give the ${what} id.`)
    .max(200, `That is not a ${what} id: ids are at most 200 characters.`);

// Requests -------------------------------------------------------------------------------------

export const customerIdParams = object({ id: id('customer') }, 'the path');
export const renewalIdParams = object({ renewal_id: id('renewal') }, 'the path');
export const workerIdParams = object({ id: id('worker') }, 'the path');

export const newCustomerBody = object(
  {
    full_name: text('the customer’s full name', LIMITS.name).meta({ examples: ['Elif Kaya'] }),
    email: optionalText('the email', LIMITS.email).meta({ examples: ['elif@example.com'] }),
    phone: optionalText('the phone number', LIMITS.phone),
    nationality: optionalText('the nationality', LIMITS.nationality),
    notes: optionalText('the notes', LIMITS.notes),
    assignee_id: text('the agent’s staff id', LIMITS.reference).optional().meta({
      description:
        'The staff member responsible for this customer; the office’s default staff member when left out.',
    }),
  },
  'the customer',
);

export const newRenewalBody = object(
  {
    service_type: text('the service type', LIMITS.code).meta({
      description:
        'RESIDENCE_PERMIT, WORK_PERMIT, INSURANCE_POLICY, DOCUMENT, or the office’s own code in capital letters and underscores (e.g. VISA_EXTENSION).',
      examples: ['RESIDENCE_PERMIT'],
    }),
    due_date: date('the due date').meta({ description: 'The expiry date, office-local.' }),
    policy_id: optionalText('the policy id', LIMITS.reference).meta({ examples: ['pol_abc123'] }),
    notes: optionalText('the notes', LIMITS.notes).meta({ examples: ['Standard 1-year permit'] }),
    repeats: optionalText('the repeat rule', LIMITS.recurrence).meta({
      description:
        'How the renewal repeats: "yearly", "monthly", or an RRULE such as FREQ=YEARLY;INTERVAL=2. Completing a repeating renewal creates the next one.',
      examples: ['yearly', 'FREQ=MONTHLY;INTERVAL=6'],
    }),
    assignee_id: text('the agent’s staff id', LIMITS.reference).optional().meta({
      description: 'Who is responsible; the customer’s agent when left out.',
    }),
  },
  'the renewal',
);

export const completionBody = object(
  {
    completed_on: date('the completion date').optional().meta({
      description:
        'The office-local day the renewal was done (today when left out; never later than today).',
    }),
    next_due_date: date('the next due date').nullable().optional().meta({
      description:
        'The due date of the renewal that follows. Left out: the repeat rule decides. null: nothing follows.',
    }),
  },
  'the completion',
).optional();

export const refreshBody = object({}, 'an empty object, or no body').optional();

const QUEUE_STATUSES = ['open', 'all', ...RENEWAL_STATUSES] as const;
/** The app's day windows (DAY_WINDOWS) as query values. */
const WINDOWS = ['30', '60', '90', '180', 'all'] as const satisfies readonly `${DayWindow}`[];

/** Empty query values (`?service_type=`) mean the same as leaving the filter out. */
const blankToNone = (value: unknown) => (value === '' ? undefined : value);

export const queueQuery = object(
  {
    window: z
      .preprocess(
        blankToNone,
        z.enum(WINDOWS, { error: 'Choose a window of 30, 60, 90, 180 days, or all.' }).optional(),
      )
      .meta({ description: 'Days ahead to show (overdue ones always show); default 90.' }),
    service_type: z
      .preprocess(blankToNone, text('the service type', LIMITS.code).optional())
      .meta({ description: 'Only this service type; all when left out.' }),
    status: z
      .preprocess(
        blankToNone,
        z
          .enum(QUEUE_STATUSES, {
            error: `Choose a status: ${QUEUE_STATUSES.join(', ')}.`,
          })
          .optional(),
      )
      .meta({
        description:
          'open (ACTIVE and OVERDUE, the default), all, or one status. Closed renewals are never limited by the window.',
      }),
    assignee: z
      .preprocess(blankToNone, text('the staff id', LIMITS.reference).optional())
      .meta({ description: 'Only renewals this staff member is responsible for.' }),
    limit: z
      .preprocess(
        blankToNone,
        z.coerce
          .number({ error: 'Give the limit as a whole number from 1 to 1000.' })
          .int('Give the limit as a whole number from 1 to 1000.')
          .min(1, 'Give the limit as a whole number from 1 to 1000.')
          .max(1000, 'Give the limit as a whole number from 1 to 1000.')
          .optional(),
      )
      .meta({ description: 'Items per page, 1 to 1000; default 100.' }),
    cursor: z
      .preprocess(blankToNone, text('the cursor', 1000).optional())
      .meta({ description: 'The next_cursor of the previous page.' }),
  },
  'the query',
);
export type QueueQuery = z.output<typeof queueQuery>;

// Answers --------------------------------------------------------------------------------------

const nullableText = z.string().nullable();
const instant = z.string().meta({ format: 'date-time' });
const localDate = z.string().meta({ format: 'date' });

export const URGENCIES = [
  'overdue',
  'week',
  'fortnight',
  'month',
  'quarter',
  'later',
  'closed',
] as const satisfies readonly Urgency[];

export const customerOut = z.strictObject({
  id: z.string(),
  full_name: z.string(),
  email: nullableText,
  phone: nullableText,
  nationality: nullableText,
  notes: nullableText,
  assignee_id: z.string(),
  created_at: instant,
  updated_at: instant,
});

export const renewalOut = z.strictObject({
  id: z.string(),
  customer_id: z.string(),
  service_type: z.string(),
  due_date: localDate,
  days_until_due: z.int().nullable().meta({
    description: 'Days from today (office time zone) to the due date; negative once overdue.',
  }),
  urgency: z.enum(URGENCIES),
  status: z.enum(RENEWAL_STATUSES),
  stage: z
    .enum(RENEWAL_STAGES)
    .nullable()
    .meta({ description: 'The most urgent alert already fired; null before the first (90 days).' }),
  assignee_id: z.string(),
  policy_id: nullableText,
  permit_id: nullableText,
  document_id: nullableText,
  repeats: nullableText.meta({ description: 'The repeat rule (RRULE), or null.' }),
  notes: z.string(),
  compliance_flag: z.boolean(),
  previous_renewal_id: nullableText,
  completed_at: instant.nullable(),
  created_at: instant,
  updated_at: instant,
});

export const queueItemOut = renewalOut.extend({ customer_name: nullableText });

export const countsOut = z.strictObject(
  Object.fromEntries(URGENCIES.map((u) => [u, z.int().min(0)])) as Record<
    (typeof URGENCIES)[number],
    z.ZodInt
  >,
);

export const queueOut = z.strictObject({
  today: localDate,
  window: z.enum(WINDOWS),
  items: z.array(queueItemOut),
  counts: countsOut.meta({
    description: 'Renewals per urgency that pass every filter but the window.',
  }),
  total: z.int().min(0).meta({ description: 'Items over all pages.' }),
  next_cursor: nullableText.meta({
    description: 'Pass as cursor for the next page; null at the end.',
  }),
});

export const completionOut = z.strictObject({
  completed: renewalOut,
  completed_on: localDate,
  next: renewalOut.nullable().meta({ description: 'The renewal that follows, or null.' }),
});

export const refreshOut = z.strictObject({
  today: localDate,
  checked: z.int().min(0).meta({ description: 'Renewals whose stage could change today.' }),
  updated: z.int().min(0),
  events: z
    .int()
    .min(0)
    .meta({ description: 'New RENEWAL_TRIGGERED events; 0 on a second call the same day.' }),
  tasks: z.int().min(0),
  problems: z.array(z.strictObject({ title: z.string(), detail: z.string() })),
});

export const timelineOut = z.strictObject({
  customer_id: z.string(),
  items: z.array(
    z.strictObject({
      id: z.string(),
      type: z.string().meta({ examples: ['RENEWAL_TRIGGERED', 'RENEWAL_COMPLETED'] }),
      stage: nullableText,
      renewal_id: nullableText,
      subject_id: z.string(),
      title: z.string(),
      detail: nullableText,
      occurred_on: localDate,
      at: instant,
    }),
  ),
});

export const complianceOut = z.strictObject({
  worker_id: z.string(),
  full_name: z.string(),
  active: z.boolean(),
  state: z.enum(['valid', 'grace', 'blocked']).meta({
    description: 'blocked: not to be assigned jobs until a document is renewed.',
  }),
  checked_on: localDate,
  reasons: z.array(
    z.strictObject({
      template_id: z.string(),
      document: z.string(),
      instance_id: z.string(),
      state: z.enum(['grace', 'blocked', 'expired']),
      expires_on: localDate,
      blocked_from: localDate,
      message: z.string(),
    }),
  ),
  documents: z.array(
    z.strictObject({
      instance_id: z.string(),
      template_id: z.string(),
      name: z.string(),
      status: z.enum(DOCUMENT_STATUSES),
      signed_on: localDate.nullable(),
      expires_on: localDate.nullable(),
      renewal_number: z.int().min(0),
    }),
  ),
});

export const errorOut = z.strictObject({
  error: z.string().meta({ description: 'A stable code for programs.' }),
  message: z.string().meta({ description: 'What is wrong and how to fix it, for people.' }),
  fields: z
    .record(z.string(), z.string())
    .optional()
    .meta({ description: 'The problem of each field, by field name.' }),
});
