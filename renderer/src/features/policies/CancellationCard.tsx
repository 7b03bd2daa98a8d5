import { useState } from 'react';
import type { Policy } from '../../../../shared/policies/model';
import { ActionBar, usePolicies } from './policy-ui';

/** Records a cancellation of the policy, after a confirmation. */
export function CancellationCard({ policy }: { policy: Policy }) {
  const policies = usePolicies();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="card" aria-labelledby="cancel-title">
      <h2 id="cancel-title">Cancellation</h2>
      <p className="subtle pol-lead">
        Recording a cancellation puts an accepted renewal managed by the auto-renewal back to draft
        and invalidates the auto-renewal until you reactivate it.
      </p>
      {confirming ? (
        <ActionBar
          label="Confirm cancellation"
          actions={[
            {
              label: `Yes, cancel policy ${policy.number}`,
              blocker: null,
              run: async () => {
                setConfirming(false);
                return policies.cancelPolicy(policy.id);
              },
            },
            {
              label: 'Keep the policy',
              blocker: null,
              run: async () => {
                setConfirming(false);
                return { ok: true, value: 'Nothing was changed.' };
              },
            },
          ]}
        />
      ) : (
        <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
          Cancel policy…
        </button>
      )}
    </div>
  );
}
