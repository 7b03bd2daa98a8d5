import type { ComplianceReason } from './sweep.js';

/** What the worker reads about one compliance reason, in their own words (the worker view). */
export function workerBannerText(reason: ComplianceReason): string {
  switch (reason.state) {
    case 'grace':
      return reason.blocking
        ? reason.message
        : `Your ${reason.document} has expired. Please sign its renewal.`;
    case 'blocked':
      return `Your ${reason.document} expired on ${reason.expiresOn}. You cannot be assigned jobs until you sign its renewal.`;
    case 'expired':
      return `Your ${reason.document} expired on ${reason.expiresOn}. Please sign its renewal.`;
  }
}
