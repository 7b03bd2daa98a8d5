import { combineLatest, map, type Observable } from 'rxjs';
import type { Records } from '../../../shared/jobs/store';
import { badgeSelectors, type BadgeCounts } from '../../../shared/renewals/badge';
import { NO_PENDING_TRIGGER } from '../../../shared/schema/auto-renewal';
import type { Renewal } from '../../../shared/schema/renewal';
import type { NoLapseDatabase } from './database';
import { liveCollection } from './live-collection';
import { createQueueReader } from './queue';

const byStatusAndDue = [{ status: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }] as const;

/**
 * Everything the screens read, built once per database at start-up. Queries name the index
 * they use; the raw database stays inside src/db.
 */
export function createData(db: NoLapseDatabase) {
  const c = db.collections;
  const customers = liveCollection<Records['customers']>(c.customers);
  const renewals = liveCollection<Records['renewals']>(c.renewals);
  const events = liveCollection<Records['events']>(c.events);
  const tasks = liveCollection<Records['tasks']>(c.tasks);
  const notifications = liveCollection<Records['notifications']>(c.notifications);
  const config = liveCollection<Records['config']>(c.config);
  const workers = liveCollection<Records['workers']>(c.workers);
  const templates = liveCollection<Records['templates']>(c.templates);
  const instances = liveCollection<Records['instances']>(c.instances);
  const policies = liveCollection<Records['policies']>(c.policies);
  const transactions = liveCollection<Records['transactions']>(c.transactions);
  const autoRenewals = liveCollection<Records['autorenewals']>(c.autorenewals);
  const queue = createQueueReader(c.renewals as never);

  const openOf = (status: 'ACTIVE' | 'OVERDUE', limit?: number) =>
    renewals.watchQuery({
      selector: { status },
      sort: byStatusAndDue,
      ...(limit !== undefined ? { limit } : {}),
    });

  return {
    customers: {
      ...customers,
      watchAll: () => customers.watchQuery({ sort: [{ name: 'asc' }] }),
    },
    renewals: {
      ...renewals,
      /** Open renewals (OVERDUE, then ACTIVE), each by due date: two [status, dueDate, id] ranges. */
      watchOpen(): Observable<Renewal[]> {
        return combineLatest([openOf('OVERDUE'), openOf('ACTIVE')]).pipe(
          map(([overdue, active]) => overdue.concat(active)),
        );
      },
      /** The queue screen's reads: counts and keyset pages on index ranges (renderer/src/db/queue.ts). */
      queue,
      watchOfCustomer: (customerId: string) =>
        renewals.watchQuery({
          selector: { customerId },
          sort: [{ customerId: 'asc' }, { dueDate: 'asc' }],
        }),
      /** The sidebar's overdue count: from the queue's count index once built (queue.ts). */
      watchOverdueCount: () => queue.watchCounts([{ status: 'OVERDUE' }]).pipe(map(([n]) => n!)),
      /**
       * The tray badge on `today` for `me` (null: a shared device): sums over the queue's count
       * index once it was built on this device, until then count queries on ranges of the
       * [status, dueDate, id] and [status, assigneeId, dueDate, id] indexes (badgeSelectors,
       * queue.ts watchCounts). Either way a change does not read the ranges again.
       */
      watchBadge(today: string, me: string | null): Observable<BadgeCounts> {
        const { office, mine } = badgeSelectors(today, me);
        const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
        return queue.watchCounts([...office, ...(mine ?? [])]).pipe(
          map((counts) => {
            const ofOffice = sum(counts.slice(0, office.length));
            return { mine: mine ? sum(counts.slice(office.length)) : ofOffice, office: ofOffice };
          }),
        );
      },
    },
    events: {
      ...events,
      /**
       * Fires when an event is recorded: on this device, in another tab, or by the sync. (Not a
       * query for the newest event: RxDB's indexes run one way, so sorting by `at` descending
       * read every event the office ever recorded at start-up and again on each new one.)
       */
      inserted: (): Observable<unknown> => c.events.insert$,
      /** Events about any of `subjectIds` (a policy and its queue renewals), newest first. */
      watchOfSubjects: (subjectIds: readonly string[]) =>
        events
          .watchQuery({ selector: { subjectId: { $in: subjectIds } } })
          .pipe(map((list) => list.sort((a, b) => b.at.localeCompare(a.at)))),
      watchOfCustomer: (customerId: string) =>
        events.watchQuery({
          selector: { customerId },
          sort: [{ customerId: 'desc' }, { at: 'desc' }],
        }),
    },
    tasks: {
      ...tasks,
      watchOpen: () =>
        tasks.watchQuery({
          selector: { status: 'OPEN' },
          sort: [{ status: 'asc' }, { dueDate: 'asc' }],
        }),
      /** Open tasks of `assigneeId`, or of everyone (a shared desktop): the sidebar's badge. */
      watchOpenCount: (assigneeId: string | null) =>
        tasks.watchCount(assigneeId ? { status: 'OPEN', assigneeId } : { status: 'OPEN' }),
    },
    notifications: {
      ...notifications,
      watchAll: () => notifications.watchQuery({ sort: [{ deliveredAt: 'desc' }] }),
      /** Unread notices: one count of the `readAt` index's '' range. */
      watchUnreadCount: () => notifications.watchCount({ readAt: '' }),
      /** The notices that wait for this device's next digests, earliest first. */
      watchWaitingDigests: () =>
        notifications.watchQuery({
          selector: { digestDue: { $gt: '' }, digestedAt: null },
          sort: [{ digestDue: 'asc' }],
          limit: 50,
        }),
    },
    config: {
      /** The value of one config record ('office', 'plans'), null until someone saves it. */
      watchValue<T>(id: string): Observable<T | null> {
        return config.watch(id).pipe(map((record) => (record?.value as T | undefined) ?? null));
      },
    },
    workers: { ...workers, watchAll: () => workers.watchQuery({ sort: [{ fullName: 'asc' }] }) },
    templates: { ...templates, watchAll: () => templates.watchQuery({ sort: [{ name: 'asc' }] }) },
    instances: {
      ...instances,
      watchOfWorker: (workerId: string) =>
        instances.watchQuery({
          selector: { workerId },
          sort: [{ workerId: 'asc' }, { templateId: 'asc' }],
        }),
    },
    policies: {
      ...policies,
      watchAll: () => policies.watchQuery({ sort: [{ number: 'asc' }] }),
      watchOfCustomer: (customerId: string) =>
        policies.watchQuery({
          selector: { customerId },
          sort: [{ customerId: 'asc' }, { number: 'asc' }],
        }),
    },
    transactions: {
      ...transactions,
      /** Newest term first, then newest first within a term. */
      watchOfPolicy: (policyId: string) =>
        transactions
          .watchQuery({ selector: { policyId } })
          .pipe(
            map((list) =>
              list.sort(
                (a, b) =>
                  b.termNumber - a.termNumber ||
                  (b.history[0]?.at ?? '').localeCompare(a.history[0]?.at ?? ''),
              ),
            ),
          ),
    },
    autoRenewals: {
      ...autoRenewals,
      /** The first `limit` auto-renewals with a trigger still to fire, earliest first (by index). */
      watchPending: (limit: number) =>
        autoRenewals.watchQuery({
          selector: { nextTriggerAt: { $lt: NO_PENDING_TRIGGER } },
          sort: [{ nextTriggerAt: 'asc' }, { id: 'asc' }],
          limit,
        }),
      watchOfPolicy: (policyId: string) =>
        autoRenewals
          .watchQuery({ selector: { policyId } })
          .pipe(map((list) => list.sort((a, b) => b.termNumber - a.termNumber))),
    },
  };
}

export type Data = ReturnType<typeof createData>;
