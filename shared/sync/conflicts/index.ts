import { sha256Hex } from '../../documents/sha256.js';
import { canonicalJson } from '../../documents/canonical-json.js';
import type { Records } from '../../jobs/store.js';
import type { TimelineEvent } from '../../schema/timeline-event.js';
import type { Instant, LocalDate } from '../../time/index.js';
import type { SyncedCollection } from '../protocol.js';
import type { ConflictInput, Overwritten, Resolution } from './merge.js';
import {
  resolveAutoRenewal,
  resolveCustomer,
  resolveInstance,
  resolvePlain,
  resolvePolicy,
  resolveRenewal,
  resolveTask,
  resolveTemplate,
  resolveTransaction,
} from './resolvers.js';

export type { ConflictInput, Overwritten, Resolution } from './merge.js';

type Resolver<C extends SyncedCollection> = (
  input: ConflictInput<Records[C]>,
) => Resolution<Records[C]>;

/**
 * How each synced collection settles two versions edited apart (on a device offline, or on two
 * devices at once). Deterministic, so every device settles alike; never loses a completion, a
 * signature or an issued term; what it had to overwrite is returned for the timeline.
 */
export const CONFLICT_RESOLVERS: { [C in SyncedCollection]: Resolver<C> } = {
  customers: resolveCustomer,
  renewals: resolveRenewal,
  events: resolvePlain,
  tasks: resolveTask,
  config: resolvePlain,
  workers: resolvePlain,
  templates: resolveTemplate,
  instances: resolveInstance,
  policies: resolvePolicy,
  transactions: resolveTransaction,
  autorenewals: resolveAutoRenewal,
};

/** Whose timeline a record's conflict belongs on; null when the record names no owner. */
export function ownerOf(
  collection: SyncedCollection,
  record: Record<string, unknown>,
): string | null {
  if (collection === 'customers' || collection === 'workers') return String(record.id);
  if (collection === 'instances') return String(record.workerId);
  return typeof record.customerId === 'string' ? record.customerId : null;
}

function show(value: unknown): string {
  const text =
    value === undefined || value === null || value === ''
      ? 'nothing'
      : typeof value === 'string'
        ? value
        : canonicalJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Field names as people say them; a field not listed shows as written. */
const FIELD_LABELS: Record<string, string> = {
  assigneeId: 'assignee',
  dueDate: 'due date',
  notes: 'notes',
  name: 'name',
  email: 'email',
  phone: 'phone',
  recurrence: 'repeat rule',
  serviceType: 'service type',
  policyId: 'policy',
  fullName: 'name',
  profile: 'profile',
  value: 'settings',
  number: 'number',
};

/** Says a field's value in people's terms (a staff id as the person's name). */
export type ValueNames = (field: string, value: unknown) => string | null;

/**
 * The timeline fact for edits a conflict overwrote: which fields, what was replaced and what
 * was kept. Its id is built from the record and what was lost, so every device that settles
 * the same conflict records it once.
 */
export function conflictEvent(context: {
  collection: SyncedCollection;
  recordId: string;
  customerId: string;
  overwritten: readonly Overwritten[];
  at: Instant;
  today: LocalDate;
  names?: ValueNames;
}): TimelineEvent {
  const digest = sha256Hex(canonicalJson(context.overwritten)).slice(0, 16);
  const label = (field: string) => FIELD_LABELS[field] ?? field;
  const say = (field: string, value: unknown) => context.names?.(field, value) ?? show(value);
  return {
    id: `evt:${context.collection}:${context.recordId}:conflict:${digest}`,
    type: 'EDIT_OVERWRITTEN',
    customerId: context.customerId,
    subjectId: context.recordId,
    title: `Edited on two devices at once: the first saved ${context.overwritten.map((o) => label(o.field)).join(', ')} was kept`,
    detail: context.overwritten
      .map(
        (o) =>
          `${label(o.field)}: kept ${say(o.field, o.kept)}, replaced ${say(o.field, o.replaced)}`,
      )
      .join('; '),
    occurredOn: context.today,
    at: context.at,
    updatedAt: context.at,
  };
}
