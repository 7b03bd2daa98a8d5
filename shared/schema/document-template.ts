import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { LIMITS } from '../limits.js';
import { instant, keptByMigration, stringEnum, text } from './json-schema.js';

const fieldSchema = {
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 64 },
    label: text(LIMITS.name),
    type: stringEnum(['text', 'date', 'email', 'number']),
    required: { type: 'boolean' },
    /** The worker profile key whose value pre-fills this field. */
    profileKey: { type: 'string', maxLength: 64 },
  },
  required: ['key', 'label', 'type', 'required'],
} as const;

const renewalModelSchema = {
  type: 'object',
  properties: {
    kind: stringEnum(['none', 'calendar', 'signature']),
    renewalMonth: { type: 'integer', minimum: 1, maximum: 12 },
    renewalDay: { type: 'integer', minimum: 1, maximum: 31 },
    renewalDurationMonths: { type: 'integer', minimum: 1, maximum: 1200 },
  },
  required: ['kind'],
} as const;

const templateVersionSchema = {
  type: 'object',
  properties: {
    version: { type: 'integer', minimum: 1 },
    name: text(LIMITS.name),
    fields: { type: 'array', items: fieldSchema },
    /**
     * The document's text. Unbounded here: a version is immutable and signed documents' hashes
     * cover it, so no migration may shorten one an older build stored; the input rule
     * (templateDraftSchema) bounds new versions to LIMITS.templateBody.
     */
    body: { type: 'string' },
    renewalModel: renewalModelSchema,
    reminderDaysBefore: { type: 'array', items: { type: 'integer', minimum: 1 } },
    gracePeriodDays: { type: 'integer', minimum: 0 },
    blocking: { type: 'boolean' },
    /** After expiry, the unsigned renewal is reminded every this many days (schema version 1). */
    overdueReminderEveryDays: { type: 'integer', minimum: 1, maximum: 365 },
    createdAt: instant,
  },
  required: [
    'version',
    'name',
    'fields',
    'body',
    'renewalModel',
    'reminderDaysBefore',
    'gracePeriodDays',
    'blocking',
    'overdueReminderEveryDays',
    'createdAt',
  ],
} as const;

/**
 * A document template with all its versions embedded. Versions are immutable and appended;
 * `latestVersion` is the number of the one new instances use. `name` mirrors the latest
 * version's name so lists can sort and search by it. Version 1 added `overdueReminderEveryDays`;
 * version 2 bounds the text that may change (see shared/limits.ts).
 */
export const documentTemplateSchema = {
  title: 'document template',
  description: 'A compliance document template and its immutable versions.',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    name: { type: 'string', maxLength: 200 },
    latestVersion: { type: 'integer', minimum: 1, maximum: 1_000_000, multipleOf: 1 },
    versions: { type: 'array', items: templateVersionSchema },
    createdAt: instant,
    updatedAt: instant,
    keptByMigration,
  },
  required: ['id', 'name', 'latestVersion', 'versions', 'createdAt', 'updatedAt'],
  indexes: ['name'],
} as const;

type DerivedTemplate = ExtractDocumentTypeFromTypedRxJsonSchema<typeof documentTemplateSchema>;
type DerivedVersion = DerivedTemplate['versions'][number];

export type TemplateField = DerivedVersion['fields'][number];
export type FieldType = TemplateField['type'];

/**
 * How a signed document expires. Written by hand as a discriminated union: the schema stores
 * one flat object (JSON schema `oneOf` is not worth its cost in RxDB), which derives to a type
 * where every variant's fields are optional.
 */
export type RenewalModel =
  | { kind: 'none' }
  | { kind: 'calendar'; renewalMonth: number; renewalDay: number }
  | { kind: 'signature'; renewalDurationMonths: number };

export type TemplateVersion = Omit<DerivedVersion, 'renewalModel'> & { renewalModel: RenewalModel };
export type DocumentTemplate = Omit<DerivedTemplate, 'versions'> & { versions: TemplateVersion[] };
