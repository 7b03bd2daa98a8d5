import { acknowledgementLabel, isInProgress } from '../../../../shared/renewals/acknowledge';
import type { Renewal } from '../../../../shared/schema/renewal';
import './renewals.css';

/** "In progress" or "Snoozed until …" beside a renewal whose reminders are paused; else nothing. */
export function AcknowledgementBadge({ renewal, today }: { renewal: Renewal; today: string }) {
  const label = acknowledgementLabel(renewal, today);
  if (!label) return null;
  const inProgress = isInProgress(renewal);
  const note = inProgress ? renewal.inProgressNote : renewal.snoozeNote;
  return (
    <span
      className={`ack ${inProgress ? 'ack-in-progress' : 'ack-snoozed'}`}
      title={note || undefined}
    >
      {label}
    </span>
  );
}
