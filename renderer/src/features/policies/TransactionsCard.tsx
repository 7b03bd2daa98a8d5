import type { AutoRenewal, Policy, RenewalTransaction } from '../../../../shared/policies/model';
import { issueBlocker, transitionBlocker } from '../../../../shared/policies/transactions';
import { ActionBar, officeTime, TransactionBadge, usePolicies, type Action } from './policy-ui';

/** The policy's renewal transactions, each with the actions its state allows and why not. */
export function TransactionsCard({
  policy,
  transactions,
  autoRenewals,
  timeZone,
}: {
  policy: Policy;
  transactions: RenewalTransaction[];
  autoRenewals: AutoRenewal[];
  timeZone: string;
}) {
  const policies = usePolicies();
  return (
    <div className="card" aria-labelledby="transactions-title">
      <h2 id="transactions-title">Renewal transactions</h2>
      {transactions.length === 0 ? (
        <p className="empty">
          No renewals yet. Draft one below, or let the auto-renewal create it.
        </p>
      ) : (
        <ul className="list" aria-label="Renewal transactions">
          {transactions.map((tx) => {
            const renewed = policy.terms.find((t) => t.termNumber === tx.termNumber);
            const gap = renewed && tx.effectiveTime > renewed.endTime;
            const managedBy = autoRenewals.find((ar) => ar.transactionId === tx.id);
            const open = tx.state === 'draft' || tx.state === 'accepted';
            const actions: Action[] = [
              {
                label: 'Accept',
                blocker: transitionBlocker(tx, 'accept'),
                run: () => policies.act(tx.id, 'accept'),
                primary: true,
              },
              {
                label: 'Issue',
                blocker: issueBlocker(tx, { policy, autoRenewals }),
                run: () => policies.issue(tx.id),
                primary: true,
              },
              {
                label: 'Refuse',
                blocker: transitionBlocker(tx, 'refuse'),
                run: () => policies.act(tx.id, 'refuse'),
              },
              {
                label: 'Reject',
                blocker: transitionBlocker(tx, 'reject'),
                run: () => policies.act(tx.id, 'reject'),
              },
              {
                label: 'Discard',
                blocker: transitionBlocker(tx, 'discard'),
                run: () => policies.act(tx.id, 'discard'),
              },
            ];
            return (
              <li key={tx.id} aria-label={`Renewal of term ${tx.termNumber}, ${tx.state}`}>
                <div className="renewal-line">
                  <TransactionBadge state={tx.state} />
                  <strong>
                    Renews term {tx.termNumber} to {officeTime(tx.endTime, timeZone)}
                  </strong>
                  <span className="subtle">
                    {tx.type} · {tx.createdBy === 'auto' ? 'created automatically' : 'manual'}
                    {managedBy ? ' · managed by the auto-renewal' : ''}
                  </span>
                </div>
                <div className="renewal-meta subtle">
                  New term starts {officeTime(tx.effectiveTime, timeZone)}
                  {gap ? (
                    <span className="pol-gap-note">
                      {' '}
                      · with a gap after {officeTime(renewed.endTime, timeZone)}
                    </span>
                  ) : null}
                </div>
                <details className="pol-history">
                  <summary>History ({tx.history.length})</summary>
                  <ol>
                    {tx.history.map((h, i) => (
                      <li key={i}>
                        <span className="mono">{officeTime(h.at, timeZone)}</span>{' '}
                        {h.from ? `${h.from} → ` : ''}
                        {h.to} · {h.manual ? 'by hand' : 'automatic'}
                        {h.reason ? ` · ${h.reason}` : ''}
                      </li>
                    ))}
                  </ol>
                </details>
                {open ? (
                  <ActionBar
                    actions={actions}
                    label={`Actions on renewal of term ${tx.termNumber}`}
                  />
                ) : (
                  <p className="subtle pol-final">No actions: this renewal is {tx.state}.</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
