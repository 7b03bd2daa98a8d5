import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Observable } from 'rxjs';
import type { PlatformApi } from '../../../shared/ipc';
import type { LocalData } from '../db/local-data';
import type { Engine } from '../engine/engine';
import { useUi } from '../store/ui-store';

export type Services = { data: LocalData; engine: Engine; platform: PlatformApi };

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

/** Today in the office time zone, re-read when a refresh runs (the day may have turned). */
export function useToday(): string | undefined {
  const { engine } = useServices();
  const [today, setToday] = useState<string>();
  const lastRefresh = useUi((s) => s.lastRefresh);
  useEffect(() => {
    let live = true;
    const read = () => engine.today().then((t) => live && setToday(t));
    void read();
    const timer = setInterval(read, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [engine, lastRefresh]);
  return today;
}
