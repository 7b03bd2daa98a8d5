// What checking every write costs, and how long start-up migrations take, in real Chromium on
// RxDB → Dexie → IndexedDB. bench/validation-cost.mjs builds this page, opens it with Playwright
// and calls window.validationCost(...) and window.migrationCost(...); times use performance.now().
import { Ajv } from 'ajv';
import ZSchema from 'z-schema';
import {
  createRxDatabase,
  fillWithDefaultSettings,
  wrappedValidateStorageFactory,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { addRxPlugin } from 'rxdb';
import { z } from 'zod';
import { guardedStorage, openDatabase, type NoLapseDatabase } from '../../renderer/src/db/database';
import { rxdbStore } from '../../renderer/src/db/rxdb-store';
import { newRenewal } from '../../shared/renewals/create';
import { COLLECTION_SCHEMAS } from '../../shared/schema/collections';
import { SCHEMAS_BEFORE_LIMITS } from '../../shared/schema/fixtures/before-limits.test-support';
import { MIGRATIONS } from '../../shared/schema/migrations';
import { recordValidator } from '../../shared/schema/record-validator';
import type { Renewal } from '../../shared/schema/renewal';
import { addDays } from '../../shared/time';

addRxPlugin(RxDBMigrationSchemaPlugin);

const CHUNK = 5000;
const SEED_AT = '2026-11-23T07:00:00.000Z';
const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

function makeRenewals(size: number): Renewal[] {
  return Array.from({ length: size }, (_, i) =>
    newRenewal(
      {
        id: `ren_${String(i).padStart(7, '0')}`,
        customerId: `cus_${String(i % 2000).padStart(5, '0')}`,
        serviceType: ['RESIDENCE_PERMIT', 'WORK_PERMIT', 'INSURANCE_POLICY'][i % 3]!,
        dueDate: addDays('2026-11-23', (i % 790) - 60),
        assigneeId: `staff_${i % 5}`,
        notes: `Renewal number ${i}, standard one-year permit; call the customer a month before.`,
      },
      SEED_AT,
    ),
  );
}

const dexie = () =>
  getRxStorageDexie({ chromeTransactionDurability: 'strict' }) as RxStorage<unknown, unknown>;

/** zod's JSON schema reader as an RxDB validator: what "the zod schemas at the adapter" costs. */
const zodStorage = wrappedValidateStorageFactory((schema: RxJsonSchema<unknown>) => {
  const parser = z.fromJSONSchema(schema as never);
  return (doc) => {
    const result = parser.safeParse(doc);
    return result.success
      ? []
      : result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  };
}, 'zod');

const VARIANTS: Record<string, () => RxStorage<unknown, unknown>> = {
  none: () => guardedStorage(dexie(), false),
  nolapse: () => guardedStorage(dexie(), true),
  'z-schema': () => wrappedValidateZSchemaStorage({ storage: dexie() }),
  zod: () => zodStorage({ storage: dexie() }),
  ajv: () => wrappedValidateAjvStorage({ storage: dexie() }),
};

async function openVariant(name: string, storage: RxStorage<unknown, unknown>) {
  const db = await createRxDatabase({ name, storage, multiInstance: false });
  await db.addCollections(
    Object.fromEntries(
      Object.entries(COLLECTION_SCHEMAS).map(([c, schema]) => [
        c,
        { schema, migrationStrategies: MIGRATIONS[c as keyof typeof MIGRATIONS] },
      ]),
    ) as never,
  );
  return db as unknown as NoLapseDatabase;
}

/** Bulk insert then bulk update `size` renewals through the store port, with one validator. */
async function validationCost(variant: string, size: number) {
  const r: Record<string, unknown> = { variant, size };
  const name = `nolapse-validation-${variant}-${size}-${Date.now()}`;
  let db: NoLapseDatabase;
  try {
    db = await openVariant(name, VARIANTS[variant]!());
  } catch (error) {
    return { ...r, error: (error as Error).message.split('\n')[0] };
  }
  const store = rxdbStore(db);
  const renewals = makeRenewals(size);
  try {
    let t = performance.now();
    for (let i = 0; i < size; i += CHUNK) {
      const { existing } = await store.insert('renewals', renewals.slice(i, i + CHUNK));
      if (existing.length > 0) throw new Error('the database was not empty');
    }
    r.insertMs = ms(t);
    t = performance.now();
    for (let i = 0; i < size; i += CHUNK) {
      const changes = renewals
        .slice(i, i + CHUNK)
        .map((before) => ({ before, after: { ...before, notes: `${before.notes} Called.` } }));
      const { conflicts } = await store.update('renewals', changes);
      if (conflicts.length > 0) throw new Error(`${conflicts.length} conflicts`);
    }
    r.updateMs = ms(t);
    // A record over a limit must be refused by every validating variant.
    const bad = { ...renewals[0]!, id: 'ren_bad', notes: 'x'.repeat(10_001) };
    try {
      await store.insert('renewals', [bad]);
      r.refusesOversized = false;
    } catch (error) {
      r.refusesOversized = true;
      r.refusal = (error as Error).message.slice(0, 200);
    }
  } catch (error) {
    r.error = (error as Error).message.split('\n')[0];
  } finally {
    await db.remove();
  }
  return r;
}

/**
 * The validators alone, in memory, on `size` renewals as RxDB stores them (its full storage
 * schema, `_meta` and `_rev` included): the CPU each costs per write, without IndexedDB's noise.
 * Best of three runs, in ms. Under the CSP, ajv cannot compile and zod runs without its JIT.
 */
function validatorCpuCost(size: number): Promise<Record<string, unknown>> {
  // Off the DevTools call stack: Chromium does not apply the page's CSP to code that
  // page.evaluate runs directly, and the app never compiles validators there either.
  return new Promise((resolve) => setTimeout(() => resolve(validatorCpuCostNow(size)), 0));
}

function validatorCpuCostNow(size: number) {
  const schema = fillWithDefaultSettings(COLLECTION_SCHEMAS.renewals) as RxJsonSchema<unknown>;
  const docs = makeRenewals(size).map((r, i) => ({
    ...r,
    _deleted: false,
    _rev: `1-${i}`,
    _meta: { lwt: 1767225600000 + i + 0.01 },
    _attachments: {},
  }));
  const validators: Record<string, () => (doc: unknown) => unknown[]> = {
    nolapse: () => recordValidator(schema),
    zod: () => {
      const parser = z.fromJSONSchema(schema as never);
      return (doc) => {
        const result = parser.safeParse(doc);
        return result.success ? [] : result.error.issues;
      };
    },
    'z-schema': () => {
      const validator = ZSchema.create({ strictMode: false });
      return (doc) => {
        const result = validator.validateSafe(doc, schema);
        return result.valid ? [] : [result];
      };
    },
    ajv: () => {
      const check = new Ajv({ strict: false }).compile(schema);
      return (doc) => (check(doc) ? [] : (check.errors ?? [{}]));
    },
  };
  const result: Record<string, unknown> = { size };
  for (const [name, make] of Object.entries(validators)) {
    try {
      const validate = make();
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const t = performance.now();
        for (const doc of docs)
          if (validate(doc).length > 0) throw new Error(`${name} refused a valid record`);
        best = Math.min(best, performance.now() - t);
      }
      result[name] = Math.round(best * 10) / 10;
    } catch (error) {
      result[name] = `error: ${(error as Error).message.split('\n')[0]!.slice(0, 100)}`;
    }
  }
  return result;
}

