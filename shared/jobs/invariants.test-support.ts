import { openInstanceConflicts, verifyContent } from '../documents/lifecycle.js';
import { templateVersion } from '../documents/template.js';
import { OFFICE_CONFIG_ID, type OfficeSettings } from '../office.js';
import { latestTerm } from '../policies/model.js';
import { nextOccurrence } from '../renewals/recurrence.js';
import { localDateIn } from '../time/index.js';
import type { Notice } from '../notice.js';
import { isOpen } from '../renewals/refresh.js';
import { isEscalationTask } from '../renewals/escalation.js';
import { ids as renewalIds } from '../renewals/ids.js';
import type { MemoryStore } from './memory-store.js';

function duplicates<T>(items: readonly T[], key: (item: T) => string | null): string[] {
  const seen = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
}

/**
 * The integrity rules no interruption, repetition or concurrent change may break. Returns
 * what is broken, in words; an empty list means the office's records are whole.
 */
export function integrityViolations(store: MemoryStore, shown: readonly Notice[]): string[] {
  const problems: string[] = [];
  const policies = store.all('policies');
  const transactions = store.all('transactions');
  const renewals = store.all('renewals');
  const tasks = store.all('tasks');
  const instances = store.all('instances');
  const customers = store.all('customers');
  const workers = store.all('workers');

  for (const policy of policies) {
    const issued = transactions.filter((t) => t.policyId === policy.id && t.state === 'issued');
    if (policy.terms.length !== 1 + issued.length)
      problems.push(
        `policy ${policy.number} has ${policy.terms.length} terms for ${issued.length} issued renewals`,
      );
    for (const tx of issued) {
      const term = policy.terms.find((t) => t.termNumber === tx.termNumber + 1);
      if (!term || term.startTime !== tx.effectiveTime || term.endTime !== tx.endTime)
        problems.push(`issued renewal ${tx.id} has no matching term ${tx.termNumber + 1}`);
    }
  }

  for (const renewal of renewals.filter((r) => r.assigneeId.trim() === ''))
    problems.push(`renewal ${renewal.id} has nobody responsible`);
  for (const renewal of renewals.filter(isOpen)) {
    const owner =
      customers.some((c) => c.id === renewal.customerId) ||
      workers.some((w) => w.id === renewal.customerId);
    if (!owner) problems.push(`open renewal ${renewal.id} has no customer or worker`);
    if (renewal.policyId && !policies.some((p) => p.id === renewal.policyId))
      problems.push(`open renewal ${renewal.id} points at a missing policy`);
    if (
      renewal.permitId &&
      !customers.some((c) => c.permits.some((p) => p.id === renewal.permitId))
    )
      problems.push(`open renewal ${renewal.id} points at a missing permit`);
    if (renewal.documentId && !instances.some((i) => i.id === renewal.documentId))
      problems.push(`open renewal ${renewal.id} points at a missing document`);
  }

  // What causes a renewal always has it: the next step can never be lost.
  const timeZone =
    (
      store.all('config').find((c) => c.id === OFFICE_CONFIG_ID)?.value as
        OfficeSettings | undefined
    )?.timeZone ?? 'UTC';
  const renewalIdSet = new Set(renewals.map((r) => r.id));
  const expect = (id: string, why: string) => {
    if (!renewalIdSet.has(id)) problems.push(`no renewal ${id} for ${why}`);
  };
  for (const customer of customers)
    for (const permit of customer.permits)
      if (
        (permit.kind === 'RESIDENCE_PERMIT' && permit.state === 'APPROVED') ||
        (permit.kind === 'WORK_PERMIT' && permit.state === 'ISSUED')
      )
        expect(renewalIds.permitRenewal(permit.id, permit.expiresOn), `permit ${permit.number}`);
  for (const policy of policies)
    expect(
      renewalIds.policyRenewal(policy.id, localDateIn(latestTerm(policy).endTime, timeZone)),
      `the latest term of policy ${policy.number}`,
    );
  for (const instance of instances)
    if (instance.signedAt && instance.expiresOn)
      expect(
        renewalIds.documentRenewal(instance.id, instance.expiresOn),
        `document ${instance.id}`,
      );
  for (const renewal of renewals)
    if (renewal.status === 'COMPLETED' && renewal.recurrence) {
      const next = nextOccurrence(renewal.recurrence, renewal.dueDate);
      if (next) expect(renewalIds.nextRenewal(renewal.id, next), `the repeat of ${renewal.id}`);
    }

  // A cancelled policy is out of the queue: its latest term's renewal is closed.
  for (const policy of policies.filter((p) => p.state === 'cancelled')) {
    const id = renewalIds.policyRenewal(
      policy.id,
      localDateIn(latestTerm(policy).endTime, timeZone),
    );
    const queue = renewals.find((r) => r.id === id);
    if (queue && isOpen(queue))
      problems.push(`renewal ${id} is still open though policy ${policy.number} is cancelled`);
  }

  // A reinstated policy is back in the queue: what its cancellation closed is open again.
  const events = store.all('events');
  for (const policy of policies.filter((p) => p.state === 'active')) {
    const id = renewalIds.policyRenewal(
      policy.id,
      localDateIn(latestTerm(policy).endTime, timeZone),
    );
    const last = events
      .filter((e) => e.subjectId === id && /^RENEWAL_(CANCELLED|REOPENED)$/.test(e.type))
      .sort((a, b) => (a.at < b.at ? -1 : 1))
      .at(-1);
    if (last?.type === 'RENEWAL_CANCELLED')
      problems.push(`renewal ${id} stays cancelled though policy ${policy.number} is active`);
  }

  const closed = new Set(renewals.filter((r) => !isOpen(r)).map((r) => r.id));
  for (const task of tasks.filter((t) => t.status === 'OPEN' && closed.has(t.renewalId)))
    problems.push(`open task ${task.id} on closed renewal ${task.renewalId}`);

  for (const signed of instances.filter((i) => i.status !== 'required' && i.signedAt)) {
    const previous = instances.find((i) => i.id === signed.previousInstanceId);
    if (!previous?.expiresOn) continue;
    const queue = renewals.find(
      (r) => r.id === renewalIds.documentRenewal(previous.id, previous.expiresOn!),
    );
    if (queue && isOpen(queue))
      problems.push(`renewal ${queue.id} is still open though ${signed.id} was signed`);
  }

  // A signing is two writes (submitted, completed); the journal always finishes it, and what
  // was signed still matches its hash.
  const templates = store.all('templates');
  for (const instance of instances) {
    if (instance.status === 'submitted')
      problems.push(`document ${instance.id} was left submitted, never completed`);
    const template = templates.find((t) => t.id === instance.templateId);
    const version = template && templateVersion(template, instance.templateVersion);
    if (instance.signedAt && version && !verifyContent(instance, version))
      problems.push(`signed document ${instance.id} no longer matches its content hash`);
  }

  problems.push(
    ...duplicates(store.all('events'), (e) =>
      e.type === 'RENEWAL_TRIGGERED'
        ? `${e.subjectId}/${e.stage}`
        : `${e.type}/${e.subjectId}/${e.title}`,
    ).map((d) => `duplicate event ${d}`),
    // An escalation's task is one per stage, by its id; the others one per renewal and priority.
    ...duplicates(tasks, (t) => (isEscalationTask(t) ? t.id : `${t.renewalId}/${t.priority}`)).map(
      (d) => `duplicate task ${d}`,
    ),
    ...openInstanceConflicts(instances).map(
      (c) => `duplicate open document ${c.instanceIds.join(', ')}`,
    ),
    ...duplicates(store.all('notifications'), (n) => n.sourceEventId ?? null).map(
      (d) => `duplicate notification for event ${d}`,
    ),
    ...duplicates(shown, (n) => n.id).map((d) => `notification shown twice: ${d}`),
  );
  return problems;
}
