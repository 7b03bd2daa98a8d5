import { describeDaysUntilDue, type Urgency } from '../../../../shared/renewals/queue';

const LABEL: Record<Urgency, string> = {
  overdue: 'Overdue',
  week: 'Urgent',
  fortnight: 'High',
  month: 'Soon',
  quarter: 'Upcoming',
  later: 'Later',
  closed: 'Closed',
};

/** Colour and words together, so urgency reads without colour too. */
export function UrgencyBadge({
  urgency,
  days,
  status,
}: {
  urgency: Urgency;
  days: number;
  status: string;
}) {
  return (
    <span className={`badge badge-${urgency}`}>
      <strong>
        {urgency === 'closed' ? status.charAt(0) + status.slice(1).toLowerCase() : LABEL[urgency]}
      </strong>
      {urgency !== 'closed' && <span> · {describeDaysUntilDue(days)}</span>}
    </span>
  );
}
