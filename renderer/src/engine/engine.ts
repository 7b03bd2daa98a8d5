import {
  checkCustomer,
  checkPermit,
  type CustomerInput,
  type PermitInput,
} from '../../../shared/customers/customer-input';
import type { NotificationRequest, PlatformApi } from '../../../shared/ipc';
import {
  planCancellation,
  planCompletion,
  planDueDateChange,
} from '../../../shared/renewals/completion';
import {
  createManualRenewal,
  renewalForPermit,
  type FieldErrors,
  type ManualRenewalInput,
} from '../../../shared/renewals/create';
import { planRefresh } from '../../../shared/renewals/refresh';
import type { Customer, Permit, PermitState } from '../../../shared/schema/customer';
import type { Renewal } from '../../../shared/schema/renewal';
import type { TimelineEvent } from '../../../shared/schema/timeline-event';
import { isLocalDate, localDateIn, type Instant } from '../../../shared/time';
import type { LocalData } from '../db/local-data';
import { defaultOfficeSettings, type OfficeSettings } from './office';

export type Clock = { now(): Instant };
export type IdFactory = (prefix: string) => string;

export type RefreshSummary = {
  today: string;
  at: Instant;
  checked: number;
  updated: number;
  events: number;
  tasks: number;
  notified: number;
};

/** How far back notifiable events are looked for, so events synced from other devices notify too. */
const NOTIFY_LOOKBACK_MS = 3 * 86_400_000;

export type EngineDeps = {
  data: LocalData;
  platform: Pick<PlatformApi, 'notify' | 'setBadge'>;
  clock: Clock;
  newId: IdFactory;
  systemTimeZone: string;
  /** True while the user paused reminders: notifications go to the centre without a toast. */
  paused?: () => boolean;
};

/**
 * The imperative shell around shared/: reads records, asks a pure function for a plan,
 * writes only what the plan changes. Derived records are written before the renewals that
 * caused them, so an interrupted run is completed by the next one with the same ids.
 */
