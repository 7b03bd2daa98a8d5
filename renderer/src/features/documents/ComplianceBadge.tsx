import type { WorkerCompliance } from '../../../../shared/documents/sweep';

const LOOK = {
  valid: { className: 'badge badge-closed', label: 'Valid' },
  grace: { className: 'badge badge-fortnight', label: 'In grace' },
  blocked: { className: 'badge badge-overdue', label: 'Blocked' },
} as const;

/** A worker's compliance state, shown wherever the worker appears. */
export function ComplianceBadge({
  compliance,
  inactive,
}: {
  compliance: WorkerCompliance;
  inactive?: boolean;
}) {
  const look = LOOK[compliance.state];
  const why = compliance.reasons.map((r) => r.message).join(' ');
  return (
    <span className="compliance-badges">
      <span
        className={look.className}
        title={why || 'Every document is valid.'}
        aria-label={`Compliance: ${look.label}`}
      >
        {look.label}
      </span>
      {inactive && <span className="badge badge-later">Deactivated</span>}
    </span>
  );
}
