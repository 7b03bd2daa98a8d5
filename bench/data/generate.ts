// Deterministic office data for the benchmark (bench/README.md). Runs in the bench page and in
// Node (vitest). `state: 'refreshed'` gives renewals as the app stores them after the daily
// refresh of `today` (real planRefresh); 'unstaged' gives them as an import adds them (no stage).
// DAY1 (today+1) has no crossings by construction (no stage, no escalation); DAY2 (today+2) has
// ~1% of renewals crossing a threshold.
import { newRenewal } from '../../shared/renewals/create';
import { isOpen, planRefresh } from '../../shared/renewals/refresh';
import type { Customer, Permit } from '../../shared/schema/customer';
import { BUILT_IN_SERVICE_TYPES, NEVER, type Renewal } from '../../shared/schema/renewal';
import { DEFAULT_ESCALATE_AFTER_DAYS } from '../../shared/office';
import { addDays, addMonthsClamped } from '../../shared/time';
import { calendarOf, mulberry32, pad, pick } from './calendar';
import { generateDocuments, type DocumentPart } from './documents';
import { generatePolicies, type PolicyPart } from './policies';

export const TODAY = '2026-11-23';
export const DAY1 = addDays(TODAY, 1);
export const DAY2 = addDays(TODAY, 2);
export const STAFF = ['staff_ayse', 'staff_mehmet', 'staff_elif', 'staff_can', 'staff_zeynep'];
/** Every built-in service type and two of an office's own. */
export const SERVICE_TYPES = [...BUILT_IN_SERVICE_TYPES, 'VISA_EXTENSION', 'TAX_FILING'];
const CROSSING_SHARE = 0.01;
/** Share of renewals already closed (completed or cancelled): they never cross again. */
const CLOSED_SHARE = 0.08;
/** Share of customers with a permit still in application (or refused): no renewal yet. */
const PENDING_PERMIT_SHARE = 0.05;

/** Every record of the office by the collection it is stored in (shared/schema/collections.ts). */
export interface Office {
  customers: Customer[];
  /** The `size` office renewals first (ren_…), then the policies' and the documents'. */
  renewals: Renewal[];
  workers: DocumentPart['workers'];
  templates: DocumentPart['templates'];
  instances: DocumentPart['instances'];
  policies: PolicyPart['policies'];
  transactions: PolicyPart['transactions'];
  autorenewals: PolicyPart['autorenewals'];
}

/** The collections seedApp fills, in the order it fills them. */
export const OFFICE_COLLECTIONS = [
  'customers',
  'workers',
  'templates',
  'instances',
  'policies',
  'transactions',
  'autorenewals',
  'renewals',
] as const satisfies readonly (keyof Office)[];

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
  const cal = calendarOf(today);
  const { seedAt, pool, crossing } = cal;
  // The office renewals draw from `rnd` exactly as before permits, documents and policies were
  // added, so their counts and dates stay comparable; the other parts have streams of their own.
  const rnd = mulberry32(size);
  const customerCount = Math.max(1, Math.min(20_000, Math.ceil(size / 5)));
  const customers: Customer[] = [];
  for (let i = 0; i < customerCount; i++) {
    customers.push({
      id: `cus_${pad(i, 6)}`,
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
  // get a date that crosses on DAY2. A renewal due `escalatesOnDay1` would escalate to the
  // supervisors on DAY1 (OVERDUE since today): it is due a day earlier instead (escalated by
  // today's run), so the draws stay as they were and DAY1 crosses nothing.
  const escalatesOnDay1 = addDays(cal.day1, -DEFAULT_ESCALATE_AFTER_DAYS);
  const fresh: Renewal[] = [];
  for (let i = 0; i < size; i++) {
    const closed = rnd() < CLOSED_SHARE;
    const drawn =
      !closed && rnd() < CROSSING_SHARE
        ? crossing[Math.floor(rnd() * crossing.length)]!
        : pool[Math.floor(rnd() * pool.length)]!;
    const dueDate = drawn === escalatesOnDay1 ? addDays(drawn, -1) : drawn;
    const serviceType = SERVICE_TYPES[Math.floor(rnd() * SERVICE_TYPES.length)]!;
    const customer = customers[Math.floor(rnd() * customerCount)]!;
    const id = `ren_${pad(i, 7)}`;
    // A permit renewal follows a permit of its customer, due on its expiry (renewalForPermit:
    // a residence permit once APPROVED, a work permit once ISSUED; EXPIRED once renewed).
    let permitId: string | undefined;
    if (serviceType === 'RESIDENCE_PERMIT' || serviceType === 'WORK_PERMIT') {
      permitId = `per_${pad(i, 7)}`;
      customer.permits.push(
        permitOf(permitId, serviceType, i, dueDate, closed && dueDate < today ? 'EXPIRED' : null),
      );
    }
    const r = newRenewal(
      {
        id,
        customerId: customer.id,
        serviceType,
        dueDate,
        assigneeId: STAFF[Math.floor(rnd() * STAFF.length)]!,
        notes: `${serviceType.toLowerCase().replace(/_/g, ' ')} #${i}`,
        ...(permitId ? { permitId } : {}),
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
  // Permits in application or refused: on the customer, no renewal (yet).
  const permitRnd = mulberry32(size ^ 0x5045524d);
  for (const customer of customers)
    if (permitRnd() < PENDING_PERMIT_SHARE) {
      const kind = permitRnd() < 0.5 ? 'RESIDENCE_PERMIT' : 'WORK_PERMIT';
      const state = pick(permitRnd, ['APPLIED', 'APPLIED', 'REJECTED'] as const);
      customer.permits.push({
        id: `per_${customer.id}_pending`,
        kind,
        number: `${kind === 'RESIDENCE_PERMIT' ? 'RP' : 'WP'}-pending-${customer.id}`,
        state,
        expiresOn: addDays(today, 365 + Math.floor(permitRnd() * 365)),
      });
    }
  const policies = generatePolicies(mulberry32(size ^ 0x504f4c49), cal, customers);
  const documents = generateDocuments(mulberry32(size ^ 0x444f4353), cal, size);
  fresh.push(...policies.renewals, ...documents.renewals);
  let renewals = fresh;
  if (state === 'refreshed') {
    const plan = planRefresh(fresh, today, seedAt);
    const updated = new Map(plan.updates.map((u) => [u.id, u]));
    renewals = fresh.map((x) => updated.get(x.id) ?? x);
  }
  return {
    customers,
    renewals,
    workers: documents.workers,
    templates: documents.templates,
    instances: documents.instances,
    policies: policies.policies,
    transactions: policies.transactions,
    autorenewals: policies.autorenewals,
  };
}

function permitOf(
  id: string,
  kind: 'RESIDENCE_PERMIT' | 'WORK_PERMIT',
  i: number,
  expiresOn: string,
  state: 'EXPIRED' | null,
): Permit {
  const validFrom = addMonthsClamped(expiresOn, kind === 'RESIDENCE_PERMIT' ? -24 : -12);
  return {
    id,
    kind,
    number: `${kind === 'RESIDENCE_PERMIT' ? 'RP' : 'WP'}-${validFrom.slice(0, 4)}-${pad(i, 7)}`,
    state: state ?? (kind === 'RESIDENCE_PERMIT' ? 'APPROVED' : 'ISSUED'),
    validFrom,
    expiresOn,
  };
}
