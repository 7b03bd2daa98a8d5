import { z } from 'zod';
import { formatLimit, LIMITS, shortenTo, utf8Bytes } from '../limits.js';
import type { DocumentTemplate, TemplateVersion } from '../schema/document-template.js';
import { MAX_RECORD_BYTES } from '../sync/protocol.js';
import type { Instant } from '../time/index.js';
import { canonicalJson } from './canonical-json.js';
import { DEFAULT_OVERDUE_REMINDER_EVERY_DAYS, DEFAULT_REMINDER_DAYS_BEFORE } from './expiry.js';

/** Days in each month of a leap year: the calendar model accepts Feb 29 (it falls on Feb 28 otherwise). */
const MAX_DAY_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
/** Month names for messages and pickers, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
const PLACEHOLDER = /\{\{\s*([^}\s]+)\s*\}\}/g;

const wholeNumber = (what: string) =>
  z.int({
    error: (issue) =>
      issue.input === undefined ? `Enter ${what}.` : `${capitalize(what)} must be a whole number.`,
  });

const fieldSchema = z.object({
  key: z
    .string({ error: 'Enter a key for this field.' })
    .trim()
    .min(1, 'Enter a key for this field, e.g. "taxId".')
    .max(64, 'Shorten the key to 64 characters or fewer.')
    .regex(
      FIELD_KEY,
      'Start the key with a letter and use only letters, digits and "_" (e.g. "start_date").',
    ),
  label: z
    .string({ error: 'Enter a label for this field.' })
    .trim()
    .min(1, 'Enter a label people will see, e.g. "Tax ID".')
    .max(LIMITS.name, shortenTo('the label', LIMITS.name)),
  type: z.enum(['text', 'date', 'email', 'number'], {
    error: 'Choose a field type: text, date, email or number.',
  }),
  required: z.boolean({ error: 'Say whether this field is required (yes or no).' }).default(false),
  profileKey: z
    .string()
    .trim()
    .max(64, 'Shorten the profile key to 64 characters or fewer.')
    .optional()
    .transform((value) => (value ? value : undefined)),
});

const renewalModelSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('none') }),
    z
      .object({
        kind: z.literal('calendar'),
        renewalMonth: wholeNumber('a renewal month (1-12)')
          .min(1, 'Choose a renewal month from 1 (January) to 12 (December).')
          .max(12, 'Choose a renewal month from 1 (January) to 12 (December).'),
        renewalDay: wholeNumber('a renewal day (1-31)')
          .min(1, 'Choose a renewal day from 1 to 31.')
          .max(31, 'Choose a renewal day from 1 to 31.'),
      })
      .superRefine((model, ctx) => {
        const maxDay = MAX_DAY_IN_MONTH[model.renewalMonth - 1];
        if (maxDay !== undefined && model.renewalDay > maxDay) {
          ctx.addIssue({
            code: 'custom',
            path: ['renewalDay'],
            message: `${MONTH_NAMES[model.renewalMonth - 1]} ${model.renewalDay} does not exist. Choose a day from 1 to ${maxDay}.`,
          });
        }
      }),
    z.object({
      kind: z.literal('signature'),
      renewalDurationMonths: wholeNumber('how many months a signature lasts')
        .min(1, 'A signature must last at least 1 month.')
        .max(1200, 'A signature can last at most 1200 months (100 years).'),
    }),
  ],
  { error: 'Choose a renewal model: none, calendar or signature.' },
);

/** What an admin submits when creating or editing a template; defaults fill what they leave out. */
export const templateDraftSchema = z
  .object({
    name: z
      .string({ error: 'Enter a document name.' })
      .trim()
      .min(1, 'Enter a document name, e.g. "W-9".')
      .max(LIMITS.name, shortenTo('the name', LIMITS.name)),
    fields: z
      .array(fieldSchema, { error: 'Fields must be a list.' })
      .max(
        LIMITS.templateFields,
        `A template can ask for at most ${LIMITS.templateFields} fields; split it into two documents.`,
      )
      .default([]),
    body: z
      .string({ error: 'Enter the document text.' })
      .max(LIMITS.templateBody, shortenTo('the document text', LIMITS.templateBody))
      .default(''),
    renewalModel: renewalModelSchema,
    reminderDaysBefore: z
      .array(
        z
          .int({ error: 'Each reminder must be a whole number of days.' })
          .min(1, 'Each reminder must be at least 1 day before expiry.')
          .max(3650, 'A reminder can be at most 3650 days before expiry.'),
        { error: 'Reminders must be a list of days before expiry.' },
      )
      .default([...DEFAULT_REMINDER_DAYS_BEFORE])
      .transform((days) => [...new Set(days)].sort((a, b) => b - a)),
    gracePeriodDays: z
      .int({ error: 'The grace period must be a whole number of days.' })
      .min(0, 'The grace period cannot be negative; use 0 for none.')
      .max(3650, 'The grace period can be at most 3650 days.')
      .default(0),
    blocking: z
      .boolean({ error: 'Say whether an expired document blocks job assignment (yes or no).' })
      .default(false),
    overdueReminderEveryDays: z
      .int({ error: 'Reminders after expiry must come every whole number of days.' })
      .min(1, 'Remind at least every 1 day after expiry.')
      .max(365, 'Remind at least once a year (365 days) after expiry.')
      .default(DEFAULT_OVERDUE_REMINDER_EVERY_DAYS),
  })
  .superRefine((draft, ctx) => {
    const seen = new Map<string, number>();
    draft.fields.forEach((field, index) => {
      const first = seen.get(field.key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'key'],
          message: `The key "${field.key}" is already used by field ${first + 1}. Give each field its own key.`,
        });
      } else {
        seen.set(field.key, index);
      }
    });
    for (const match of draft.body.matchAll(PLACEHOLDER)) {
      const key = match[1]!;
      if (!seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['body'],
          message: `The text mentions {{${key}}} but no field has the key "${key}". Add that field or fix the placeholder.`,
        });
      }
    }
  });

