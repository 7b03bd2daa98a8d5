import type { Instant, LocalDate } from '../time/index.js';

/**
 * Derived records get ids built from what caused them, so two devices (or a device and the
 * server) running the same job converge to one record each.
 */
export const ids = {
  stageEvent: (renewalId: string, stage: string, dueDate: LocalDate) =>
    `evt:${renewalId}:${stage}:${dueDate}`,
  completionEvent: (renewalId: string) => `evt:${renewalId}:COMPLETED`,
  /** A renewal can be cancelled again after a reinstatement reopened it, hence the instant. */
  cancellationEvent: (renewalId: string, at: Instant) => `evt:${renewalId}:CANCELLED:${at}`,
  task: (renewalId: string, priority: string, dueDate: LocalDate) =>
    `task:${renewalId}:${priority}:${dueDate}`,
  /** The renewal that follows `renewalId`; the root id keeps chains from growing. */
  nextRenewal: (renewalId: string, nextDueDate: LocalDate) =>
    `${renewalId.split('@')[0]}@${nextDueDate}`,
  permitRenewal: (permitId: string, expiresOn: LocalDate) => `ren:permit:${permitId}@${expiresOn}`,
  policyRenewal: (policyId: string, endDate: LocalDate) => `ren:policy:${policyId}@${endDate}`,
  documentRenewal: (instanceId: string, expiresOn: LocalDate) =>
    `ren:doc:${instanceId}@${expiresOn}`,
};
