import type { z } from 'zod';
import {
  completionBody,
  completionOut,
  complianceOut,
  customerIdParams,
  customerOut,
  newCustomerBody,
  newRenewalBody,
  queueOut,
  queueQuery,
  refreshBody,
  refreshOut,
  renewalIdParams,
  renewalOut,
  timelineOut,
  workerIdParams,
} from './ops-schemas.js';

/** A refusal an endpoint may answer besides 401 and 429, which every ops endpoint may. */
export type RefusalStatus = 400 | 404 | 409 | 413;

/**
 * One endpoint of the ops API: its path (OpenAPI style, `{id}`), the schemas its request parts
 * are checked with, the answer it gives, and the refusals it may give. The routes validate with
 * these schemas and /openapi.json is generated from them, so the two cannot drift apart.
 */
export type Endpoint = {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  operationId: string;
  summary: string;
  description: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  success: { status: 200 | 201; description: string; schema: z.ZodType };
  refusals: readonly RefusalStatus[];
};

export const OPS = {
  createCustomer: {
    method: 'POST',
    path: '/ops/customers',
    operationId: 'createCustomer',
    summary: 'Add a customer',
    description:
      'Adds a customer. Their agent is `assignee_id`, else the office’s default staff member.',
    body: newCustomerBody,
    success: { status: 201, description: 'The customer as stored.', schema: customerOut },
    refusals: [400, 413],
  },
  createRenewal: {
    method: 'POST',
    path: '/ops/customers/{id}/renewals',
    operationId: 'createRenewal',
    summary: 'Add a renewal to a customer',
    description:
      'Adds a renewal by hand. The alert stage it has already reached fires at once (its timeline event and any task), as in the app.',
    params: customerIdParams,
    body: newRenewalBody,
    success: {
      status: 201,
      description: 'The renewal as stored, with the stage it has reached.',
      schema: renewalOut,
    },
    refusals: [400, 404, 413],
  },
  completeRenewal: {
    method: 'PATCH',
    path: '/ops/renewals/{renewal_id}/complete',
    operationId: 'completeRenewal',
    summary: 'Complete a renewal',
    description:
      'Marks the renewal COMPLETED, writes RENEWAL_COMPLETED on the timeline, closes its open tasks, and creates the next renewal: on `next_due_date` when given, by the repeat rule when left out, none when null. A closed renewal, or one of a policy kept in NoLapse (renewed on the policy’s page), is refused with 409 and nothing is written.',
    params: renewalIdParams,
    body: completionBody,
    success: {
      status: 200,
      description: 'The completed renewal and the one that follows.',
      schema: completionOut,
    },
    refusals: [400, 404, 409, 413],
  },
  refreshRenewals: {
    method: 'POST',
    path: '/ops/renewals/refresh',
    operationId: 'refreshRenewals',
    summary: 'Run the daily refresh now',
    description:
      'Runs the office’s daily job now (renewals, then documents, then policies): alerts at 90, 60, 30, 14 and 7 days, tasks at 14 and 7, OVERDUE after the due date. Idempotent: a second call the same day creates nothing. Safe from cron: runs under the database’s lock, so calls never overlap (a second waits for the first).',
    body: refreshBody,
    success: { status: 200, description: 'What the run did.', schema: refreshOut },
    refusals: [400, 413],
  },
  listRenewals: {
    method: 'GET',
    path: '/ops/renewals',
    operationId: 'listRenewals',
    summary: 'The renewals queue',
    description:
      'Renewals across customers, overdue first then by days until due (closed ones last), with counts per urgency. The same meaning as the app’s queue.',
    query: queueQuery,
    success: { status: 200, description: 'One page of the queue.', schema: queueOut },
    refusals: [400],
  },
  customerTimeline: {
    method: 'GET',
    path: '/ops/customers/{id}/timeline',
    operationId: 'customerTimeline',
    summary: 'A customer’s timeline',
    description: 'Every event of the customer, newest first (by the day it happened).',
    params: customerIdParams,
    success: { status: 200, description: 'The timeline.', schema: timelineOut },
    refusals: [400, 404],
  },
  workerCompliance: {
    method: 'GET',
    path: '/ops/workers/{id}/compliance',
    operationId: 'workerCompliance',
    summary: 'Whether a worker may be assigned jobs',
    description:
      'The worker’s compliance today: `blocked` when a blocking document expired past its grace period, `grace` while within it, else `valid`; with the reasons and the worker’s documents. Check it before assigning a job.',
    params: workerIdParams,
    success: { status: 200, description: 'The worker’s state.', schema: complianceOut },
    refusals: [400, 404],
  },
} as const satisfies Record<string, Endpoint>;

/** Fastify's form of an OpenAPI path: `{id}` → `:id`. */
export function routePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
