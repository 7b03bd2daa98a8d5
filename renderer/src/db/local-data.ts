import type { RxCollection } from 'rxdb';
import { combineLatest, map, type Observable } from 'rxjs';
import type { ConfigRecord } from '../../../shared/schema/config';
import type { Customer } from '../../../shared/schema/customer';
import type { DeliveredNotification } from '../../../shared/schema/notification';
import type { Renewal } from '../../../shared/schema/renewal';
import type { Task } from '../../../shared/schema/task';
import type { TimelineEvent } from '../../../shared/schema/timeline-event';
import type { NoLapseDatabase } from './database';
import { insertMissing, json, upsertAll, WriteError } from './writes';

export { WriteError };

/** Inserts records, keeping existing ones; returns those that were new. */
async function insertNew<T extends { id: string }>(
  collection: RxCollection<T>,
  records: readonly T[],
  what: string,
): Promise<T[]> {
  return (await insertMissing(collection, records, what)).inserted;
}

/**
 * Everything the app reads and writes locally. The only module besides `database.ts` that
 * speaks RxDB, so the engine and the UI deal in plain records and observables.
 */
export function localData(db: NoLapseDatabase) {
  return {
    db,
    renewals: {
      async get(id: string): Promise<Renewal | null> {
        return (await db.renewals.findOne(id).exec())?.toJSON() as Renewal | null;
      },
      /** Open renewals whose stage may change by `today`: an index range, not a scan. */
      async dueForRefresh(today: string): Promise<Renewal[]> {
        const docs = await db.renewals
          .find({
            selector: { nextStageOn: { $lte: today } },
            sort: [{ nextStageOn: 'asc' }, { id: 'asc' }],
          })
          .exec();
        return json(docs) as Renewal[];
      },
      async ofCustomer(customerId: string): Promise<Renewal[]> {
        return json(await db.renewals.find({ selector: { customerId } }).exec()) as Renewal[];
      },
      insert: (records: readonly Renewal[]) => insertNew(db.renewals, records, 'the renewal'),
      upsert: (records: readonly Renewal[]) => upsertAll(db.renewals, records, 'the renewals'),
      /** Open renewals (ACTIVE and OVERDUE): two [status, dueDate, id] index ranges merged. */
      watchOpen(): Observable<Renewal[]> {
        const byStatus = (status: 'ACTIVE' | 'OVERDUE') =>
          db.renewals
            .find({
              selector: { status },
              sort: [{ status: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }],
            })
            .$.pipe(map((docs) => json(docs) as Renewal[]));
        return combineLatest([byStatus('OVERDUE'), byStatus('ACTIVE')]).pipe(
          map(([overdue, active]) => overdue.concat(active)),
        );
      },
      /** The most urgent `limit` open renewals, by index: paints the queue before the full load. */
      async firstOpen(limit: number): Promise<Renewal[]> {
        const page = (status: 'ACTIVE' | 'OVERDUE') =>
          db.renewals
            .find({
              selector: { status },
              sort: [{ status: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }],
              limit,
            })
            .exec();
        const [overdue, active] = await Promise.all([page('OVERDUE'), page('ACTIVE')]);
        return (json(overdue.concat(active)) as Renewal[]).slice(0, limit);
      },
      watchClosed(): Observable<Renewal[]> {
        return db.renewals
          .find({
            selector: { status: { $in: ['COMPLETED', 'CANCELLED'] } },
            sort: [{ status: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }],
          })
          .$.pipe(map((docs) => json(docs) as Renewal[]));
      },
      watchOfCustomer(customerId: string): Observable<Renewal[]> {
        return db.renewals
          .find({ selector: { customerId }, sort: [{ customerId: 'asc' }, { dueDate: 'asc' }] })
          .$.pipe(map((docs) => json(docs) as Renewal[]));
      },
      watchOverdueCount(): Observable<number> {
        return db.renewals.count({ selector: { status: 'OVERDUE' } }).$;
      },
    },
    events: {
      insert: (records: readonly TimelineEvent[]) => insertNew(db.events, records, 'the timeline'),
      /** RENEWAL_TRIGGERED and other notifiable events written since `at`, oldest first. */
      async since(at: string): Promise<TimelineEvent[]> {
        return json(
          await db.events.find({ selector: { at: { $gte: at } }, sort: [{ at: 'asc' }] }).exec(),
        ) as TimelineEvent[];
      },
      watchOfCustomer(customerId: string): Observable<TimelineEvent[]> {
        return db.events
          .find({ selector: { customerId }, sort: [{ customerId: 'desc' }, { at: 'desc' }] })
          .$.pipe(map((docs) => json(docs) as TimelineEvent[]));
      },
    },
    tasks: {
      insert: (records: readonly Task[]) => insertNew(db.tasks, records, 'the tasks'),
      upsert: (records: readonly Task[]) => upsertAll(db.tasks, records, 'the tasks'),
      async ofRenewal(renewalId: string): Promise<Task[]> {
        return json(await db.tasks.find({ selector: { renewalId } }).exec()) as Task[];
      },
      watchOpen(): Observable<Task[]> {
        return db.tasks
          .find({ selector: { status: 'OPEN' }, sort: [{ status: 'asc' }, { dueDate: 'asc' }] })
          .$.pipe(map((docs) => json(docs) as Task[]));
      },
    },
    customers: {
      async get(id: string): Promise<Customer | null> {
        return (await db.customers.findOne(id).exec())?.toJSON() as Customer | null;
      },
      /** Names by id in one read, for labelling many records at once. */
      async names(ids: readonly string[]): Promise<Map<string, string>> {
        const found = await db.customers.findByIds([...new Set(ids)]).exec();
        return new Map([...found].map(([id, doc]) => [id, doc.name]));
      },
      async insert(customer: Customer): Promise<void> {
        try {
          await db.customers.insert(customer);
        } catch (error) {
          throw new WriteError('the customer', error);
        }
      },
      upsert: (records: readonly Customer[]) => upsertAll(db.customers, records, 'the customer'),
      watchAll(): Observable<Customer[]> {
        return db.customers
          .find({ sort: [{ name: 'asc' }] })
          .$.pipe(map((docs) => json(docs) as Customer[]));
      },
      watch(id: string): Observable<Customer | null> {
        return db.customers.findOne(id).$.pipe(map((doc) => (doc?.toJSON() as Customer) ?? null));
      },
    },
    notifications: {
      async delivered(ids: readonly string[]): Promise<Set<string>> {
        const found = await db.notifications.findByIds([...ids]).exec();
        return new Set(found.keys());
      },
      insert: (records: readonly DeliveredNotification[]) =>
        insertNew(db.notifications, records, 'the notification'),
      async markAllRead(at: string): Promise<void> {
        const unread = await db.notifications.find({ selector: { readAt: null } }).exec();
        await Promise.all(unread.map((doc) => doc.incrementalPatch({ readAt: at })));
      },
      watchUnreadCount(): Observable<number> {
        return db.notifications.count({ selector: { readAt: null } }).$;
      },
      watchAll(): Observable<DeliveredNotification[]> {
        return db.notifications
          .find({ sort: [{ deliveredAt: 'desc' }] })
          .$.pipe(map((docs) => json(docs) as DeliveredNotification[]));
      },
    },
    config: {
      async get<T>(id: string): Promise<T | null> {
        return (
          (((await db.config.findOne(id).exec())?.toJSON() as ConfigRecord | undefined)
            ?.value as T) ?? null
        );
      },
      async set(id: string, value: object, now: string): Promise<void> {
        try {
          await db.config.upsert({ id, value: value as ConfigRecord['value'], updatedAt: now });
        } catch (error) {
          throw new WriteError('the settings', error);
        }
      },
      watch<T>(id: string): Observable<T | null> {
        return db.config
          .findOne(id)
          .$.pipe(map((doc) => ((doc?.toJSON() as ConfigRecord | undefined)?.value as T) ?? null));
      },
    },
  };
}

export type LocalData = ReturnType<typeof localData>;
