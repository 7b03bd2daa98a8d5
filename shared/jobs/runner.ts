import type { Notice } from '../notice.js';
import { checkOfficeSettings, OFFICE_CONFIG_ID, type OfficeSettings } from '../office.js';
import { ok, refused, type Result } from '../result.js';
import { routes } from '../routes.js';
import type { Instant, SchedulerTick, TickReason } from '../time/index.js';
import { changedMessage, contextAt, type JobContext } from './context.js';
import { documentOperations, sweepDocuments, type DocumentSweepSummary } from './documents.js';
import { acknowledgeOperations } from './acknowledge.js';
import { escalateRenewals, type EscalationSummary } from './escalation.js';
import { inProcessLock, type JobPorts } from './ports.js';
import { applyPlan, deliver, deliverDigests, patch, replayJournal, type Problem } from './plan.js';
import { policyOperations, runAutoRenewals, type PolicyDailySummary } from './policies.js';
import { taskOperations } from './tasks.js';
import {
  deliverEventNotices,
  refreshRenewals,
  renewalOperations,
  type JobProblem,
  type RefreshSummary,
} from './renewals.js';

export type DailySummary = {
  reason: TickReason;
  at: Instant;
  today: string;
  renewals: RefreshSummary;
  documents: DocumentSweepSummary;
  policies: PolicyDailySummary;
  /** Notices this run delivered to this device for the first time. */
  notified: number;
  /** Interrupted operations this run finished from the journal. */
  finished: number;
  /** Digests this run showed on this device. */
  digests: number;
  problems: Problem[];
  /** Renewals and URGENT tasks this run escalated to the supervisors. */
  escalations: EscalationSummary;
};

/** The lock every daily run takes, so two never overlap on one database. */
export const DAILY_LOCK = 'nolapse-daily';

const WHAT: Record<string, string> = {
  renewals: 'renewal',
  instances: 'document',
  workers: 'worker',
  autorenewals: 'auto-renewal',
  policies: 'policy',
  transactions: 'policy renewal',
  events: 'timeline event',
  tasks: 'task',
};

function problemRoute(collection: string, id: string): string {
  switch (collection) {
    case 'renewals':
      return routes.renewal(id);
    case 'instances':
      return routes.instance(id);
    case 'workers':
      return routes.worker(id);
    default:
      return routes.notifications();
  }
}

/** A record a job skipped, as a problem people see in the notification centre (once a day). */
function problemOf(ctx: JobContext, failure: JobProblem): Problem {
  const what = WHAT[failure.collection] ?? failure.collection;
  return {
    id: `problem:${failure.collection}:${failure.id}:${ctx.today}`,
    title: `NoLapse skipped ${what} ${failure.id}`,
    body: `${failure.reason} The rest of the daily run went on; this ${what} is tried again at the next refresh.`,
    route: problemRoute(failure.collection, failure.id),
  };
}

const noRefresh = (ctx: JobContext): RefreshSummary => ({
  today: ctx.today,
  at: ctx.at,
  checked: 0,
  updated: 0,
  events: 0,
  tasks: 0,
});

/**
 * The daily run: finish what an interrupted run left in the journal, then renewals, then
 * documents, then policies, then tell people. Time comes only from the tick. A domain that
 * fails is reported as a problem and the next one still runs; one run at a time per database.
 */
export async function runDaily(ports: JobPorts, tick: SchedulerTick): Promise<DailySummary> {
  const lock = ports.lock ?? defaultLock;
  return lock(DAILY_LOCK, async () => {
    const ctx = await contextAt(ports, tick.at);
    const problems: Problem[] = [];
    const failed = (domain: string) => (error: unknown) =>
      problems.push({
        id: `problem:${domain}:${ctx.today}`,
        title: `The ${domain} part of the daily run failed`,
        body: `${error instanceof Error ? error.message : String(error)} The other parts ran; NoLapse tries again at the next refresh.`,
        route: routes.notifications(),
      });
    const pending = await ports.store.journal.pending();
    problems.push(...(await replayJournal(ports)));

    const renewals = await refreshRenewals(ctx).catch((e) => {
      failed('renewals')(e);
      return { summary: noRefresh(ctx), problems: [] };
    });
    // Escalation reads what the refresh just staged: an URGENT task or an OVERDUE renewal
    // nobody acknowledged goes to the supervisors.
    const escalations = await escalateRenewals(ctx).catch((e) => {
      failed('escalation')(e);
      return { summary: { checked: 0, escalated: 0 }, problems: [] };
    });
    const documents = await sweepDocuments(ctx).catch((e) => {
      failed('documents')(e);
      return {
        summary: { checked: 0, archived: 0, created: 0, notified: 0, renewals: 0 },
        problems: [],
      };
    });
    const policies = await runAutoRenewals(ctx).catch((e) => {
      failed('policies')(e);
      return { summary: { checked: 0, fired: 0, created: 0, issued: 0, errors: 0 }, problems: [] };
    });
    problems.push(
      ...[
        ...renewals.problems,
        ...escalations.problems,
        ...documents.problems,
        ...policies.problems,
      ].map((p) => problemOf(ctx, p)),
    );
    const alerts = await deliverEventNotices(ctx);
    await deliver(ports, problems satisfies Notice[], ctx.at);
    const digests = await deliverDigests(ports, ctx.at);
    return {
      reason: tick.reason,
      at: ctx.at,
      today: ctx.today,
      renewals: renewals.summary,
      documents: documents.summary,
      policies: policies.summary,
      notified: alerts + documents.summary.notified,
      finished: pending.length,
      digests,
      problems,
      escalations: escalations.summary,
    };
  });
}

