import { ids as renewalIds } from '../../../../shared/renewals/ids';
import type { Policy } from '../../../../shared/policies/model';
import { localDateIn } from '../../../../shared/time';
import { useObservable, useServices } from '../shared/services';
import { officeTime } from './policy-ui';

const LABEL: Record<string, string> = {
  POLICY_CANCELLED: 'Cancelled',
  POLICY_REINSTATED: 'Reinstated',
  POLICY_RENEWED: 'Renewed',
  AUTO_RENEWAL_NOTICE: 'Notice',
  RENEWAL_CANCELLED: 'Queue',
  RENEWAL_REOPENED: 'Queue',
  RENEWAL_COMPLETED: 'Queue',
  RENEWAL_TRIGGERED: 'Alert',
  RENEWAL_IN_PROGRESS: 'In progress',
  RENEWAL_IN_PROGRESS_CLEARED: 'Resumed',
  RENEWAL_SNOOZED: 'Snoozed',
  RENEWAL_SNOOZE_CLEARED: 'Resumed',
  RENEWAL_SNOOZE_ENDED: 'Resumed',
  RENEWAL_ESCALATED: 'Escalated',
};

/** What happened to the policy and its queue renewals, newest first. */
export function PolicyHistory({ policy, timeZone }: { policy: Policy; timeZone: string }) {
  const { data } = useServices();
  const subjects = [
    policy.id,
    ...policy.terms.map((t) =>
      renewalIds.policyRenewal(policy.id, localDateIn(t.endTime, timeZone)),
    ),
  ];
  const events = useObservable(
    () => data.events.watchOfSubjects(subjects),
    [data, subjects.join('|')],
  );
  return (
    <div className="card" aria-labelledby="policy-history-title">
      <h2 id="policy-history-title">History</h2>
      {!events ? (
        <p className="empty">Loading…</p>
      ) : events.length === 0 ? (
        <p className="subtle">Nothing has happened to this policy yet.</p>
      ) : (
        <ol className="timeline pol-history-list" aria-label="Policy history">
          {events.slice(0, 30).map((e) => (
            <li key={e.id} data-type={e.type}>
              <span className="mono subtle">{officeTime(e.at, timeZone)}</span>
              <span className="event-type">{LABEL[e.type] ?? e.type}</span>
              <span>
                {e.title}
                {e.detail && <span className="subtle pol-detail"> — {e.detail}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
