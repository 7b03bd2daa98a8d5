import { nextTriggerAt } from '../../policies/auto-renewal-record.js';
import type { AutoRenewal, Policy, RenewalTransaction } from '../../policies/model.js';
import { isOpen } from '../../renewals/refresh.js';
import { nextStageOn, stageRank } from '../../renewals/stages.js';
import type { Customer } from '../../schema/customer.js';
import type { DocumentInstance } from '../../schema/document-instance.js';
import type { DocumentTemplate } from '../../schema/document-template.js';
import type { Renewal } from '../../schema/renewal.js';
import type { Task } from '../../schema/task.js';
import {
  later,
  mergeEdits,
  same,
  unionBy,
  withMaster,
  type ConflictInput,
  type Overwritten,
  type Resolution,
} from './merge.js';

type AnyObject = Record<string, unknown>;

/**
 * People's edits merged three-way over every field except those a rule of the domain owns
 * (`owned`), which the caller decides; `updatedAt` is the later of the two.
 */
function mergeExcept<T extends AnyObject>(
  input: ConflictInput<T>,
  owned: readonly string[],
): { merged: T; overwritten: Overwritten[] } {
  const skip = new Set([...owned, 'updatedAt', '_deleted']);
  const keys = [
    ...new Set([
      ...Object.keys(input.local),
      ...Object.keys(input.master),
      ...Object.keys(input.base ?? {}),
    ]),
  ].filter((k) => !skip.has(k));
  const { merged, overwritten } = mergeEdits(input, keys as (keyof T & string)[]);
  const updatedAt = later(
    String(input.local.updatedAt ?? ''),
    String(input.master.updatedAt ?? ''),
  );
  return {
    merged: withMaster(input.master, {
      ...merged,
      ...(updatedAt ? { updatedAt } : {}),
    } as Partial<T>),
    overwritten,
  };
}

/** Records with no rule of their own: people's edits merged, the server's value on a clash. */
export function resolvePlain<T extends AnyObject>(input: ConflictInput<T>): Resolution<T> {
  const { merged, overwritten } = mergeExcept(input, []);
  return { document: merged, overwritten };
}

const LIFECYCLE = ['status', 'stage', 'nextStageOn', 'complianceFlag', 'completedAt'] as const;

/**
 * Renewals: a completion or cancellation is never lost (a closed renewal stays closed; between
 * the two, the completion wins), two open versions keep the more urgent stage, and a due date
 * someone moved takes the stage that move gave it.
 */
export function resolveRenewal(input: ConflictInput<Renewal>): Resolution<Renewal> {
  const { local, master } = input;
  const { merged, overwritten } = mergeExcept(input, LIFECYCLE);
  const pick = (from: Renewal) => ({
    status: from.status,
    stage: from.stage,
    nextStageOn: from.nextStageOn,
    complianceFlag: from.complianceFlag,
    ...(from.completedAt ? { completedAt: from.completedAt } : {}),
  });
  let lifecycle;
  if (!isOpen(local) || !isOpen(master)) {
    const closed = [local, master].filter((r) => !isOpen(r));
    lifecycle = pick(
      closed.find((r) => r.status === 'COMPLETED') ??
        closed.find((r) => r === master) ??
        closed[0]!,
    );
  } else if (local.dueDate !== master.dueDate) {
    lifecycle = pick(merged.dueDate === local.dueDate ? local : master);
  } else {
    const urgent = stageRank(local.stage) > stageRank(master.stage) ? local : master;
    const stage = urgent.stage;
    lifecycle = {
      stage,
      status: local.status === 'OVERDUE' || master.status === 'OVERDUE' ? 'OVERDUE' : 'ACTIVE',
      complianceFlag: local.complianceFlag || master.complianceFlag,
      nextStageOn: nextStageOn(merged.dueDate, stage),
    };
  }
  const document = { ...merged, ...lifecycle } as Renewal;
  if (!document.completedAt) delete document.completedAt;
  // A side still waiting for its snooze to end keeps that wake-up day (see withSnoozeWake).
  const wake = document.snoozedUntil;
  if (
    isOpen(document) &&
    wake !== undefined &&
    wake < document.nextStageOn &&
    (local.nextStageOn === wake || master.nextStageOn === wake)
  )
    document.nextStageOn = wake;
  return { document, overwritten };
}

/** Tasks: one marked done stays done; who holds it and its note merge as people's edits. */
export function resolveTask(input: ConflictInput<Task>): Resolution<Task> {
  const { merged, overwritten } = mergeExcept(input, ['status']);
  const done = input.local.status === 'DONE' || input.master.status === 'DONE';
  return { document: { ...merged, status: done ? 'DONE' : 'OPEN' }, overwritten };
}

const STAGE_OF_DOCUMENT: Record<DocumentInstance['status'], number> = {
  required: 0,
  draft: 1,
  submitted: 2,
  completed: 3,
  expired: 4,
};

/**
 * Documents: the version further along its lifecycle wins whole, so a signature is never lost
 * and a signed document is never changed; two drafts merge what the worker typed field by field.
 */
