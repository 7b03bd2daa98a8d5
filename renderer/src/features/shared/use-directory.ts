import { useMemo } from 'react';
import { useObservable, useServices } from '../../app/services';
import { defaultOfficeSettings, type OfficeSettings } from '../../engine/office';

/** Names for ids shown everywhere: customers and staff. */
export function useDirectory() {
  const { data } = useServices();
  const customers = useObservable(() => data.customers.watchAll(), [data]);
  const office =
    useObservable(() => data.config.watch<OfficeSettings>('office'), [data]) ??
    defaultOfficeSettings(Intl.DateTimeFormat().resolvedOptions().timeZone);
  return useMemo(() => {
    const customerNames = new Map((customers ?? []).map((c) => [c.id, c.name]));
    const staffNames = new Map(office.staff.map((s) => [s.id, s.name]));
    return {
      customers: customers ?? [],
      loaded: customers !== undefined,
      office,
      customerName: (id: string) => customerNames.get(id) ?? 'Unknown customer',
      staffName: (id: string) => staffNames.get(id) ?? id,
    };
  }, [customers, office]);
}