const defaultLock = inProcessLock();

/** One-line summaries of a daily run for the refresh toast; empty parts are left out. */
export function summaryLines(summary: DailySummary): string[] {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const escalated = summary.escalations.escalated;
  const lines: string[] = [
    summary.renewals.events > 0
      ? `${plural(summary.renewals.events, 'new alert')}`
      : escalated > 0
        ? `${plural(escalated, 'escalation')} to the supervisors`
        : 'nothing new today',
  ];
  if (summary.renewals.events > 0 && escalated > 0)
    lines.push(`${plural(escalated, 'escalation')} to the supervisors`);
  const d = summary.documents;
  const documentParts = [
    d.archived ? `${plural(d.archived, 'document')} expired` : '',
    d.created ? `${plural(d.created, 'renewal')} to sign` : '',
    d.notified ? plural(d.notified, 'document notification') : '',
  ].filter(Boolean);
  if (documentParts.length > 0) lines.push(documentParts.join(', '));
  const p = summary.policies;
  if (p.fired > 0 || p.errors > 0)
    lines.push(
      [
        plural(p.fired, 'auto-renewal step'),
        p.issued > 0 ? `${plural(p.issued, 'policy', 'policies')} renewed` : '',
        p.errors > 0 ? `${plural(p.errors, 'auto-renewal')} in error` : '',
      ]
        .filter(Boolean)
        .join(', '),
    );
  if (summary.problems.length > 0)
    lines.push(`${plural(summary.problems.length, 'problem')} (see Notifications)`);
  return lines;
}

/** Saves the office settings after checking them; refused when someone saved others meanwhile. */
async function saveOffice(
  ports: JobPorts,
  at: Instant,
  settings: OfficeSettings,
): Promise<ReturnType<typeof checkOfficeSettings>> {
  const checked = checkOfficeSettings(settings);
  if (!checked.ok) return checked;
  const record = { id: OFFICE_CONFIG_ID, value: checked.value, updatedAt: at };
  const current = await ports.store.get('config', OFFICE_CONFIG_ID);
  const written = current
    ? (await ports.store.update('config', [{ before: current, after: record }])).conflicts
        .length === 0
    : (await ports.store.insert('config', [record])).existing.length === 0;
  return written ? checked : refused(changedMessage('settings', 'saved elsewhere meanwhile'));
}

/**
 * Every job NoLapse runs, built once per database: the daily run and the operations people
 * perform. Each operation takes the instant it happens as its first argument.
 */
export function createJobs(ports: JobPorts) {
  return {
    runDaily: (tick: SchedulerTick) => runDaily(ports, tick),
    /** Today in the office zone at `at`. */
    today: async (at: Instant) => (await contextAt(ports, at)).today,
    settings: {
      saveOffice: (at: Instant, settings: OfficeSettings) => saveOffice(ports, at, settings),
    },
    notifications: {
      /**
       * Delivers what is due now outside the daily run: alerts recorded on other devices and
       * synced here (a renewal handed to this device's person), and digests that fell due.
       */
      async deliverPending(at: Instant): Promise<Result<number>> {
        const alerts = await deliverEventNotices(await contextAt(ports, at));
        return ok(alerts + (await deliverDigests(ports, at)));
      },
      /** Marks everything this device delivered as read; returns how many were unread. */
      async markAllRead(at: Instant): Promise<Result<number>> {
        const unread = await ports.store.find('notifications', { selector: { readAt: '' } });
        await applyPlan(
          ports,
          {
            writes: unread.map((n) => patch('notifications', n.id, { readAt: '' }, { readAt: at })),
            notices: [],
          },
          { at },
        );
        return ok(unread.length);
      },
    },
    renewals: { ...renewalOperations(ports), ...acknowledgeOperations(ports) },
    tasks: taskOperations(ports),
    documents: documentOperations(ports),
    policies: policyOperations(ports),
  };
}

export type Jobs = ReturnType<typeof createJobs>;
