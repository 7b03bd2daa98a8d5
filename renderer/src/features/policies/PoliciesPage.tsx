import { useState } from 'react';
import { policyIds } from '../../../../shared/policies/ids';
import { latestTerm } from '../../../../shared/policies/model';
import { useObservable, useServices } from '../shared/services';
import { useDirectory } from '../shared/use-directory';
import { AutoRenewalBadge, officeTime, PolicyStateBadge, policyRoute } from './policy-ui';
import { PoliciesTabs } from './PoliciesTabs';

/** Every policy with its customer, current term end and the latest term's auto-renewal. */
export function PoliciesPage() {
  const { data } = useServices();
  const directory = useDirectory();
  const { timeZone } = directory.office;
  const [filter, setFilter] = useState('');
  const all = useObservable(() => data.policies.watchAll(), [data]);
  const latestIds = (all ?? []).map((p) => policyIds.autoRenewal(p.id, latestTerm(p).termNumber));
  const autoRenewals = useObservable(
    () => data.autoRenewals.watchIds(latestIds),
    [data, latestIds.join('|')],
  );
  const needle = filter.trim().toLowerCase();
  const shown = (all ?? []).filter(
    (p) =>
      !needle ||
      p.number.toLowerCase().includes(needle) ||
      directory.customerName(p.customerId).toLowerCase().includes(needle),
  );
  return (
    <section className="page" aria-labelledby="policies-title">
      <header className="page-header">
        <div>
          <h1 id="policies-title">Policies</h1>
          <p className="subtle">
            Insurance policies, their terms and automatic renewal. Add a policy from its customer’s
            page.
          </p>
        </div>
      </header>
      <PoliciesTabs current="/policies" />
      <div className="card">
        <label className="inline-search">
          <span className="visually-hidden">Find a policy</span>
          <input
            type="search"
            placeholder="Find by policy number or customer…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
        {!all ? (
          <p className="empty">Loading…</p>
        ) : shown.length === 0 ? (
          <p className="empty">
            {all.length === 0
              ? 'No policies yet. Open a customer and use “New policy”.'
              : 'No policy matches.'}
          </p>
        ) : (
          <table className="pol-table" aria-label="Policies">
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">Customer</th>
                <th scope="col">Product</th>
                <th scope="col">Current term ends</th>
                <th scope="col">Auto-renewal</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => {
                const term = latestTerm(p);
                const ar = autoRenewals?.get(policyIds.autoRenewal(p.id, term.termNumber));
                return (
                  <tr key={p.id}>
                    <td>
                      <a href={`#${policyRoute(p.id)}`}>{p.number}</a>{' '}
                      <PolicyStateBadge policy={p} />
                    </td>
                    <td>
                      <a href={`#/customers/${encodeURIComponent(p.customerId)}`}>
                        {directory.customerName(p.customerId)}
                      </a>
                    </td>
                    <td>{p.productName}</td>
                    <td className="mono">
                      {officeTime(term.endTime, timeZone)}{' '}
                      <span className="subtle">(term {term.termNumber})</span>
                    </td>
                    <td>
                      {ar ? (
                        <AutoRenewalBadge
                          state={ar.state}
                          invalidated={ar.invalidatedAt !== null}
                        />
                      ) : (
                        <span className="subtle">None</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
