import { useEffect, type ReactNode } from 'react';
import { CustomerPage } from '../features/customers/CustomerPage';
import { CustomersPage } from '../features/customers/CustomersPage';
import { RenewalRedirect } from '../features/customers/RenewalRedirect';
import { WorkerView, workerViewOf } from '../features/documents/WorkerView';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { QueuePage } from '../features/queue/QueuePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { TasksPage } from '../features/tasks/TasksPage';
import { useObservable, useServices, useToday } from '../features/shared/services';
import { useOffice } from '../features/shared/use-directory';
import { useUi } from '../store/ui-store';
import type { SyncStatus } from '../sync/manager';
import { FEATURES } from './features';
import { Toasts } from './Toasts';

const NAV = [
  { route: '/queue', label: 'Renewals queue' },
  { route: '/tasks', label: 'Tasks' },
  { route: '/customers', label: 'Customers' },
  ...FEATURES.flatMap((f) => f.nav),
  { route: '/notifications', label: 'Notifications' },
  { route: '/settings', label: 'Settings' },
];

export function App() {
  const { platform, data, refresh, sync } = useServices();
  const syncStatus = useObservable(() => sync.status$, [sync]);
  const route = useUi((s) => s.route);
  const navigate = useUi((s) => s.navigate);
  const refreshing = useUi((s) => s.refreshing);
  const today = useToday();
  const overdue = useObservable(() => data.renewals.watchOverdueCount(), [data]);
  const unread = useObservable(() => data.notifications.watchUnreadCount(), [data]) ?? 0;
  const me = useUi((s) => s.me);
  // Counts and the office's staff only: the shell reads no customer and no task list, so
  // start-up does not grow with the office.
  const myTasks = useObservable(() => data.tasks.watchOpenCount(me), [data, me]) ?? 0;
  const { office } = useOffice();
  const myName = office.staff.find((s) => s.id === me)?.name ?? me;

  useEffect(() => platform.onNavigate((to) => navigate(to)), [platform, navigate]);

  const section = '/' + (route.split('/')[1] ?? 'queue');
  // The worker view (kiosk): one worker's documents, without the office's navigation.
  const workerView = workerViewOf(route);
  if (workerView)
    return (
      <>
        <WorkerView {...workerView} />
        <Toasts />
      </>
    );
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ✓
          </span>
          NoLapse
        </div>
        <ul>
          {NAV.map((item) => (
            <li key={item.route}>
              <a
                href={`#${item.route}`}
                aria-current={
                  section === item.route || (item.route === '/customers' && section === '/renewals')
                    ? 'page'
                    : undefined
                }
              >
                {item.label}
                {item.route === '/queue' && overdue ? (
                  <span className="pill pill-overdue" aria-label={`${overdue} overdue`}>
                    {overdue}
                  </span>
                ) : null}
                {item.route === '/tasks' && myTasks ? (
                  <span className="pill" aria-label={`${myTasks} open${me ? ' for you' : ''}`}>
                    {myTasks}
                  </span>
                ) : null}
                {item.route === '/notifications' && unread ? (
                  <span className="pill" aria-label={`${unread} unread`}>
                    {unread}
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <div className="today" aria-label="Today">
            Today <strong>{today ?? '…'}</strong>
          </div>
          <a className="who" href="#/settings" aria-label="Who uses this device">
            {me ? `You: ${myName}` : 'Who are you? Choose in Settings'}
          </a>
          {syncStatus && syncStatus.state !== 'off' && (
            <a
              className="sync-chip"
              data-state={syncStatus.state}
              href="#/settings"
              aria-label={`Sync: ${SYNC_LABELS[syncStatus.state](syncStatus)}`}
            >
              {SYNC_LABELS[syncStatus.state](syncStatus)}
            </a>
          )}
          <button
            type="button"
            className="button"
            onClick={() => void refresh()}
            disabled={refreshing}
          >
            {refreshing ? 'Refreshing…' : 'Refresh now'}
          </button>
        </div>
      </nav>
      <main className="content">
        <Page route={route} />
      </main>
      <Toasts />
    </div>
  );
}

/** The sidebar's one-word sync state; Settings → Sync says more. */
const SYNC_LABELS: Record<SyncStatus['state'], (status: SyncStatus) => string> = {
  off: () => '',
  syncing: () => 'Syncing…',
  synced: () => 'Synced',
  standby: () => 'Synced in another window',
  offline: () => 'Offline · changes kept',
  error: (status) =>
    status.state === 'error' && status.stopped ? 'Sync stopped' : 'Sync retrying',
};

/** What other domains add to a customer's page (the policies panel, …). */
function customerPanels(customerId: string): ReactNode {
  return FEATURES.map((feature, i) =>
    feature.customerPanels ? <div key={i}>{feature.customerPanels(customerId)}</div> : null,
  );
}

function Page({ route }: { route: string }) {
  const parts = route.split('/').filter(Boolean);
  switch (parts[0]) {
    case 'customers':
      return parts[1] ? (
        <CustomerPage customerId={decodeURIComponent(parts[1])} panels={customerPanels} />
      ) : (
        <CustomersPage />
      );
    case 'renewals':
      return parts[1] ? (
        <RenewalRedirect renewalId={decodeURIComponent(parts[1])} panels={customerPanels} />
      ) : (
        <QueuePage />
      );
    case 'tasks':
      return <TasksPage />;
    case 'notifications':
      return <NotificationsPage />;
    case 'settings':
      return <SettingsPage />;
    default: {
      for (const feature of FEATURES) {
        const page = feature.page(parts);
        if (page) return page;
      }
      return <QueuePage />;
    }
  }
}