export type TemplateDraftInput = z.input<typeof templateDraftSchema>;
export type TemplateDraft = z.output<typeof templateDraftSchema>;

/** One problem with a draft: `path` for the form ('fields.1.key'), `where` for people, and what to do. */
export type TemplateDraftError = { path: string; where: string; message: string };

export type TemplateDraftResult =
  { ok: true; draft: TemplateDraft } | { ok: false; errors: TemplateDraftError[] };

/** Validates a template draft; every error says what is wrong, where, and how to fix it. */
export function validateTemplateDraft(input: unknown): TemplateDraftResult {
  const parsed = templateDraftSchema.safeParse(input);
  if (parsed.success) return { ok: true, draft: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      where: describePath(issue.path, input),
      message: issue.message,
    })),
  };
}

/** Where a problem at `path` ('fields.1.key') is, in the words the template form uses. */
export function describeTemplatePath(path: string, input: unknown): string {
  if (path === 'form' || path === '') return 'Template';
  return describePath(
    path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    input,
  );
}

function describePath(path: readonly PropertyKey[], input: unknown): string {
  const [head, index, leaf] = path;
  switch (head) {
    case 'name':
      return 'Name';
    case 'body':
      return 'Document text';
    case 'renewalModel':
      return index === undefined ? 'Renewal model' : `Renewal model, ${humanize(String(index))}`;
    case 'reminderDaysBefore':
      return typeof index === 'number' ? `Reminder ${index + 1}` : 'Reminders';
    case 'gracePeriodDays':
      return 'Grace period';
    case 'blocking':
      return 'Blocking';
    case 'overdueReminderEveryDays':
      return 'Reminders after expiry';
    case 'fields': {
      if (typeof index !== 'number') return 'Fields';
      const label = fieldLabel(input, index);
      const field = label ? `Field ${index + 1} ("${label}")` : `Field ${index + 1}`;
      return leaf === undefined ? field : `${field}, ${humanize(String(leaf))}`;
    }
    default:
      return path.length ? humanize(String(head)) : 'Template';
  }
}

function fieldLabel(input: unknown, index: number): string | undefined {
  const fields = (input as { fields?: unknown } | null)?.fields;
  const label = Array.isArray(fields)
    ? (fields[index] as { label?: unknown } | undefined)?.label
    : undefined;
  return typeof label === 'string' && label.trim() ? label.trim() : undefined;
}

