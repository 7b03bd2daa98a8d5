import { useState } from 'react';
import { linkCandidates, managedTransaction } from '../../../../shared/policies/auto-renewal';
import { OPEN_AUTO_RENEWAL_STATES } from '../../../../shared/policies/model';
import type { AutoRenewal, RenewalTransaction } from '../../../../shared/policies/model';
import { ActionBar, officeTime, TransactionBadge, usePolicies } from './policy-ui';

/**
 * The renewal the auto-renewal manages, and the other pending renewals of its term it could
 * manage instead (seed: link the alternate renewal so it is managed automatically from then on).
 */
export function LinkRenewal({
  autoRenewal: ar,
  transactions,
  timeZone,
}: {
  autoRenewal: AutoRenewal;
  transactions: RenewalTransaction[];
  timeZone: string;
}) {
  const policies = usePolicies();
  const managed = ar.transactionId ? managedTransaction(ar, transactions) : undefined;
  const candidates = linkCandidates(ar, transactions);
  const [chosen, setChosen] = useState('');
  const selected = candidates.find((tx) => tx.id === chosen) ?? candidates[0];
  const describe = (tx: RenewalTransaction) =>
    `To ${officeTime(tx.endTime, timeZone)} · ${tx.type} · ${tx.createdBy === 'auto' ? 'automatic' : 'manual'}, ${tx.state}`;
  return (
    <div className="pol-link" aria-label="Managed renewal">
      <h3>Managed renewal</h3>
      <p className="pol-lead">
        {managed ? (
          <>
            <TransactionBadge state={managed.state} /> Renewal to{' '}
            {officeTime(managed.endTime, timeZone)} ({managed.type})
          </>
        ) : (
          <span className="subtle">
            None yet{ar.createTime ? ': the create trigger drafts one.' : '.'}
          </span>
        )}
      </p>
      {OPEN_AUTO_RENEWAL_STATES.includes(ar.state) &&
        (candidates.length === 0 ? (
          <p className="subtle pol-note">
            To have another renewal of term {ar.termNumber} managed automatically, draft it under
            “Renew by hand”; it can then be linked here.
          </p>
        ) : (
          <div className="pol-link-choice">
            <label className="field">
              <span>Manage instead</span>
              <select value={selected?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
                {candidates.map((tx) => (
                  <option key={tx.id} value={tx.id}>
                    {describe(tx)}
                  </option>
                ))}
              </select>
            </label>
            <ActionBar
              label="Link renewal"
              actions={[
                {
                  label: 'Link to auto-renewal',
                  blocker: selected ? null : 'Choose a renewal.',
                  run: () => policies.linkRenewal(ar.id, selected!.id),
                },
              ]}
            />
          </div>
        ))}
    </div>
  );
}
