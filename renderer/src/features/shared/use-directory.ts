import { useMemo } from 'react';
import {
  defaultOfficeSettings,
  OFFICE_CONFIG_ID,
  type OfficeSettings,
} from '../../../../shared/office';
import { systemTimeZone } from '../../../../shared/time';
import { useObservable, useServices } from './services';

/** The office's settings (staff names among them), without reading any customer. */
export function useOffice() {
  const { data } = useServices();
  const saved = useObservable(
    () => data.config.watchValue<OfficeSettings>(OFFICE_CONFIG_ID),
    [data],
  );
  const office = useMemo(() => saved ?? defaultOfficeSettings(systemTimeZone()), [saved]);
  return { office, loaded: saved !== undefined };
}

/** Names for ids shown everywhere: customers (and workers, who own DOCUMENT renewals) and staff. */
export function useDirectory() {
  const { data } = useServices();
  const customers = useObservable(() => data.customers.watchAll(), [data]);
  const workers = useObservable(() => data.workers.watchAll(), [data]);
  const saved = useObservable(
    () => data.config.watchValue<OfficeSettings>(OFFICE_CONFIG_ID),
    [data],
  );
  const office = useMemo(() => saved ?? defaultOfficeSettings(systemTimeZone()), [saved]);
  return useMemo(() => {
    const customerNames = new Map([
      ...(workers ?? []).map((w) => [w.id, w.fullName] as const),
      ...(customers ?? []).map((c) => [c.id, c.name] as const),
    ]);
    const staffNames = new Map(office.staff.map((s) => [s.id, s.name]));
    return {
      customers: customers ?? [],
      loaded: customers !== undefined && saved !== undefined,
      office,
      customerName: (id: string) => customerNames.get(id) ?? 'Unknown customer',
      staffName: (id: string) => staffNames.get(id) ?? id,
    };
  }, [customers, workers, office, saved]);
}
