import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import type { Instant } from '../time/index.js';
import { findOpenInstance, latestOfChain, nextInstanceOf } from './lifecycle.js';
import { latestTemplateVersion } from './template.js';

/**
 * What assigning a template to a worker would do: a new (or next-in-chain) instance, a re-issue
 * of a signed one-time document that the admin must confirm first, or a refusal with the reason.
 */
export type AssignCheck =
  | { kind: 'assign' }
  | { kind: 'reissue'; signed: DocumentInstance; message: string }
  | { kind: 'refused'; reason: string };

/** Whether `template` can be assigned to `worker` now; the Assign page asks to confirm a re-issue. */
export function assignmentCheck(
  template: DocumentTemplate,
  worker: Worker,
  instances: readonly DocumentInstance[],
): AssignCheck {
  const name = latestTemplateVersion(template).name;
  if (!worker.active)
    return {
      kind: 'refused',
      reason: `${worker.fullName} is deactivated. Reactivate them before assigning "${name}".`,
    };
  const chain = instances.filter((i) => i.workerId === worker.id && i.templateId === template.id);
  const open = findOpenInstance(chain, worker.id, template.id);
  if (open?.status === 'completed')
    return {
      kind: 'refused',
      reason: `${worker.fullName} already has a signed "${name}", valid until ${open.expiresOn}. It is renewed at expiry; to renew sooner, use Renew early on the document.`,
    };
  if (open)
    return {
      kind: 'refused',
      reason: `${worker.fullName} already has an open (${open.status}) "${name}". A worker can hold only one open instance of a document; finish or archive it first.`,
    };
  const latest = latestOfChain(chain);
  if (latest?.status === 'completed')
    return {
      kind: 'reissue',
      signed: latest,
      message: `${worker.fullName} signed "${name}" on ${latest.signedOn} and it never expires. Re-issuing keeps that signed copy unchanged and adds a new copy to sign.`,
    };
  return { kind: 'assign' };
}

export type AssignPlan =
  | { ok: true; create: DocumentInstance }
  | { ok: false; error: string; needsConfirmation?: 'reissue' };

/**
 * Assigns the latest version of `template` to `worker` as a 'required' instance. Refuses a
 * deactivated worker and a second open instance. A signed one-time document is re-issued only
 * with `reissue` (the admin confirmed): nothing is archived, the new instance continues its
 * chain, as does an assignment after an expired instance (previousInstanceId, renewalNumber + 1).
 */
export function planAssign(input: {
  template: DocumentTemplate;
  worker: Worker;
  instances: readonly DocumentInstance[];
  now: Instant;
  reissue?: boolean;
}): AssignPlan {
  const { template, worker, instances, now } = input;
  const check = assignmentCheck(template, worker, instances);
  if (check.kind === 'refused') return { ok: false, error: check.reason };
  if (check.kind === 'reissue' && !input.reissue)
    return {
      ok: false,
      error: `${check.message} Confirm the re-issue to go ahead.`,
      needsConfirmation: 'reissue',
    };
  const previous = latestOfChain(
    instances.filter((i) => i.workerId === worker.id && i.templateId === template.id),
  );
  const create = nextInstanceOf(previous, template, worker, now);
  if (instances.some((i) => i.id === create.id)) {
    return {
      ok: false,
      error: `"${latestTemplateVersion(template).name}" was already assigned to ${worker.fullName} (instance ${create.id}).`,
    };
  }
  return { ok: true, create };
}
