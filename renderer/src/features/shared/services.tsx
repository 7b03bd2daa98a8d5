import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Observable } from 'rxjs';
import type { PlatformApi } from '../../../../shared/ipc';
import type { DailySummary } from '../../../../shared/jobs';
import { firstError, type FieldErrors, type Result } from '../../../../shared/result';
import type { Backups } from '../../db/backup';
import type { Data } from '../../db/data';
import type { BoundJobs } from '../../jobs/host';
import type { SyncService } from '../../sync/service';
import { useUi } from '../../store/ui-store';

/**
 * What screens use, built once at start-up: `data` to read (live), `jobs` to act (each
 * operation happens at the instant it is called), the platform, `refresh` for the daily run,
 * `sync` for the office server, and `backups` for Export and Import.
 */
export type Services = {
  data: Data;
  jobs: BoundJobs;
  platform: PlatformApi;
  refresh(): Promise<DailySummary | null>;
  sync: SyncService;
  backups: Backups;
};

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({
  services,
  children,
}: {
  services: Services;
  children: ReactNode;
}) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

/** The latest value of an observable; `undefined` until the first one arrives. */
export function useObservable<T>(factory: () => Observable<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    const subscription = factory().subscribe(setValue);
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}

/** Today in the office time zone, read again every minute and after each refresh. */
export function useToday(): string | undefined {
  const { jobs } = useServices();
  const [today, setToday] = useState<string>();
  const lastRefresh = useUi((s) => s.lastRefresh);
  useEffect(() => {
    let live = true;
    const read = () => jobs.today().then((t) => live && setToday(t));
    void read();
    const timer = setInterval(read, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [jobs, lastRefresh]);
  return today;
}

/**
 * Runs an operation from a button: on success shows `message(value)` (when given), on refusal
 * or failure says why in a toast. Returns the result so the caller can keep the form as typed.
 */
export function useAct() {
  const toast = useUi((s) => s.toast);
  return async function act<V, K extends string>(
    operation: () => Promise<Result<V, K>>,
    message?: (value: V) => string,
  ): Promise<Result<V, K> | null> {
    try {
      const result = await operation();
      if (!result.ok) toast('error', firstError(result.errors as FieldErrors));
      else if (message) toast('info', message(result.value));
      return result;
    } catch (error) {
      toast('error', (error as Error).message);
      return null;
    }
  };
}
