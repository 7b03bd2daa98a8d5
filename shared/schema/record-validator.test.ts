import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CollectionName } from '../jobs/store.js';
import { COLLECTION_SCHEMAS } from './collections.js';
import { RECORDS_BEFORE_LIMITS } from './fixtures/before-limits.test-support.js';
import { describeProblems, recordValidator } from './record-validator.js';

const renewal = {
  id: 'ren_1',
  customerId: 'cus_1',
  serviceType: 'RESIDENCE_PERMIT',
  dueDate: '2026-03-15',
  status: 'ACTIVE',
  stage: null,
  nextStageOn: '2025-12-15',
  assigneeId: 'ayse',
  notes: '',
  complianceFlag: false,
  createdAt: '2026-01-01T09:00:00.000Z',
  updatedAt: '2026-01-01T09:00:00.000Z',
};
const validate = recordValidator({ ...COLLECTION_SCHEMAS.renewals, additionalProperties: false });

describe('the record validator', () => {
  it('accepts a record that fits its schema', () => {
    expect(validate(renewal)).toEqual([]);
  });

  it('names each problem by its field, in words', () => {
    const problems = validate({
      ...renewal,
      customerId: undefined,
      notes: 'x'.repeat(10_001),
      dueDate: '0026-03-15',
      status: 'DONE',
      complianceFlag: 'yes',
      colour: 'red',
    });
    expect(problems).toEqual([
      { path: 'customerId', message: 'missing' },
      {
        path: 'dueDate',
        message: '"0026-03-15" is not a date between 1900 and 2199 written YYYY-MM-DD',
      },
      {
        path: 'status',
        message: '"DONE" is not one of "ACTIVE", "OVERDUE", "COMPLETED", "CANCELLED"',
      },
      { path: 'notes', message: 'at most 10,000 characters (this has 10,001)' },
      { path: 'complianceFlag', message: 'must be true or false, not text' },
      { path: 'colour', message: 'is not a field of this record' },
    ]);
    expect(describeProblems(problems)).toBe(
      'customerId: missing; dueDate: "0026-03-15" is not a date between 1900 and 2199 written YYYY-MM-DD; status: "DONE" is not one of "ACTIVE", "OVERDUE", "COMPLETED", "CANCELLED"; and 3 more',
    );
  });

  it('finds problems inside lists and maps, with their place', () => {
    const check = recordValidator(COLLECTION_SCHEMAS.customers);
    const customer = RECORDS_BEFORE_LIMITS.customers[1]!;
    expect(
      check({
        ...customer,
        permits: [
          {
            id: 'p1',
            kind: 'RESIDENCE_PERMIT',
            number: 'A',
            state: 'ISSUED',
            expiresOn: '2199-12-31',
          },
          { id: 'p2', kind: 'VISA', number: 'B', state: 'ISSUED', expiresOn: '2200-01-01' },
        ],
      }),
    ).toEqual([
      { path: 'permits.1.kind', message: '"VISA" is not one of "RESIDENCE_PERMIT", "WORK_PERMIT"' },
      {
        path: 'permits.1.expiresOn',
        message: '"2200-01-01" is not a date between 1900 and 2199 written YYYY-MM-DD',
      },
    ]);
    const worker = recordValidator(COLLECTION_SCHEMAS.workers);
    expect(
      worker({ ...RECORDS_BEFORE_LIMITS.workers[0]!, email: 'm@x.io', profile: { address: 7 } }),
    ).toEqual([{ path: 'profile.address', message: 'must be text, not a whole number' }]);
  });

  it('counts characters as the JSON schema does: an emoji is one', () => {
    const check = recordValidator({ type: 'string', maxLength: 2 });
    expect(check('🙂🙂')).toEqual([]);
    expect(check('🙂🙂🙂')).toEqual([{ path: '', message: 'at most 2 characters (this has 3)' }]);
  });

  it('accepts RxDB’s decimal last-write times and refuses what is not a multiple', () => {
    const check = recordValidator({ type: 'number', multipleOf: 0.01 });
    expect(check(1767225600123.45)).toEqual([]);
    expect(check(0.07)).toEqual([]);
    expect(check(0.075)).toHaveLength(1);
  });

  it('refuses a schema keyword it does not check rather than skipping it', () => {
    expect(() => recordValidator({ type: 'string', format: 'email' })).toThrow(
      /Schema keyword "format" at the top is not one the record validator checks/,
    );
  });

  it(
    'agrees with ajv on every collection’s records, whatever a field holds',
    { timeout: 60_000 },
    () => {
      const ajv = new Ajv({ strict: false });
      const collections = Object.keys(COLLECTION_SCHEMAS) as CollectionName[];
      const checks = Object.fromEntries(
        collections.map((c) => {
          const schema = { ...COLLECTION_SCHEMAS[c], additionalProperties: false };
          return [c, { ours: recordValidator(schema), ajv: ajv.compile(schema) }];
        }),
      );
      const value = fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.string({ minLength: 190, maxLength: 260 }),
        fc.constantFrom('2026-03-15', '0026-03-15', '2199-12-31', '2200-01-01', '9999-12-31', ''),
        fc.integer({ min: -5, max: 2000 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
      );
      fc.assert(
        fc.property(
          fc.constantFrom(...collections),
          fc.nat(),
          fc.nat(),
          value,
          (collection, pick, field, replacement) => {
            const records = RECORDS_BEFORE_LIMITS[collection];
            const base = records[pick % records.length]!;
            const keys = [...Object.keys(COLLECTION_SCHEMAS[collection].properties), 'extra'];
            const record = { ...base, [keys[field % keys.length]!]: replacement };
            const { ours, ajv: theirs } = checks[collection]!;
            expect(ours(record).length === 0, JSON.stringify(record).slice(0, 300)).toBe(
              theirs(record),
            );
          },
        ),
        { numRuns: 2000 },
      );
    },
  );
});
