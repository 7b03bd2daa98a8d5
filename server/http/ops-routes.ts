import rateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { workerCompliance } from '../../shared/documents/sweep.js';
import { latestOfChain } from '../../shared/documents/lifecycle.js';
import { contextAt } from '../../shared/jobs/context.js';
import { defaultAssignee, type OfficeSettings } from '../../shared/office.js';
import type { NextRenewal } from '../../shared/renewals/completion.js';
import { DEFAULT_FILTERS, type DayWindow } from '../../shared/renewals/queue.js';
import type { Instant } from '../../shared/time/index.js';
import type { Caller } from '../auth/offices.js';
import type { Database } from '../db/database.js';
import { officeJobs, officePorts, type OfficeJobs } from '../jobs/office-jobs.js';
import type { Extension } from '../start.js';
import { callerOf } from './app.js';
import { HttpError, notFound, parseOr400 } from './errors.js';
import { openApiDocument } from './openapi.js';
import { OPS, routePath, type Endpoint } from './ops-contract.js';
import { decodeCursor, encodeCursor, readQueue } from './ops-queue.js';
import {
  complianceWire,
  customerWire,
  eventWire,
  refusal,
  renewalWire,
  WIRE_FIELDS,
} from './ops-wire.js';

type Part<S> = S extends z.ZodType ? z.output<S> : undefined;

type Request<E extends Endpoint> = {
  caller: Caller;
  params: Part<E['params']>;
  query: Part<E['query']>;
  body: Part<E['body']>;
  log: FastifyBaseLogger;
};

/**
 * Registers one endpoint: its request parts checked with the contract's schemas (400 naming the
 * field), the handler's answer sent with the contract's status. The answer's type is the
 * contract's response schema, so the code and /openapi.json say the same thing.
 */
function route<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  noun: string,
  handler: (request: Request<E>) => Promise<z.input<E['success']['schema']>>,
) {
  app.route({
    method: endpoint.method,
    url: routePath(endpoint.path),
    handler: async (request, reply) => {
      const parts = {
        caller: callerOf(request),
        params: endpoint.params && parseOr400(endpoint.params, request.params, 'path'),
        query: endpoint.query && parseOr400(endpoint.query, request.query, 'query'),
        body: endpoint.body && parseOr400(endpoint.body, request.body, noun),
        log: request.log,
      };
      const answer = await handler(parts as Request<E>);
      return reply.status(endpoint.success.status).send(answer);
    },
  });
}

const REPEAT_WORDS: Record<string, string> = {
  yearly: 'FREQ=YEARLY;INTERVAL=1',
  monthly: 'FREQ=MONTHLY;INTERVAL=1',
};

/** "yearly", "monthly" or an RRULE as the job takes it; the job checks the rule. */
function recurrenceOf(repeats: string | null | undefined): string | undefined {
  const text = repeats?.trim();
  if (!text) return undefined;
  return REPEAT_WORDS[text.toLowerCase()] ?? text;
}

/** The app offers only the office's staff to choose from; the API says which ids those are. */
function checkStaff(
  settings: OfficeSettings,
  assigneeId: string,
  fields: Readonly<Record<string, string>>,
  what: string,
) {
  if (!settings.staff.some((s) => s.id === assigneeId))
    throw refusal(
      {
        assigneeId: `Choose a staff member of this office: ${settings.staff.map((s) => s.id).join(', ')}.`,
      },
      fields,
      what,
    );
}

/** null and '' mean "not given", as the app's forms treat an empty field. */
const given = (value: string | null | undefined) => (value ? value : undefined);

type Services = {
  db: Database;
  /** The server's running jobs (read per request: they start after the routes). */
  daily: () => OfficeJobs;
  now: () => Instant;
};

