import { useEffect, useMemo, useState } from 'react';
import { of } from 'rxjs';
import { isSnoozed, remindersPaused } from '../../../../shared/renewals/acknowledge';
import { isOpen } from '../../../../shared/renewals/refresh';
import { renewalOfRoute } from '../../../../shared/routes';
import type { Renewal } from '../../../../shared/schema/renewal';
import { addDays } from '../../../../shared/time';
import { askBrowserNotificationPermission, browserNotificationPermission } from '../../platform';
import { useAct, useObservable, useServices, useToday } from '../shared/services';
import './notifications.css';

/** What this device delivered, newest first; opening the page marks them read. */
export function NotificationsPage() {
  const { data, jobs } = useServices();
  const notifications = useObservable(() => data.notifications.watchAll(), [data]);
  const unread = notifications?.filter((n) => !n.readAt).length ?? 0;
  const [permission, setPermission] = useState(browserNotificationPermission);
  const renewalIds = useMemo(
    () => [
      ...new Set(
        (notifications ?? []).flatMap((n) => {
          const id = renewalOfRoute(n.route);
          return id ? [id] : [];
        }),
      ),
    ],
    [notifications],
  );
  const renewals = useObservable(
    () =>
      renewalIds.length > 0 ? data.renewals.watchIds(renewalIds) : of(new Map<string, Renewal>()),
    [data, renewalIds.join('|')],
  );
  useEffect(() => {
    if (unread > 0) {
      const timer = setTimeout(() => void jobs.notifications.markAllRead(), 1500);
      return () => clearTimeout(timer);
    }
  }, [jobs, unread]);
  return (
    <section className="page" aria-labelledby="notifications-title">
      <header className="page-header">
        <div>
          <h1 id="notifications-title">Notifications</h1>
          <p className="subtle">
            Every alert this device delivered, also while the window was closed.
          </p>
        </div>
      </header>
      {permission === 'default' && (
        <div className="card notice">
          <span>Let this browser show alerts as desktop notifications too.</span>
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => void askBrowserNotificationPermission().then(setPermission)}
          >
            Enable desktop notifications
          </button>
        </div>
      )}
      <div className="card">
        {!notifications ? (
          <p className="empty">Loading…</p>
        ) : notifications.length === 0 ? (
          <p className="empty">
            No notifications yet. Alerts arrive at 90, 60, 30, 14 and 7 days before a due date.
          </p>
        ) : (
          <ul className="list" aria-label="Delivered notifications">
            {notifications.map((n) => (
              <li key={n.id} className={`notice-row${n.readAt ? '' : ' unread'}`}>
                <a href={`#${n.route}`}>
                  <strong>{n.title}</strong>
                  <span className="subtle">
                    {n.body} · {new Date(n.deliveredAt).toLocaleString()}
                  </span>
                </a>
                <SnoozeAction renewal={renewals?.get(renewalOfRoute(n.route) ?? '')} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** A renewal notice's own action: snooze the renewal's reminders for a week, or say it is snoozed. */
function SnoozeAction({ renewal }: { renewal: Renewal | undefined }) {
  const { jobs } = useServices();
  const act = useAct();
  const today = useToday();
  if (!renewal || !today || !isOpen(renewal)) return null;
  if (isSnoozed(renewal, today))
    return <span className="subtle notice-state">Snoozed until {renewal.snoozedUntil}</span>;
  if (remindersPaused(renewal, today))
    return <span className="subtle notice-state">In progress</span>;
  const until = addDays(today, 7);
  return (
    <button
      type="button"
      className="button button-small"
      onClick={() =>
        void act(
          () => jobs.renewals.snooze(renewal.id, { until, note: '' }),
          () => `Reminders snoozed until ${until}.`,
        )
      }
    >
      Snooze 1 week
    </button>
  );
}