/**
 * Seeds `size` renewals at the previous build's renewal schema, then opens them with this
 * build: `rxdb-default` as the previous openDatabase did (RxDB's autoMigrate, its default
 * batch), `nolapse` with openDatabase (large batches, progress), then removes the database.
 */
async function migrationCost(how: 'rxdb-default' | 'nolapse', size: number) {
  const r: Record<string, unknown> = { how, size };
  const name = `nolapse-migration-${how}-${size}-${Date.now()}`;
  const old = await createRxDatabase({ name, storage: dexie(), multiInstance: true });
  await old.addCollections({
    renewals: { schema: structuredClone(SCHEMAS_BEFORE_LIMITS.renewals) as never },
  });
  const renewals = makeRenewals(size);
  let t = performance.now();
  for (let i = 0; i < size; i += CHUNK)
    await old.renewals!.bulkInsert(renewals.slice(i, i + CHUNK));
  r.seedMs = ms(t);
  await old.close();
  t = performance.now();
  let db;
  if (how === 'rxdb-default') {
    db = await createRxDatabase({ name, storage: dexie(), multiInstance: true });
    await db.addCollections({
      renewals: { schema: COLLECTION_SCHEMAS.renewals, migrationStrategies: MIGRATIONS.renewals },
    });
  } else {
    const progressAt: number[] = [];
    db = await openDatabase({ name, onMigrationProgress: () => progressAt.push(ms(t)) });
    r.progressUpdates = progressAt.length;
    // When each batch was written: where the time goes (reading, writing, opening).
    r.progressAtMs = progressAt;
  }
  r.migrateMs = ms(t);
  r.migrated = await db.renewals!.count().exec();
  await db.remove();
  return r;
}

declare global {
  interface Window {
    validationCost: typeof validationCost;
    validatorCpuCost: typeof validatorCpuCost;
    migrationCost: typeof migrationCost;
    benchReady: boolean;
  }
}
window.validationCost = validationCost;
window.validatorCpuCost = validatorCpuCost;
window.migrationCost = migrationCost;
window.benchReady = true;
document.getElementById('status')!.textContent += ': ready';
