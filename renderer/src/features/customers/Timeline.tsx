import { useObservable, useServices } from '../shared/services';

/** A customer's history, newest first: alerts, completions, hand-overs, cancellations. */
export function Timeline({ customerId }: { customerId: string }) {
  const { data } = useServices();
  const events = useObservable(() => data.events.watchOfCustomer(customerId), [data, customerId]);
  return (
    <div className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {!events || events.length === 0 ? (
        <p className="empty">
          Nothing has happened yet. Alerts appear here at 90, 60, 30, 14 and 7 days.
        </p>
      ) : (
        <ol className="timeline" aria-label="Timeline events">
          {events.map((e) => (
            <li key={e.id} data-type={e.type} data-stage={e.stage}>
              <span className="mono subtle">{e.occurredOn}</span>
              <span className="event-type">{eventLabel(e.type, e.stage)}</span>
              <span>
                {e.title}
                {e.detail && (e.type.endsWith('_REASSIGNED') || NOTED.has(e.type)) && (
                  <span className="subtle"> — “{e.detail}”</span>
                )}
                {e.detail && EXPLAINED.has(e.type) && <span className="subtle"> — {e.detail}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

const EVENT_LABELS: Record<string, string> = {
  RENEWAL_COMPLETED: 'Completed',
  RENEWAL_CANCELLED: 'Cancelled',
  RENEWAL_REOPENED: 'Reopened',
  RENEWAL_REASSIGNED: 'Reassigned',
  TASK_REASSIGNED: 'Reassigned',
  AUTO_RENEWAL_NOTICE: 'Auto-renewal',
  POLICY_CANCELLED: 'Policy cancelled',
  POLICY_REINSTATED: 'Policy reinstated',
  POLICY_RENEWED: 'Policy renewed',
  EDIT_OVERWRITTEN: 'Edit conflict',
  RENEWAL_IN_PROGRESS: 'In progress',
  RENEWAL_IN_PROGRESS_CLEARED: 'Resumed',
  RENEWAL_SNOOZED: 'Snoozed',
  RENEWAL_SNOOZE_CLEARED: 'Resumed',
  RENEWAL_SNOOZE_ENDED: 'Resumed',
  RENEWAL_ESCALATED: 'Escalated',
};

/** Events whose detail says why, shown after the title. */
const EXPLAINED = new Set([
  'RENEWAL_CANCELLED',
  'POLICY_CANCELLED',
  'EDIT_OVERWRITTEN',
  'RENEWAL_ESCALATED',
]);

/** Events whose detail is a person's note, shown in quotes. */
const NOTED = new Set(['RENEWAL_IN_PROGRESS', 'RENEWAL_SNOOZED']);

/** The short word a timeline row starts with. */
function eventLabel(type: string, stage: string | undefined): string {
  if (type === 'RENEWAL_TRIGGERED') return stage === 'OVERDUE' ? 'Overdue' : 'Alert';
  return EVENT_LABELS[type] ?? (type.startsWith('POLICY_') ? 'Policy' : 'Note');
}