export function createEngine(deps: EngineDeps) {
  const { data, platform, clock, newId } = deps;

  async function office(): Promise<OfficeSettings> {
    return (
      (await data.config.get<OfficeSettings>('office')) ??
      defaultOfficeSettings(deps.systemTimeZone)
    );
  }

  async function today(now: Instant): Promise<string> {
    return localDateIn(now, (await office()).timeZone);
  }

  async function applyPlan(plan: ReturnType<typeof planRefresh>): Promise<void> {
    await data.events.insert(plan.events);
    await data.tasks.insert(plan.tasks);
    await data.renewals.upsert(plan.updates);
  }

  function notificationFor(event: TimelineEvent, names: Map<string, string>): NotificationRequest {
    const name = names.get(event.customerId);
    return {
      id: `notif:${event.id}`,
      title: name ? `${name}: ${event.title}` : event.title,
      body: event.detail ?? '',
      route: `/renewals/${event.subjectId}`,
    };
  }

  /** Delivers each notifiable event once on this device, including events synced from elsewhere. */
  async function deliverNotifications(now: Instant): Promise<number> {
    const since = new Date(Date.parse(now) - NOTIFY_LOOKBACK_MS).toISOString();
    // Document renewals still move through stages in the queue, but the documents sweep sends
    // their reminders in the worker's words, so the queue's alert would be a duplicate.
    const events = (await data.events.since(since)).filter(
      (e) => e.type === 'RENEWAL_TRIGGERED' && e.serviceType !== 'DOCUMENT',
    );
    if (events.length === 0) return 0;
    const delivered = await data.notifications.delivered(events.map((e) => `notif:${e.id}`));
    const fresh = events.filter((e) => !delivered.has(`notif:${e.id}`));
    const names = await data.customers.names(fresh.map((e) => e.customerId));
    const requests = fresh.map((e) => notificationFor(e, names));
    return deliver(
      requests.map((r, i) => ({ ...r, sourceEventId: fresh[i]!.id })),
      now,
    );
  }

  /**
   * Shows each notification once on this device: the ledger records it first, so a second
   * run (or a notification another device also planned) is skipped. Paused: ledger only.
   */
  async function deliver(
    requests: readonly (NotificationRequest & { sourceEventId?: string })[],
    now: Instant,
  ): Promise<number> {
    if (requests.length === 0) return 0;
    const recorded = await data.notifications.insert(
      requests.map((r) => ({ ...r, deliveredAt: now, readAt: null })),
    );
    if (!deps.paused?.()) {
      for (const { sourceEventId: _source, ...request } of recorded) {
        await platform.notify({
          id: request.id,
          title: request.title,
          body: request.body,
          route: request.route,
        });
      }
    }
    return recorded.length;
  }

  /**
   * Adds renewals (made by hand, by a permit, a policy issue, a signed document or a
   * completion) and fires the stage each has already reached, so none waits for tomorrow.
   * Returns those that were new: a renewal another device made first is left as it is.
   */
  async function addRenewals(renewals: readonly Renewal[], now: Instant): Promise<Renewal[]> {
    const inserted = await data.renewals.insert(renewals);
    if (inserted.length === 0) return inserted;
    await applyPlan(planRefresh(inserted, await today(now), now));
    await deliverNotifications(now);
    return inserted;
  }

  async function refreshOne(renewal: Renewal, now: Instant): Promise<void> {
    await applyPlan(planRefresh([renewal], await today(now), now));
  }

  return {
    office,
    async saveOffice(settings: OfficeSettings): Promise<void> {
      await data.config.set('office', settings, clock.now());
    },
    today: () => today(clock.now()),

    /** The daily refresh: reads only renewals whose stage can change today. */
    async refresh(): Promise<RefreshSummary> {
      const now = clock.now();
      const day = await today(now);
      const due = await data.renewals.dueForRefresh(day);
      const plan = planRefresh(due, day, now);
      await applyPlan(plan);
      const notified = await deliverNotifications(now);
      return {
        today: day,
        at: now,
        checked: due.length,
        updated: plan.updates.length,
        events: plan.events.length,
        tasks: plan.tasks.length,
        notified,
      };
    },

    async createCustomer(input: CustomerInput) {
      const result = checkCustomer(input, { id: newId('cus'), now: clock.now() });
      if (result.ok) await data.customers.insert(result.value);
      return result;
    },

    async addPermit(customerId: string, input: PermitInput) {
      const customer = await mustGet(data.customers.get(customerId), 'customer', customerId);
      const result = checkPermit(input, newId('prm'));
      if (!result.ok) return result;
      await savePermit(customer, result.value);
      return result;
    },

    /** Returns the renewal the new state created, if it created one. */
    async setPermitState(
      customerId: string,
      permitId: string,
      state: PermitState,
    ): Promise<Renewal | null> {
      const customer = await mustGet(data.customers.get(customerId), 'customer', customerId);
      const permit = customer.permits.find((p) => p.id === permitId);
      if (!permit) throw new Error(`Permit ${permitId} is not on this customer.`);
      return savePermit(customer, { ...permit, state });
    },

    async createRenewal(
      customerId: string,
      input: ManualRenewalInput,
    ): Promise<{ ok: true; value: Renewal } | { ok: false; errors: FieldErrors }> {
      const now = clock.now();
      const result = createManualRenewal(input, { id: newId('ren'), customerId, now });
      if (!result.ok) return result;
      await addRenewals([result.value], now);
      return result;
    },

    async completeRenewal(renewalId: string): Promise<{ completed: Renewal; next?: Renewal }> {
      const now = clock.now();
      const renewal = await mustGet(data.renewals.get(renewalId), 'renewal', renewalId);
      const plan = planCompletion(renewal, await today(now), now);
      await data.events.insert([plan.event]);
      if (plan.next) await addRenewals([plan.next], now);
      await data.renewals.upsert([plan.update]);
      const openTasks = (await data.tasks.ofRenewal(renewalId)).filter((t) => t.status === 'OPEN');
      await data.tasks.upsert(openTasks.map((t) => ({ ...t, status: 'DONE', updatedAt: now })));
      return plan.next ? { completed: plan.update, next: plan.next } : { completed: plan.update };
    },

    async cancelRenewal(renewalId: string): Promise<void> {
      const renewal = await mustGet(data.renewals.get(renewalId), 'renewal', renewalId);
      await data.renewals.upsert([planCancellation(renewal, clock.now())]);
    },

    async changeDueDate(
      renewalId: string,
      dueDate: string,
    ): Promise<{ ok: true } | { ok: false; error: string }> {
      if (!isLocalDate(dueDate))
        return { ok: false, error: 'Enter a real date as YYYY-MM-DD, for example 2026-03-15.' };
      const now = clock.now();
      const renewal = await mustGet(data.renewals.get(renewalId), 'renewal', renewalId);
      const moved = planDueDateChange(renewal, dueDate, now);
      await data.renewals.upsert([moved]);
      await refreshOne(moved, now);
      return { ok: true };
    },

    deliverNotifications: () => deliverNotifications(clock.now()),
    addRenewals: (renewals: readonly Renewal[]) => addRenewals(renewals, clock.now()),
    /** Delivers notifications planned by other domains (documents, policies) once per device. */
    deliver: (requests: readonly NotificationRequest[]) => deliver(requests, clock.now()),
    clock,
    newId,
  };

  async function savePermit(customer: Customer, permit: Permit): Promise<Renewal | null> {
    const now = clock.now();
    const permits = customer.permits.some((p) => p.id === permit.id)
      ? customer.permits.map((p) => (p.id === permit.id ? permit : p))
      : [...customer.permits, permit];
    await data.customers.upsert([{ ...customer, permits, updatedAt: now }]);
    const renewal = renewalForPermit(customer, permit, now);
    if (!renewal) return null;
    return (await addRenewals([renewal], now))[0] ?? null;
  }
}

async function mustGet<T>(promise: Promise<T | null>, what: string, id: string): Promise<T> {
  const value = await promise;
  if (!value)
    throw new Error(
      `The ${what} ${id} no longer exists; it may have been removed on another device.`,
    );
  return value;
}

export type Engine = ReturnType<typeof createEngine>;
