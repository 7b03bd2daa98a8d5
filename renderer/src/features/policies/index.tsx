import type { Feature } from '../shared/feature';
import { CustomerPolicies } from './CustomerPolicies';
import { PlansPage } from './PlansPage';
import { PoliciesPage } from './PoliciesPage';
import { PolicyPage } from './PolicyPage';
import './policies.css';

function page(parts: string[]) {
  if (parts[0] !== 'policies') return null;
  const id = parts[1] ? decodeURIComponent(parts[1]) : undefined;
  if (id === undefined) return <PoliciesPage />;
  if (id === 'plans') return <PlansPage />;
  return <PolicyPage key={id} policyId={id} />;
}

/** Insurance policies: terms, renewal transactions and auto-renewal. */
export const policiesFeature: Feature = {
  nav: [{ route: '/policies', label: 'Policies' }],
  page,
  customerPanels: (customerId) => <CustomerPolicies customerId={customerId} />,
};
