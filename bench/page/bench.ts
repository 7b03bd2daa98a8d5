// The benchmark page: runs inside headless Chromium against the real RxDB/Dexie/IndexedDB stack.
// bench/run.mjs builds it with Vite, opens it with Playwright and calls window.runBench(size)
// then window.loadQueue(); timings use performance.now().
import { firstValueFrom } from 'rxjs';
import { createData } from '../../renderer/src/db/data';
import { openDatabase, type NoLapseDatabase } from '../../renderer/src/db/database';
import { rxdbStore } from '../../renderer/src/db/rxdb-store';
import { createJobs } from '../../shared/jobs';
import { newRenewal } from '../../shared/renewals/create';
import { buildQueue, DEFAULT_FILTERS } from '../../shared/renewals/queue';
import { planRefresh } from '../../shared/renewals/refresh';
import type { Customer } from '../../shared/schema/customer';
import type { Renewal } from '../../shared/schema/renewal';
import { addDays } from '../../shared/time';

const TODAY = '2026-11-23';
const DAY1 = addDays(TODAY, 1); // ordinary day: no stage changes by construction
const DAY2 = addDays(TODAY, 2); // crossing day: ~1% of renewals change stage
const CUSTOMERS = 2000;
const STAFF = ['staff_ayse', 'staff_mehmet', 'staff_elif', 'staff_can', 'staff_zeynep'];
const SERVICE_TYPES = [
  'RESIDENCE_PERMIT',
  'WORK_PERMIT',
  'INSURANCE_POLICY',
  'DOCUMENT',
  'VISA_EXTENSION',
  'TAX_FILING',
];
const CHUNK = 5000;
const CROSSING_SHARE = 0.01;
const SEED_AT = `${TODAY}T07:00:00.000Z`;

/** Days from `day` on which a renewal due then changes stage on `day` (T90…T7, then OVERDUE). */
const crossingOffsets = [90, 60, 30, 14, 7, -1];
const crossingDates = (day: string) => crossingOffsets.map((d) => addDays(day, d));

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

function makeCustomers(): Customer[] {
  const out: Customer[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    out.push({
      id: `cus_${String(i).padStart(5, '0')}`,
      name: `Customer ${i} ${['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Smith', 'Novak'][i % 7]}`,
      email: `customer${i}@example.com`,
      assigneeId: STAFF[i % STAFF.length]!,
      notes: '',
      permits: [],
      createdAt: SEED_AT,
      updatedAt: SEED_AT,
    });
  }
  return out;
}

/** Renewals due −60..+730 days from TODAY, none crossing on DAY1, ~1% crossing on DAY2. */
function makeRenewals(size: number): Renewal[] {
  const rnd = mulberry32(size);
  const excluded = new Set([...crossingDates(DAY1), ...crossingDates(DAY2)]);
  const pool: string[] = [];
  for (let d = -60; d <= 730; d++) {
    const date = addDays(TODAY, d);
    if (!excluded.has(date)) pool.push(date);
  }
  const crossing = crossingDates(DAY2);
  const out: Renewal[] = [];
  for (let i = 0; i < size; i++) {
    const dueDate =
      rnd() < CROSSING_SHARE
        ? crossing[Math.floor(rnd() * crossing.length)]!
        : pool[Math.floor(rnd() * pool.length)]!;
    const serviceType = SERVICE_TYPES[Math.floor(rnd() * SERVICE_TYPES.length)]!;
    const id = `ren_${String(i).padStart(7, '0')}`;
    out.push(
      newRenewal(
        {
          id,
          customerId: `cus_${String(Math.floor(rnd() * CUSTOMERS)).padStart(5, '0')}`,
          serviceType,
          dueDate,
          assigneeId: STAFF[Math.floor(rnd() * STAFF.length)]!,
          notes: `${serviceType.toLowerCase().replace(/_/g, ' ')} #${i}`,
          ...(serviceType === 'INSURANCE_POLICY' ? { policyId: `pol_${i}` } : {}),
        },
        SEED_AT,
      ),
    );
  }
  return out;
}

