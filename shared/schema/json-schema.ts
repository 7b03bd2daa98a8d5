import { CALENDAR_DATE_PATTERN, LOCAL_DATE_PATTERN } from '../time/local-date.js';

/**
 * Schema pieces whose TypeScript type is exact: `as const` makes an enum a readonly tuple,
 * which RxDB's type extraction reads as plain `string`; these keep the union, so the record
 * types derived from the schemas are the domain types and no collection needs a cast.
 */
export function stringEnum<const V extends string>(
  values: readonly V[],
  maxLength?: number,
): { type: 'string'; enum: V[]; maxLength?: number } {
  return maxLength === undefined
    ? { type: 'string', enum: [...values] }
    : { type: 'string', enum: [...values], maxLength };
}

/** An enum that may also be null ('no stage yet'). */
export function nullableEnum<const V extends string>(
  values: readonly V[],
): { type: ['string', 'null']; enum: (V | null)[] } {
  return { type: ['string', 'null'], enum: [...values, null] };
}

/** Text of at most `maxLength` characters (a limit of shared/limits.ts). */
export function text<const N extends number>(maxLength: N): { type: 'string'; maxLength: N } {
  return { type: 'string', maxLength };
}

/** Optional text that may also be null. */
export function nullableText<const N extends number>(
  maxLength: N,
): { type: ['string', 'null']; maxLength: N } {
  return { type: ['string', 'null'], maxLength };
}

/** A date a record holds: 'YYYY-MM-DD' in the years 1900-2199 (LOCAL_DATE_PATTERN). */
export const localDate = {
  type: 'string',
  maxLength: 10,
  pattern: LOCAL_DATE_PATTERN,
} as const;

/**
 * A date the app derives rather than someone enters, which may lie a little outside 1900-2199
 * (the day a stage starts, 90 days before a due date) or be the "never" sentinel '9999-12-31'.
 */
export const calendarDate = {
  type: 'string',
  maxLength: 10,
  pattern: CALENDAR_DATE_PATTERN,
} as const;

/** An instant: canonical ISO 8601 in UTC ('2026-11-23T09:30:00.000Z'); the shape is the time module's rule. */
export const instant = { type: 'string', maxLength: 30 } as const;

/** An instant that may be null (no time set). */
export const nullableInstant = { type: ['string', 'null'], maxLength: 30 } as const;

/** The id of another record (the sync protocol's MAX_ID_LENGTH). */
export const reference = { type: 'string', maxLength: 200 } as const;

/**
 * What a schema migration had to change so a record written by an older build fits today's
 * limits, with the value as it was: text longer than its field's limit is shortened there and
 * kept here in full, a date outside 1900-2199 is replaced by the nearest one and kept here as
 * written. Nothing anyone entered is lost; the app shows these beside the record.
 */
export const keptByMigration = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      /** Where the value was: 'notes', 'permits.2.number'. */
      field: { type: 'string', maxLength: 200 },
      /** The value as it was stored, in full. */
      value: { type: 'string' },
      /** What the migration did, in words. */
      note: { type: 'string', maxLength: 500 },
      /** The schema version that made the change. */
      version: { type: 'integer', minimum: 1, maximum: 1000 },
    },
    required: ['field', 'value', 'note', 'version'],
  },
} as const;
