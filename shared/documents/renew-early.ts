import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import { diffDays, type Instant, type LocalDate } from '../time/index.js';
import { renewalOpensOn } from './expiry.js';
import { nextInstanceOf } from './lifecycle.js';
import { latestTemplateVersion } from './template.js';

export type RenewEarlyInput = {
  /** The signed instance to renew. */
  instance: DocumentInstance;
  template: DocumentTemplate;
  worker: Worker;
  /** The worker's instances of the template (its chain), to find a renewal already started. */
  instances: readonly DocumentInstance[];
  today: LocalDate;
};

/**
 * Why `instance` cannot be renewed early on `today`, or null when it can. The renewal opens with
 * the template's earliest reminder (its largest `reminderDaysBefore`, 30 days by default), so
 * the button appears when the worker is first told to renew.
 */
export function canRenewEarly(input: RenewEarlyInput): string | null {
  const { instance, template, worker, instances, today } = input;
  if (instance.status === 'expired')
    return 'This document is archived; its renewal is the newer document in the chain.';
  if (instance.status !== 'completed') return 'Only a signed document can be renewed.';
  if (!instance.expiresOn)
    return 'This document never expires, so there is nothing to renew. An admin can re-issue it.';
  if (!worker.active) return `${worker.fullName} is deactivated; reactivate them first.`;
  const renewal = instances.find((i) => i.previousInstanceId === instance.id);
  if (renewal)
    return renewal.status === 'completed' || renewal.status === 'expired'
      ? `Already renewed: the renewal was signed on ${renewal.signedOn}.`
      : 'The renewal is already started; open it to review and sign.';
  const policy = latestTemplateVersion(template);
  const opensOn = renewalOpensOn(instance.expiresOn, policy.reminderDaysBefore);
  if (today < opensOn)
    return `Renewal opens on ${opensOn}, ${diffDays(opensOn, instance.expiresOn)} days before it expires on ${instance.expiresOn}.`;
  return null;
}

export type RenewEarlyPlan = { ok: true; create: DocumentInstance } | { ok: false; error: string };

/**
 * Starts the renewal of a signed document before it expires: the same instance the expiry
 * would create (same id, latest template version, the worker's current profile), now. Once it
 * is signed, reminders for the old one stop and its expiry no longer blocks; the old one is
 * archived at its expiry without another renewal.
 */
export function planRenewEarly(input: RenewEarlyInput & { now: Instant }): RenewEarlyPlan {
  const reason = canRenewEarly(input);
  if (reason) return { ok: false, error: reason };
  return {
    ok: true,
    create: nextInstanceOf(input.instance, input.template, input.worker, input.now),
  };
}
