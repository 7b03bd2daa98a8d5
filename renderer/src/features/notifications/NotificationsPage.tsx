import { useEffect, useState } from 'react';
import { askBrowserNotificationPermission, browserNotificationPermission } from '../../platform';
import { useObservable, useServices } from '../shared/services';

/** What this device delivered, newest first; opening the page marks them read. */
export function NotificationsPage() {
  const { data, jobs } = useServices();
  const notifications = useObservable(() => data.notifications.watchAll(), [data]);
  const unread = notifications?.filter((n) => !n.readAt).length ?? 0;
  const [permission, setPermission] = useState(browserNotificationPermission);
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
              <li key={n.id} className={n.readAt ? undefined : 'unread'}>
                <a href={`#${n.route}`}>
                  <strong>{n.title}</strong>
                  <span className="subtle">
                    {n.body} · {new Date(n.deliveredAt).toLocaleString()}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