/** The daily run on `day`, as the job host runs it, counting the notices it would show. */
async function dailyRun(db: NoLapseDatabase, day: string, notifications: { count: number }) {
  const summary = await createJobs({
    store: rxdbStore(db),
    effects: {
      show: async () => {
        notifications.count++;
      },
      postWebhook: async () => ({ error: 'no webhooks in the benchmark' }),
    },
    newId: (p) => `${p}_${Math.random().toString(36).slice(2)}`,
    defaultTimeZone: 'UTC',
  }).runDaily({ reason: 'daily', at: `${day}T07:00:00.000Z` });
  return { ...summary.renewals, notified: summary.notified };
}

const DB_NAME = 'nolapse-bench';
let db: NoLapseDatabase | null = null;
const held: { value: unknown } = { value: null };

async function runBench(size: number) {
  const r: Record<string, unknown> = { size };
  const tOpen = performance.now();
  db = await openDatabase({ name: DB_NAME, validate: false });
  r.openEmptyMs = ms(tOpen);
  const store = rxdbStore(db);

  // 1. Seeding: customers, then renewals already in their correct stage for TODAY.
  let t = performance.now();
  const customers = makeCustomers();
  await db.customers.bulkInsert(customers);
  r.seedCustomersMs = ms(t);
  t = performance.now();
  const fresh = makeRenewals(size);
  const plan = planRefresh(fresh, TODAY, SEED_AT);
  const updated = new Map(plan.updates.map((u) => [u.id, u]));
  const renewals = fresh.map((x) => updated.get(x.id) ?? x);
  r.generateMs = ms(t);
  r.seedStagesSet = plan.updates.length;
  t = performance.now();
  const chunkMs: number[] = [];
  for (let i = 0; i < renewals.length; i += CHUNK) {
    const tc = performance.now();
    const { existing } = await store.insert('renewals', renewals.slice(i, i + CHUNK));
    if (existing.length > 0) throw new Error('the benchmark database was not empty');
    chunkMs.push(ms(tc));
  }
  r.seedRenewalsMs = ms(t);
  r.seedDocsPerSec = Math.round(size / ((performance.now() - t) / 1000));
  r.seedChunkMsFirstLast = [chunkMs[0], chunkMs[chunkMs.length - 1]];
  const crossingsExpected = renewals.filter((x) => x.nextStageOn === DAY2).length;

  // 2. Ordinary day (DAY1): nothing changes stage.
  const n1 = { count: 0 };
  t = performance.now();
  const s1 = await dailyRun(db, DAY1, n1);
  r.refreshOrdinary = {
    ms: ms(t),
    checked: s1.checked,
    updated: s1.updated,
    events: s1.events,
    tasks: s1.tasks,
    notified: s1.notified,
  };

  // 3. Crossing day (DAY2): ~1% of renewals enter a stage.
  const n2 = { count: 0 };
  t = performance.now();
  const s2 = await dailyRun(db, DAY2, n2);
  r.refreshCrossing = {
    ms: ms(t),
    crossingsExpected,
    crossingShare: Math.round((crossingsExpected / size) * 10000) / 100,
    checked: s2.checked,
    updated: s2.updated,
    events: s2.events,
    tasks: s2.tasks,
    notified: s2.notified,
    notifyCalls: n2.count,
  };
  // Same day again: must plan nothing (idempotence), but still reads events for notifications.
  t = performance.now();
  const s3 = await dailyRun(db, DAY2, { count: 0 });
  r.refreshCrossingRepeat = {
    ms: ms(t),
    checked: s3.checked,
    updated: s3.updated,
    notified: s3.notified,
  };

  // Reopen so the reads below start from cold RxDB caches (IndexedDB itself stays warm).
  await db.close();
  t = performance.now();
  db = await openDatabase({ name: DB_NAME, validate: false });
  r.reopenMs = ms(t);
  return r;
}