function humanize(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type TemplatePlan =
  | { ok: true; template: DocumentTemplate; changed: boolean }
  | { ok: false; errors: TemplateDraftError[] };

/** A new template whose version 1 is `draft`. */
export function planTemplateCreate(id: string, draft: unknown, now: Instant): TemplatePlan {
  const result = validateTemplateDraft(draft);
  if (!result.ok) return result;
  const version = toVersion(result.draft, 1, now);
  return withinRecordLimit({
    ok: true,
    changed: true,
    template: {
      id,
      name: version.name,
      latestVersion: 1,
      versions: [version],
      createdAt: now,
      updatedAt: now,
    },
  });
}

/**
 * A template keeps every version in one record, and a record may be at most MAX_RECORD_BYTES so
 * it can sync: refuses a plan whose template would be larger, saying what to do.
 */
function withinRecordLimit(plan: Extract<TemplatePlan, { ok: true }>): TemplatePlan {
  const bytes = utf8Bytes(canonicalJson(plan.template));
  if (bytes <= MAX_RECORD_BYTES) return plan;
  const kib = (n: number) => `${formatLimit(Math.ceil(n / 1024))} KiB`;
  return {
    ok: false,
    errors: [
      {
        path: 'body',
        where: 'Document text',
        message: `With all its versions this template would hold ${kib(bytes)}, and a template can hold at most ${kib(MAX_RECORD_BYTES)} so every device can sync it. Shorten the text, or create a new template for the new text.`,
      },
    ],
  };
}

/**
 * Appends `draft` as the next version; earlier versions never change, so signed instances keep
 * the text they were signed on and new fields appear on the next renewal. A draft identical to
 * the latest version changes nothing.
 */
export function planTemplateEdit(
  template: DocumentTemplate,
  draft: unknown,
  now: Instant,
): TemplatePlan {
  const result = validateTemplateDraft(draft);
  if (!result.ok) return result;
  const latest = latestTemplateVersion(template);
  const versionNumber = template.latestVersion + 1;
  const next = toVersion(result.draft, versionNumber, now);
  if (sameContent(latest, next)) return { ok: true, template, changed: false };
  return withinRecordLimit({
    ok: true,
    changed: true,
    template: {
      ...template,
      name: next.name,
      latestVersion: versionNumber,
      versions: [...template.versions, next],
      updatedAt: now,
    },
  });
}

/** The version new instances and renewals use. */
export function latestTemplateVersion(template: DocumentTemplate): TemplateVersion {
  const latest = templateVersion(template, template.latestVersion);
  if (!latest)
    throw new RangeError(`Template "${template.id}" has no version ${template.latestVersion}.`);
  return latest;
}

/** Version `version` of `template`, or undefined when it does not exist. */
export function templateVersion(
  template: DocumentTemplate,
  version: number,
): TemplateVersion | undefined {
  return template.versions.find((v) => v.version === version);
}

/** The editable part of a version, e.g. to pre-fill the edit form. */
export function draftOf(version: TemplateVersion): TemplateDraft {
  const { version: _version, createdAt: _createdAt, ...draft } = version;
  return {
    ...draft,
    fields: draft.fields.map((f) => ({ ...f, profileKey: f.profileKey })),
    renewalModel: { ...draft.renewalModel },
    reminderDaysBefore: [...draft.reminderDaysBefore],
  };
}

function toVersion(draft: TemplateDraft, version: number, now: Instant): TemplateVersion {
  return {
    version,
    name: draft.name,
    fields: draft.fields.map(({ key, label, type, required, profileKey }) =>
      profileKey ? { key, label, type, required, profileKey } : { key, label, type, required },
    ),
    body: draft.body,
    renewalModel: draft.renewalModel,
    reminderDaysBefore: draft.reminderDaysBefore,
    gracePeriodDays: draft.gracePeriodDays,
    blocking: draft.blocking,
    overdueReminderEveryDays: draft.overdueReminderEveryDays,
    createdAt: now,
  };
}

function sameContent(a: TemplateVersion, b: TemplateVersion): boolean {
  const content = ({ version: _version, createdAt: _createdAt, ...rest }: TemplateVersion) =>
    canonicalJson(rest);
  return content(a) === content(b);
}
