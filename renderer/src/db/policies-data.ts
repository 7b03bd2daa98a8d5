import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import type { AutoRenewal, Policy, RenewalTransaction } from '../../../shared/policies/model';
import type { NoLapseDatabase } from './database';
import { insertMissing, json, upsertAll } from './writes';

/** Policies (with their terms), renewal transactions and auto-renewals as plain records. */
export function policiesData(db: NoLapseDatabase) {
  // The domain narrows the schema-derived types (state unions, nullable times).
  const policies = db.policies as unknown as RxCollection<Policy>;
  const transactions = db.transactions as unknown as RxCollection<RenewalTransaction>;
  const autoRenewals = db.autorenewals as unknown as RxCollection<AutoRenewal>;
  return {
    policies: {
      async get(id: string): Promise<Policy | null> {
        return ((await db.policies.findOne(id).exec())?.toJSON() as Policy | undefined) ?? null;
      },
      async byNumber(customerId: string, number: string): Promise<Policy[]> {
        return json<Policy>(await db.policies.find({ selector: { customerId, number } }).exec());
      },
      insert: (records: readonly Policy[]) =>
        insertMissing(policies, records, 'the policy').then((r) => r.inserted),
      upsert: (records: readonly Policy[]) => upsertAll(policies, records, 'the policy'),
      watch(id: string): Observable<Policy | null> {
        return db.policies
          .findOne(id)
          .$.pipe(map((doc) => (doc?.toJSON() as Policy | undefined) ?? null));
      },
      watchAll(): Observable<Policy[]> {
        return db.policies
          .find({ sort: [{ number: 'asc' }] })
          .$.pipe(map((docs) => json<Policy>(docs)));
      },
      watchOfCustomer(customerId: string): Observable<Policy[]> {
        return db.policies
          .find({ selector: { customerId }, sort: [{ customerId: 'asc' }, { number: 'asc' }] })
          .$.pipe(map((docs) => json<Policy>(docs)));
      },
    },
    transactions: {
      async get(id: string): Promise<RenewalTransaction | null> {
        return (
          ((await db.transactions.findOne(id).exec())?.toJSON() as
            RenewalTransaction | undefined) ?? null
        );
      },
      async ofPolicy(policyId: string): Promise<RenewalTransaction[]> {
        return json<RenewalTransaction>(
          await db.transactions.find({ selector: { policyId } }).exec(),
        );
      },
      upsert: (records: readonly RenewalTransaction[]) =>
        upsertAll(transactions, records, 'the renewal transaction'),
      watchOfPolicy(policyId: string): Observable<RenewalTransaction[]> {
        return db.transactions
          .find({ selector: { policyId } })
          .$.pipe(
            map((docs) =>
              json<RenewalTransaction>(docs).sort(
                (a, b) =>
                  b.termNumber - a.termNumber ||
                  (b.history[0]?.at ?? '').localeCompare(a.history[0]?.at ?? ''),
              ),
            ),
          );
      },
    },
    autoRenewals: {
      async get(id: string): Promise<AutoRenewal | null> {
        return (
          ((await db.autorenewals.findOne(id).exec())?.toJSON() as AutoRenewal | undefined) ?? null
        );
      },
      async ofPolicy(policyId: string): Promise<AutoRenewal[]> {
        return json<AutoRenewal>(await db.autorenewals.find({ selector: { policyId } }).exec());
      },
      /** Auto-renewals with a trigger due by `now`, earliest first: an index range, not a scan. */
      async dueBy(now: string, limit = 200): Promise<AutoRenewal[]> {
        return json<AutoRenewal>(
          await db.autorenewals
            .find({
              selector: { nextTriggerAt: { $lte: now } },
              sort: [{ nextTriggerAt: 'asc' }, { id: 'asc' }],
              limit,
            })
            .exec(),
        );
      },
      insert: (records: readonly AutoRenewal[]) =>
        insertMissing(autoRenewals, records, 'the auto-renewal').then((r) => r.inserted),
      upsert: (records: readonly AutoRenewal[]) =>
        upsertAll(autoRenewals, records, 'the auto-renewal'),
      watchOfPolicy(policyId: string): Observable<AutoRenewal[]> {
        return db.autorenewals
          .find({ selector: { policyId } })
          .$.pipe(
            map((docs) => json<AutoRenewal>(docs).sort((a, b) => b.termNumber - a.termNumber)),
          );
      },
      /** The auto-renewals with these ids (the latest term's of each listed policy). */
      watchByIds(ids: readonly string[]): Observable<Map<string, AutoRenewal>> {
        return db.autorenewals
          .findByIds([...ids])
          .$.pipe(
            map(
              (found) => new Map([...found].map(([id, doc]) => [id, doc.toJSON() as AutoRenewal])),
            ),
          );
      },
    },
  };
}

export type PoliciesData = ReturnType<typeof policiesData>;
