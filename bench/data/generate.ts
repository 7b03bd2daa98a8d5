// Deterministic office data for the benchmark (bench/README.md). Runs in the bench page and in
// Node (vitest). `state: 'refreshed'` gives renewals as the app stores them after the daily
// refresh of `today` (real planRefresh); 'unstaged' gives them as an import adds them (no stage).
// DAY1 (today+1) has no stage crossings by construction; DAY2 (today+2) has ~1% of renewals
// crossing a threshold.
import { newRenewal } from '../../shared/renewals/create';
import { isOpen, planRefresh } from '../../shared/renewals/refresh';
import type { Customer } from '../../shared/schema/customer';
import { BUILT_IN_SERVICE_TYPES, NEVER, type Renewal } from '../../shared/schema/renewal';
import { addDays } from '../../shared/time';

export const TODAY = '2026-11-23';
export const DAY1 = addDays(TODAY, 1);
export const DAY2 = addDays(TODAY, 2);
export const STAFF = ['staff_ayse', 'staff_mehmet', 'staff_elif', 'staff_can', 'staff_zeynep'];
/** Every built-in service type and two of an office's own. */
export const SERVICE_TYPES = [...BUILT_IN_SERVICE_TYPES, 'VISA_EXTENSION', 'TAX_FILING'];
const CROSSING_SHARE = 0.01;
/** Share of renewals already closed (completed or cancelled): they never cross again. */
const CLOSED_SHARE = 0.08;

/** Days before due on which a renewal changes stage (T90…T7, then OVERDUE the day after). */
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

export interface Office {
  customers: Customer[];
  renewals: Renewal[];
  /** Not generated yet (see bench/README.md): kept so suites can rely on the shape. */
  documents: never[];
  policies: never[];
}

/** Open renewals the refresh of `day` has to change (their next stage is due by then). */
export function crossingsOn(day: string, renewals: readonly Renewal[]): Renewal[] {
  return renewals.filter((r) => isOpen(r) && r.nextStageOn <= day);
}

export function generateOffice({
  size,
  today = TODAY,
  state = 'refreshed',
}: {
  size: number;
  today?: string;
  state?: 'refreshed' | 'unstaged';
}): Office {
  const seedAt = `${today}T07:00:00.000Z`;
  const day1 = addDays(today, 1);
  const day2 = addDays(today, 2);
  const rnd = mulberry32(size);
  const customerCount = Math.max(1, Math.min(20_000, Math.ceil(size / 5)));
  const customers: Customer[] = [];
  for (let i = 0; i < customerCount; i++) {
    customers.push({
      id: `cus_${String(i).padStart(6, '0')}`,
      name: `Customer ${i} ${['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Smith', 'Novak'][i % 7]}`,
      email: `customer${i}@example.com`,
      assigneeId: STAFF[i % STAFF.length]!,
      notes: '',
      permits: [],
      createdAt: seedAt,
      updatedAt: seedAt,
    });
  }
  // Due dates −60..+730 days, avoiding every date that would cross on DAY1 or DAY2; ~1% then
  // get a date that crosses on DAY2.
  const excluded = new Set([...crossingDates(day1), ...crossingDates(day2)]);
  const pool: string[] = [];
  for (let d = -60; d <= 730; d++) {
    const date = addDays(today, d);
    if (!excluded.has(date)) pool.push(date);
  }
  const crossing = crossingDates(day2);
  const fresh: Renewal[] = [];
  for (let i = 0; i < size; i++) {
    const closed = rnd() < CLOSED_SHARE;
    const dueDate =
      !closed && rnd() < CROSSING_SHARE
        ? crossing[Math.floor(rnd() * crossing.length)]!
        : pool[Math.floor(rnd() * pool.length)]!;
    const serviceType = SERVICE_TYPES[Math.floor(rnd() * SERVICE_TYPES.length)]!;
    const r = newRenewal(
      {
        id: `ren_${String(i).padStart(7, '0')}`,
        customerId: `cus_${String(Math.floor(rnd() * customerCount)).padStart(6, '0')}`,
        serviceType,
        dueDate,
        assigneeId: STAFF[Math.floor(rnd() * STAFF.length)]!,
        notes: `${serviceType.toLowerCase().replace(/_/g, ' ')} #${i}`,
        ...(serviceType === 'INSURANCE_POLICY' ? { policyId: `pol_${i}` } : {}),
      },
      seedAt,
    );
    if (closed) {
      const done = rnd() < 0.7;
      fresh.push({
        ...r,
        status: done ? 'COMPLETED' : 'CANCELLED',
        nextStageOn: NEVER,
        ...(done ? { completedAt: seedAt } : {}),
      });
    } else fresh.push(r);
  }
  let renewals = fresh;
  if (state === 'refreshed') {
    const plan = planRefresh(fresh, today, seedAt);
    const updated = new Map(plan.updates.map((u) => [u.id, u]));
    renewals = fresh.map((x) => updated.get(x.id) ?? x);
  }
  return { customers, renewals, documents: [], policies: [] };
}