function opsRoutes(app: FastifyInstance, { db, daily, now }: Services) {
  /** The caller's office: its store, its jobs (the app's operations), their ports. */
  const office = (caller: Caller, log: FastifyBaseLogger) => {
    const ports = officePorts(db, caller.officeId, log);
    return { store: ports.store, jobs: officeJobs(db, caller.officeId, log), ports };
  };

  route(app, OPS.createCustomer, 'customer', async ({ caller, body, log }) => {
    const at = now();
    const { jobs, ports } = office(caller, log);
    const { office: settings } = await contextAt(ports, at);
    const assigneeId = body.assignee_id ?? defaultAssignee(settings);
    checkStaff(settings, assigneeId, WIRE_FIELDS.customer, 'customer');
    const created = await jobs.renewals.createCustomer(at, {
      name: body.full_name,
      email: given(body.email),
      phone: given(body.phone),
      nationality: given(body.nationality),
      notes: given(body.notes),
      assigneeId,
    });
    if (!created.ok) throw refusal(created.errors, WIRE_FIELDS.customer, 'customer');
    return customerWire(created.value);
  });

  route(app, OPS.createRenewal, 'renewal', async ({ caller, params, body, log }) => {
    const at = now();
    const { store, jobs, ports } = office(caller, log);
    const customer = await store.get('customers', params.id);
    if (!customer) throw notFound('customer');
    const ctx = await contextAt(ports, at);
    if (body.assignee_id !== undefined)
      checkStaff(ctx.office, body.assignee_id, WIRE_FIELDS.renewal, 'renewal');
    const created = await jobs.renewals.createRenewal(at, customer.id, {
      serviceType: body.service_type,
      dueDate: body.due_date,
      policyId: given(body.policy_id),
      notes: given(body.notes),
      assigneeId: body.assignee_id ?? (customer.assigneeId || defaultAssignee(ctx.office)),
      recurrence: recurrenceOf(body.repeats),
    });
    if (!created.ok) throw refusal(created.errors, WIRE_FIELDS.renewal, 'renewal');
    // The job stored it with the stage it has already reached; answer with what is stored.
    const stored = (await store.get('renewals', created.value.id)) ?? created.value;
    return renewalWire(stored, ctx.today);
  });

  route(app, OPS.completeRenewal, 'completion', async ({ caller, params, body: sent, log }) => {
    const at = now();
    const body = sent ?? {};
    const { store, jobs } = office(caller, log);
    if (!(await store.get('renewals', params.renewal_id))) throw notFound('renewal');
    const next: NextRenewal | undefined =
      body.next_due_date === undefined
        ? undefined
        : body.next_due_date === null
          ? { kind: 'none' }
          : { kind: 'date', dueDate: body.next_due_date };
    const today = await jobs.today(at);
    const completedOn = body.completed_on ?? today;
    const done = await jobs.renewals.completeRenewal(at, params.renewal_id, next, {
      completedOn,
    });
    if (!done.ok) throw refusal(done.errors, WIRE_FIELDS.completion, 'completion');
    const following = done.value.next
      ? ((await store.get('renewals', done.value.next.id)) ?? done.value.next)
      : null;
    return {
      completed: renewalWire(done.value.completed, today),
      completed_on: completedOn,
      next: following ? renewalWire(following, today) : null,
    };
  });

  route(app, OPS.refreshRenewals, 'refresh request', async ({ caller }) => {
    const summary = await daily().runNow(caller.officeId, now());
    const { today, checked, updated, events, tasks } = summary.renewals;
    return {
      today,
      checked,
      updated,
      events,
      tasks,
      problems: summary.problems.map((p) => ({ title: p.title, detail: p.body })),
    };
  });

  route(app, OPS.listRenewals, 'query', async ({ caller, query, log }) => {
    const { jobs } = office(caller, log);
    const today = await jobs.today(now());
    const windowText = query.window ?? (`${DEFAULT_FILTERS.window}` as const);
    const window: DayWindow = windowText === 'all' ? 'all' : (Number(windowText) as DayWindow);
    const page = await readQueue(
      db,
      caller.officeId,
      {
        window,
        status: query.status ?? DEFAULT_FILTERS.status,
        serviceType: query.service_type && query.service_type !== 'all' ? query.service_type : null,
        assigneeId: query.assignee && query.assignee !== 'all' ? query.assignee : null,
      },
      today,
      { limit: query.limit ?? 100, after: query.cursor ? decodeCursor(query.cursor) : null },
    );
    return {
      today,
      window: windowText,
      items: page.items.map((r) => ({
        ...renewalWire(r, today),
        customer_name: r.customerName,
      })),
      counts: page.counts,
      total: page.total,
      next_cursor: page.next ? encodeCursor(page.next) : null,
    };
  });

  route(app, OPS.customerTimeline, 'path', async ({ caller, params, log }) => {
    const { store } = office(caller, log);
    if (!(await store.get('customers', params.id))) throw notFound('customer');
    const events = await store.find('events', {
      selector: { customerId: params.id },
      sort: [{ occurredOn: 'desc' }, { at: 'desc' }],
    });
    return { customer_id: params.id, items: events.map(eventWire) };
  });

  route(app, OPS.workerCompliance, 'path', async ({ caller, params, log }) => {
    const { store, jobs } = office(caller, log);
    const worker = await store.get('workers', params.id);
    if (!worker) throw notFound('worker');
    const today = await jobs.today(now());
    const instances = await store.find('instances', { selector: { workerId: worker.id } });
    const templates = await store.getMany('templates', [
      ...new Set(instances.map((i) => i.templateId)),
    ]);
    const documents = templates
      .map((template) => ({
        instance: latestOfChain(instances.filter((i) => i.templateId === template.id))!,
        name: template.name,
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return complianceWire(
      worker,
      workerCompliance(worker, instances, templates, today),
      documents,
      today,
    );
  });
}

/**
 * The ops API (seed 000) on the office's data, through the same jobs as the app: customers,
 * renewals, completion, the daily refresh, the queue, timelines and worker compliance, each
 * scoped to the caller's office (another office's record is 404, never 403), limited per token,
 * and described at /openapi.json. `now` is the clock (tests pass a fixed one).
 */
export function opsApi(options: { now?: () => Instant } = {}): Extension {
  const now = options.now ?? (() => new Date().toISOString());
  return (context) => async (app) => {
    const document = openApiDocument(Object.values(OPS), '1.0.0');
    app.get('/openapi.json', async () => document);
    await app.register(async (ops) => {
      // `curl -X POST -H 'content-type: application/json'` with no body is a call without a
      // body (cron jobs send it so), not malformed JSON; any other body parses as before.
      const json = ops.getDefaultJsonParser('error', 'error');
      ops.removeContentTypeParser('application/json');
      ops.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
        body === '' ? done(null, undefined) : json(request, body as string, done),
      );
      await ops.register(rateLimit, {
        max: context.config.rateLimitPerMinute,
        timeWindow: 60_000,
        // After authentication (the app's onRequest hook), so each token has its own budget.
        keyGenerator: (request) => request.caller?.tokenId ?? request.ip,
        errorResponseBuilder: (_request, limit) =>
          new HttpError(
            429,
            'rate_limited',
            `This token made more than ${limit.max} requests in a minute; try again in ${limit.after}.`,
          ),
      });
      opsRoutes(ops, { db: context.db, daily: () => context.jobs, now });
    });
  };
}
