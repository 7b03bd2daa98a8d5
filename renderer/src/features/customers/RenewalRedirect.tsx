import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { CustomerPage } from './CustomerPage';

/** /renewals/:id (from a notification or the queue) opens the customer with that renewal in view. */
export function RenewalRedirect({ renewalId }: { renewalId: string }) {
  const { data } = useServices();
  const [customerId, setCustomerId] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void data.renewals.get(renewalId).then((r) => setCustomerId(r?.customerId ?? null));
  }, [data, renewalId]);
  if (customerId === undefined) return <p className="empty">Opening renewal…</p>;
  if (customerId === null)
    return (
      <p className="empty">
        That renewal no longer exists. It may have been removed on another device.
      </p>
    );
  return <CustomerPage customerId={customerId} highlight={renewalId} />;
}
