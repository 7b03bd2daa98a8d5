import { useEffect, useState, type ReactNode } from 'react';
import { useServices } from '../shared/services';
import { useUi } from '../../store/ui-store';
import { routes } from '../../../../shared/routes';
import { CustomerPage } from './CustomerPage';

/** /renewals/:id (from a notification or the queue) opens the customer with that renewal in view. */
export function RenewalRedirect({
  renewalId,
  panels,
}: {
  renewalId: string;
  panels?: (customerId: string) => ReactNode;
}) {
  const { data } = useServices();
  const navigate = useUi((s) => s.navigate);
  const [customerId, setCustomerId] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void data.renewals.get(renewalId).then((r) => {
      // A document renewal belongs to a worker, not a customer: open the document itself.
      if (r?.documentId) navigate(routes.instance(r.documentId));
      else setCustomerId(r?.customerId ?? null);
    });
  }, [data, navigate, renewalId]);
  if (customerId === undefined) return <p className="empty">Opening renewal…</p>;
  if (customerId === null)
    return (
      <p className="empty">
        That renewal no longer exists. It may have been removed on another device.
      </p>
    );
  return <CustomerPage customerId={customerId} highlight={renewalId} panels={panels} />;
}
