import type { BUILT_IN_SERVICE_TYPES } from '../schema/renewal.js';

const LABELS: Record<(typeof BUILT_IN_SERVICE_TYPES)[number], string> = {
  RESIDENCE_PERMIT: 'Residence permit',
  WORK_PERMIT: 'Work permit',
  INSURANCE_POLICY: 'Insurance policy',
  DOCUMENT: 'Document',
};

/** The label staff read for a service type; office-defined types read as written. */
export function serviceTypeLabel(serviceType: string): string {
  return (LABELS as Record<string, string>)[serviceType] ?? humanize(serviceType);
}

function humanize(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An office-defined service type code: upper snake case, 2-60 characters. */
export const SERVICE_TYPE_CODE = /^[A-Z][A-Z0-9_]{1,59}$/;