export function resolveInstance(
  input: ConflictInput<DocumentInstance>,
): Resolution<DocumentInstance> {
  const { local, master } = input;
  const rank = (i: DocumentInstance) => STAGE_OF_DOCUMENT[i.status];
  if (rank(local) !== rank(master))
    return { document: rank(local) > rank(master) ? local : master, overwritten: [] };
  if (local.status === 'completed' || local.status === 'expired')
    return { document: master, overwritten: [] };
  const data = mergeEdits(
    { local: local.data, base: input.base?.data ?? null, master: master.data },
    [...new Set([...Object.keys(local.data), ...Object.keys(master.data)])],
  );
  const { merged, overwritten } = mergeExcept(input, ['data']);
  const values = Object.fromEntries(
    Object.entries(data.merged).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  return {
    document: { ...merged, data: values },
    overwritten: [
      ...overwritten,
      ...data.overwritten.map((o) => ({ ...o, field: `data.${o.field}` })),
    ],
  };
}

/** Templates: versions are immutable and only ever appended; both sides' versions are kept. */
export function resolveTemplate(
  input: ConflictInput<DocumentTemplate>,
): Resolution<DocumentTemplate> {
  const versions = unionBy(input.master.versions, input.local.versions, (v) =>
    String(v.version),
  ).sort((a, b) => a.version - b.version);
  const latest = versions.at(-1)!;
  const { merged, overwritten } = mergeExcept(input, ['versions', 'latestVersion', 'name']);
  const clash = input.local.versions.filter((v) =>
    input.master.versions.some((m) => m.version === v.version && !same(m, v)),
  );
  return {
    document: { ...merged, versions, latestVersion: latest.version, name: latest.name },
    overwritten: [
      ...overwritten,
      ...clash.map((v) => ({
        field: `versions.${v.version}`,
        replaced: v.name,
        kept: latest.name,
      })),
    ],
  };
}

/** Customers: permits added on either side are all kept; other fields merge as people's edits. */
export function resolveCustomer(input: ConflictInput<Customer>): Resolution<Customer> {
  const { merged, overwritten } = mergeExcept(input, ['permits']);
  const permits = unionBy(input.master.permits, input.local.permits, (p) => p.id);
  return { document: { ...merged, permits }, overwritten };
}

/**
 * Policies: a term is never lost (terms added on either side are kept, by term number; if both
 * added the same number differently, the server's stays and the other is reported).
 */
export function resolvePolicy(input: ConflictInput<Policy>): Resolution<Policy> {
  const { merged, overwritten } = mergeExcept(input, ['terms']);
  const clashes: Overwritten[] = [];
  const terms = unionBy(
    input.master.terms,
    input.local.terms,
    (t) => String(t.termNumber),
    (m, l) => {
      if (!same(m, l)) clashes.push({ field: `terms.${l.termNumber}`, replaced: l, kept: m });
      return m;
    },
  ).sort((a, b) => a.termNumber - b.termNumber);
  return { document: { ...merged, terms }, overwritten: [...overwritten, ...clashes] };
}

/**
 * Renewal transactions: an issued renewal stays issued; otherwise the state whose change
 * happened last wins, and both histories are kept, in time order.
 */
export function resolveTransaction(
  input: ConflictInput<RenewalTransaction>,
): Resolution<RenewalTransaction> {
  const { local, master } = input;
  const { merged, overwritten } = mergeExcept(input, ['state', 'history']);
  const history = unionBy(master.history, local.history, (h) => `${h.at}|${h.from}|${h.to}`).sort(
    (a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0),
  );
  const lastOf = (t: RenewalTransaction) => t.history.at(-1)?.at ?? '';
  const state =
    local.state === 'issued' || master.state === 'issued'
      ? 'issued'
      : lastOf(local) > lastOf(master)
        ? local.state
        : master.state;
  return { document: { ...merged, state, history }, overwritten };
}

const FINAL_AUTO_RENEWAL = new Set(['issued', 'terminated', 'discarded']);

/**
 * Auto-renewals: a trigger that fired on either side stays fired (it never fires twice), the
 * plugin logs are joined, a final state (issued, terminated, discarded) is never undone, and
 * the next trigger is recomputed from the result.
 */
export function resolveAutoRenewal(input: ConflictInput<AutoRenewal>): Resolution<AutoRenewal> {
  const { local, master } = input;
  const { merged, overwritten } = mergeExcept(input, [
    'done',
    'pluginLog',
    'state',
    'nextTriggerAt',
  ]);
  const done: AutoRenewal['done'] = { ...local.done };
  for (const [event, at] of Object.entries(master.done) as [keyof AutoRenewal['done'], string][])
    if (!done[event] || at < done[event]) done[event] = at;
  const pluginLog = unionBy(
    master.pluginLog,
    local.pluginLog,
    (l) => `${l.at}|${l.event}|${l.plugin}`,
  ).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const open = mergeEdits(input, ['state']);
  const final = [master, local].find((a) => FINAL_AUTO_RENEWAL.has(a.state));
  const state = final?.state ?? open.merged.state ?? master.state;
  const document = { ...merged, done, pluginLog, state } as AutoRenewal;
  return {
    document: { ...document, nextTriggerAt: nextTriggerAt(document) },
    overwritten: [...overwritten, ...(final ? [] : open.overwritten)],
  };
}
