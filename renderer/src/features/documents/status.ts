import type { DocumentStatus } from '../../../../shared/schema/document-instance';

/** Status words and badge colours as workers and admins read them. */
export const STATUS_LOOK: Record<DocumentStatus, { label: string; className: string }> = {
  required: { label: 'To sign', className: 'badge badge-week' },
  draft: { label: 'Draft', className: 'badge badge-month' },
  submitted: { label: 'Submitted', className: 'badge badge-month' },
  completed: { label: 'Signed', className: 'badge badge-closed' },
  expired: { label: 'Archived', className: 'badge badge-later' },
};
