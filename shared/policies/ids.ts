/**
 * Derived records get ids built from what caused them, so two devices (or a device and the
 * server) running the same auto-renewal converge to one record each.
 */
export const policyIds = {
  /** One auto-renewal per policy term. */
  autoRenewal: (policyId: string, termNumber: number) => `ar:${policyId}:T${termNumber}`,
  /** The renewal transaction an auto-renewal creates. */
  autoTransaction: (autoRenewalId: string) => `tx:${autoRenewalId}:auto`,
  /** A manual renewal: the policy, the term it renews and the instant it was drafted. */
  manualTransaction: (policyId: string, termNumber: number, now: string) =>
    `tx:${policyId}:T${termNumber}:${now}`,
  /** Timeline event of the renewal-notice plugin for one trigger. */
  noticeEvent: (autoRenewalId: string, event: string) => `evt:${autoRenewalId}:notice:${event}`,
  issueEvent: (transactionId: string) => `evt:${transactionId}:issued`,
  /** A cancellation recorded at `at`: each cancellation is its own fact on the timeline. */
  cancelledEvent: (policyId: string, at: string) => `evt:${policyId}:cancelled:${at}`,
  reinstatedEvent: (policyId: string, at: string) => `evt:${policyId}:reinstated:${at}`,
  /** What a cancellation or reinstatement did to the policy's queue renewal, at `at`. */
  queueEvent: (renewalId: string, what: 'cancelled' | 'reopened', at: string) =>
    `evt:${renewalId}:${what}:${at}`,
};
