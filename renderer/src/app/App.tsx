import { useCallback, useEffect } from 'react';
import { CustomerPage } from '../features/customers/CustomerPage';
import { CustomersPage } from '../features/customers/CustomersPage';
import { RenewalRedirect } from '../features/customers/RenewalRedirect';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { QueuePage } from '../features/queue/QueuePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useUi } from '../store/ui-store';
import { useObservable, useServices, useToday } from './services';
import { FEATURES } from './features';
import { Toasts } from './Toasts';

const NAV = [
  { route: '/queue', label: 'Renewals queue' },
  { route: '/customers', label: 'Customers' },
  ...FEATURES.flatMap((f) => f.nav),
  { route: '/notifications', label: 'Notifications' },
  { route: '/settings', label: 'Settings' },
];

function useRefresh() {
  const services = useServices();
  const { engine } = services;
  const { setRefreshing, setLastRefresh, toast } = useUi.getState();
  return useCallback(
    async (manual: boolean) => {
      setRefreshing(true);
      try {
        const summary = await engine.refresh();
        const extra: string[] = [];
        for (const feature of FEATURES) {
          const line = await feature.daily?.(services);
          if (line) extra.push(line);
        }
        setLastRefresh(summary);
        if (manual) {
          const alerts =
            summary.events === 0
              ? 'nothing new today'
              : `${summary.events} new alert${summary.events === 1 ? '' : 's'}`;
          toast('info', `Refreshed: ${[alerts, ...extra].join('; ')}.`);
        }
      } catch (error) {
        toast('error', `Refresh failed: ${(error as Error).message}`);
      } finally {
        setRefreshing(false);
      }
    },
    [engine, services, setLastRefresh, setRefreshing, toast],
  );
}

export function App() {
  const { platform, data, engine } = useServices();
  const route = useUi((s) => s.route);
  const navigate = useUi((s) => s.navigate);
  const refreshing = useUi((s) => s.refreshing);
  const today = useToday();
  const refresh = useRefresh();
  const overdue = useObservable(() => data.renewals.watchOverdueCount(), [data]);
  const unread = useObservable(() => data.notifications.watchUnreadCount(), [data]) ?? 0;

  useEffect(
    () => platform.onTick((tick) => void refresh(tick.reason === 'manual')),
    [platform, refresh],
  );
  useEffect(() => platform.onNavigate((to) => navigate(to)), [platform, navigate]);
  useEffect(
    () => platform.onPauseChanged((p) => useUi.getState().setPausedUntil(p.until)),
    [platform],
  );
  useEffect(() => {
    if (overdue !== undefined) void platform.setBadge(overdue);
  }, [overdue, platform]);
  useEffect(() => {
    void engine.office().then(async (o) => {
      await platform.setOfficeTimeZone(o.timeZone);
      await platform.setDailyRefreshTime(o.dailyRefreshTime);
    });
  }, [engine, platform]);

  const section = '/' + (route.split('/')[1] ?? 'queue');
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
          <button
            type="button"
            className="button"
            onClick={() => void refresh(true)}
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

function Page({ route }: { route: string }) {
  const parts = route.split('/').filter(Boolean);
  switch (parts[0]) {
    case 'customers':
      return parts[1] ? (
        <CustomerPage customerId={decodeURIComponent(parts[1])} />
      ) : (
        <CustomersPage />
      );
    case 'renewals':
      return parts[1] ? (
        <RenewalRedirect renewalId={decodeURIComponent(parts[1])} />
      ) : (
        <QueuePage />
      );
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
