import { useMemo } from 'react';
import { useObservable, useServices } from '../../app/services';
import { documentsData } from '../../db/documents-data';
import { defaultOfficeSettings, type OfficeSettings } from '../../engine/office';

/** Names for ids shown everywhere: customers (and workers, who own DOCUMENT renewals) and staff. */
export function useDirectory() {
  const { data } = useServices();
  const customers = useObservable(() => data.customers.watchAll(), [data]);
  const workers = useObservable(() => documentsData(data.db).workers.watchAll(), [data]);
  const office =
    useObservable(() => data.config.watch<OfficeSettings>('office'), [data]) ??
    defaultOfficeSettings(Intl.DateTimeFormat().resolvedOptions().timeZone);
  return useMemo(() => {
    const customerNames = new Map([
      ...(workers ?? []).map((w) => [w.id, w.fullName] as const),
      ...(customers ?? []).map((c) => [c.id, c.name] as const),
    ]);
    const staffNames = new Map(office.staff.map((s) => [s.id, s.name]));
    return {
      customers: customers ?? [],
      loaded: customers !== undefined,
      office,
      customerName: (id: string) => customerNames.get(id) ?? 'Unknown customer',
      staffName: (id: string) => staffNames.get(id) ?? id,
    };
  }, [customers, workers, office]);
}