/** Steps 4–6: first page, queue load and buildQueue; the queue stays referenced for the heap sample. */
async function loadQueue() {
  if (!db) throw new Error('runBench first');
  const r: Record<string, unknown> = {};
  const data = createData(db);

  // The tray badge, cold: the office's count queries on the index, then one person's.
  let t = performance.now();
  const everyone = await firstValueFrom(data.renewals.watchBadge(DAY2, null));
  r.badgeOfficeMs = ms(t);
  r.badgeOffice = everyone.office;
  t = performance.now();
  const mine = await firstValueFrom(data.renewals.watchBadge(DAY2, STAFF[0]!));
  r.badgeMineMs = ms(t);
  r.badgeMine = mine.mine;
  t = performance.now();
  await firstValueFrom(data.renewals.watchBadge(DAY2, STAFF[1]!));
  r.badgeWarmMs = ms(t);

  // 5. First page, 100 by due date.
  t = performance.now();
  const pageActive = await db.renewals
    .find({
      selector: { status: 'ACTIVE' },
      sort: [{ status: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }],
      limit: 100,
    })
    .exec();
  r.firstPageActiveIndexMs = ms(t);
  r.firstPageActiveFirstDue = pageActive[0]?.dueDate;
  t = performance.now();
  const pageOpen = await db.renewals
    .find({
      selector: { status: { $in: ['ACTIVE', 'OVERDUE'] } },
      sort: [{ dueDate: 'asc' }, { id: 'asc' }],
      limit: 100,
    })
    .exec();
  r.firstPageOpenByDueMs = ms(t);
  r.firstPageOpenFirstDue = pageOpen[0]?.dueDate;
  if (pageActive.length !== 100 && pageActive.length !== 0)
    r.firstPageActiveCount = pageActive.length;

  // 4. Queue load: first emission of watchOpen (what the queue screen subscribes to).
  t = performance.now();
  const open = await firstValueFrom(data.renewals.watchOpen());
  r.watchOpenFirstEmissionMs = ms(t);
  r.openRenewals = open.length;
  t = performance.now();
  const again = await db.renewals
    .find({
      selector: { status: { $in: ['ACTIVE', 'OVERDUE'] } },
      sort: [{ status: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }],
    })
    .exec();
  r.openFindExecWarmMs = ms(t);
  t = performance.now();
  const customers = await firstValueFrom(data.customers.watchAll());
  const names = new Map(customers.map((c) => [c.id, c.name]));
  r.customersLoadMs = ms(t);
  const nameOf = (id: string) => names.get(id) ?? 'Unknown customer';
  t = performance.now();
  const view = buildQueue(open, DEFAULT_FILTERS, DAY2, nameOf);
  r.buildQueueDefaultMs = ms(t);
  r.buildQueueDefaultRows = view.total;
  t = performance.now();
  const viewAll = buildQueue(open, { ...DEFAULT_FILTERS, window: 'all' }, DAY2, nameOf);
  r.buildQueueAllMs = ms(t);
  r.buildQueueAllRows = viewAll.total;
  t = performance.now();
  const viewSearch = buildQueue(
    open,
    { ...DEFAULT_FILTERS, window: 'all', search: 'kaya' },
    DAY2,
    nameOf,
  );
  r.buildQueueSearchMs = ms(t);
  r.buildQueueSearchRows = viewSearch.total;
  held.value = { open, again, customers, view, viewAll, pageActive, pageOpen };
  const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  r.perfMemoryUsedMB = mem ? Math.round(mem.usedJSHeapSize / 1048576) : null;
  return r;
}

async function finish() {
  held.value = null;
  await db?.close();
  db = null;
}

Object.assign(window, { runBench, loadQueue, finish, benchReady: true });
document.getElementById('status')!.textContent = 'ready';
