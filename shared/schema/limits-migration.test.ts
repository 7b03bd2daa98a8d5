import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyContent } from '../documents/lifecycle.js';
import type { CollectionName } from '../jobs/store.js';
import { LIMITS } from '../limits.js';
import type { DocumentInstance } from './document-instance.js';
import type { TemplateVersion } from './document-template.js';
import { COLLECTION_SCHEMAS } from './collections.js';
import { fitToSchema } from './fit-to-schema.js';
import {
  CARD_TEXT,
  migrateFrom,
  LONG_EMAIL,
  PASTED_EMAIL,
  RECORDS_BEFORE_LIMITS,
  SCHEMAS_BEFORE_LIMITS,
} from './fixtures/before-limits.test-support.js';
import { describeProblems, recordValidator } from './record-validator.js';

const COLLECTIONS = Object.keys(COLLECTION_SCHEMAS) as CollectionName[];

const migrated = (collection: CollectionName, id: string) => {
  const record = RECORDS_BEFORE_LIMITS[collection].find((r) => r.id === id)!;
  return migrateFrom(collection, SCHEMAS_BEFORE_LIMITS[collection].version, record);
};

describe('the limits version', () => {
  it('moves every collection exactly one version up from the fixtures’ schemas', () => {
    // Versions after the limits version: renewals 3 (the queue's indexes), tasks 2 (a person's
    // open tasks counted by index), notifications 3 (taken notices wait for no digest) and 4
    // (unread is '', counted by index).
    const after: Partial<Record<CollectionName, number>> = {
      renewals: 1,
      tasks: 1,
      notifications: 2,
    };
    for (const collection of COLLECTIONS)
      expect(COLLECTION_SCHEMAS[collection].version, collection).toBe(
        SCHEMAS_BEFORE_LIMITS[collection].version + 1 + (after[collection] ?? 0),
      );
  });

  it.each(COLLECTIONS)(
    'migrates every %s fixture into a record the new schema accepts',
    (collection) => {
      const validate = recordValidator(COLLECTION_SCHEMAS[collection]);
      expect(RECORDS_BEFORE_LIMITS[collection].length).toBeGreaterThan(0);
      for (const record of RECORDS_BEFORE_LIMITS[collection]) {
        const after = migrateFrom(collection, SCHEMAS_BEFORE_LIMITS[collection].version, record);
        expect(describeProblems(validate(after)), String(record.id)).toBe('');
        // A second run finds nothing more to fit.
        expect(fitToSchema(COLLECTION_SCHEMAS[collection], 99)(after)).toBe(after);
      }
    },
  );

  it('shortens pasted notes and a whole card in a permit number, keeping both in full', () => {
    const customer = migrated('customers', 'cus_elif') as {
      notes: string;
      permits: { number: string; expiresOn: string }[];
      keptByMigration: { field: string; value: string; note: string; version: number }[];
    };
    expect(customer.notes).toHaveLength(LIMITS.notes);
    expect(customer.notes.endsWith('…')).toBe(true);
    expect(PASTED_EMAIL.startsWith(customer.notes.slice(0, -1))).toBe(true);
    expect(customer.permits[0]!.number).toHaveLength(LIMITS.number);
    expect(customer.keptByMigration).toEqual([
      {
        field: 'notes',
        value: PASTED_EMAIL,
        note: 'Longer than 10,000 characters: shortened there, kept here in full.',
        version: 1,
      },
      {
        field: 'permits.0.number',
        value: CARD_TEXT,
        note: 'Longer than 100 characters: shortened there, kept here in full.',
        version: 1,
      },
      {
        field: 'permits.0.expiresOn',
        value: '0027-03-15',
        note: 'The date 0027-03-15 is outside 1900-2199: it now reads 1927-03-15, the day earlier versions counted with. Check it.',
        version: 1,
      },
    ]);
    expect(customer.permits[0]!.expiresOn).toBe('1927-03-15');
  });

  it('reads a due date typed 0026-03-15 as 1926-03-15, as earlier builds counted, and keeps it', () => {
    const renewal = migrated('renewals', 'ren_0026');
    expect(renewal).toMatchObject({ dueDate: '1926-03-15', nextStageOn: '9999-12-31' });
    expect(renewal.keptByMigration).toEqual([
      expect.objectContaining({ field: 'dueDate', value: '0026-03-15', version: 2 }),
    ]);
    expect(migrated('tasks', 'task:ren_0026:URGENT:0026-03-15')).toMatchObject({
      dueDate: '1926-03-15',
      keptByMigration: [{ field: 'dueDate', value: '0026-03-15' }],
    });
  });

  it('gives a due date that is no date 1900-01-01, so it shows as overdue, and keeps the words', () => {
    const renewal = migrated('renewals', 'ren_noday');
    expect(renewal).toMatchObject({ dueDate: '1900-01-01', nextStageOn: '1900-01-01' });
    expect(renewal.keptByMigration).toEqual([
      {
        field: 'dueDate',
        value: 'next week',
        note: '"next week" is not a date: it now reads 1900-01-01. Enter the right date.',
        version: 2,
      },
      expect.objectContaining({ field: 'nextStageOn', value: 'next week' }),
    ]);
  });

  it('keeps a 300-character worker email and a long product name in full', () => {
    const worker = migrated('workers', 'wrk_maria');
    expect(String(worker.email)).toHaveLength(LIMITS.email);
    expect(worker.keptByMigration).toEqual([
      expect.objectContaining({ field: 'email', value: LONG_EMAIL }),
    ]);
    const policy = migrated('policies', 'pol_fleet');
    expect(String(policy.productName)).toHaveLength(LIMITS.name);
    expect(policy.keptByMigration).toHaveLength(1);
  });

  it('leaves records that fit unchanged, and a signed document’s hash verifying under its own rule', () => {
    for (const [collection, id] of [
      ['customers', 'cus_jan'],
      ['renewals', 'ren_snoozed'],
      ['events', 'evt:ren_snoozed:T90:2026-04-30'],
      ['config', 'office'],
      ['templates', 'tpl_nda'],
      ['instances', 'doc:tpl_nda:wrk_ada'],
      ['transactions', 'tx:ar:pol_fleet:T1:auto'],
      ['autorenewals', 'ar:pol_fleet:T1'],
    ] as const) {
      const before = RECORDS_BEFORE_LIMITS[collection].find((r) => r.id === id)!;
      expect(migrated(collection, id), id).toEqual(before);
    }
    const instance = migrated('instances', 'doc:tpl_nda:wrk_ada') as DocumentInstance;
    const template = migrated('templates', 'tpl_nda') as { versions: TemplateVersion[] };
    expect(instance.hashVersion).toBeUndefined();
    expect(verifyContent(instance, template.versions[0]!)).toBe(true);
  });

  it('fits any text and any date to the schema without losing either', { timeout: 60_000 }, () => {
    const schema = COLLECTION_SCHEMAS.renewals;
    const validate = recordValidator(schema);
    const base = RECORDS_BEFORE_LIMITS.renewals[1]!;
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12_000, unit: 'grapheme' }),
        fc.oneof(
          fc.string({ maxLength: 10 }),
          fc
            .date({ min: new Date('0000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
        ),
        (notes, dueDate) => {
          const before = { ...base, notes, dueDate };
          const after = fitToSchema(schema, 2)(before);
          expect(validate(after)).toEqual([]);
          const kept = (after.keptByMigration ?? []) as { field: string; value: string }[];
          for (const field of ['notes', 'dueDate'] as const)
            if (after[field] !== before[field])
              expect(kept.find((k) => k.field === field)?.value).toBe(before[field]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
