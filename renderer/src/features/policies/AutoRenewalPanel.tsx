import { latestTerm } from '../../../../shared/policies/model';
import type {
  AutoRenewal,
  AutoRenewalPlan,
  Policy,
  RenewalTransaction,
} from '../../../../shared/policies/model';
import { AutoRenewalDetail } from './AutoRenewalDetail';
import { CreateAutoRenewalForm } from './CreateAutoRenewalForm';
import { ActionBar, AutoRenewalBadge, usePolicies } from './policy-ui';

/** The latest term's auto-renewal with every control, and the earlier terms' outcomes. */
export function AutoRenewalPanel({
  policy,
  autoRenewals,
  transactions,
  plan,
  timeZone,
}: {
  policy: Policy;
  autoRenewals: AutoRenewal[];
  transactions: RenewalTransaction[];
  plan: AutoRenewalPlan | null;
  timeZone: string;
}) {
  const latest = latestTerm(policy);
  const current = autoRenewals.find((ar) => ar.termNumber === latest.termNumber);
  const earlier = autoRenewals.filter((ar) => ar !== current);
  return (
    <div className="card" aria-labelledby="auto-renewal-title">
      <h2 id="auto-renewal-title">Auto-renewal</h2>
      {current ? (
        <AutoRenewalDetail
          autoRenewal={current}
          policy={policy}
          transactions={transactions}
          timeZone={timeZone}
        />
      ) : (
        <NoAutoRenewal policy={policy} plan={plan} timeZone={timeZone} />
      )}
      {earlier.length > 0 && (
        <div className="pol-earlier">
          <h3>Earlier terms</h3>
          <ul className="list" aria-label="Earlier auto-renewals">
            {earlier.map((ar) => (
              <li key={ar.id}>
                Term {ar.termNumber}{' '}
                <AutoRenewalBadge state={ar.state} invalidated={ar.invalidatedAt !== null} />{' '}
                <span className="subtle">{ar.pluginLog.length} plugin call(s)</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** A latest term without an auto-renewal: create one (from the plan or by hand), or Do not renew. */
function NoAutoRenewal({
  policy,
  plan,
  timeZone,
}: {
  policy: Policy;
  plan: AutoRenewalPlan | null;
  timeZone: string;
}) {
  const policies = usePolicies();
  const term = latestTerm(policy);
  const cancelled = policy.state === 'cancelled';
  return (
    <>
      <p className="subtle pol-lead">
        Term {term.termNumber} has no auto-renewal.{' '}
        {cancelled
          ? 'Reinstate the policy before giving it one.'
          : plan
            ? `Create one from plan “${plan.name}”, or with your own times below.`
            : 'The customer has no plan: create one with your own times below.'}
      </p>
      <ActionBar
        label="Auto-renewal actions"
        actions={[
          {
            label: plan ? `Create from plan ${plan.name}` : 'Create from plan',
            primary: true,
            blocker: cancelled
              ? `Policy ${policy.number} is cancelled; reinstate it first.`
              : plan
                ? null
                : 'This customer has no auto-renewal plan; assign one on the customer page, or set the times by hand below.',
            run: () => policies.createAutoRenewal(policy.id),
          },
          {
            label: 'Do not renew',
            blocker: null,
            run: () => policies.markPolicyForDoNotRenew(policy.id),
          },
        ]}
      />
      {!cancelled && <CreateAutoRenewalForm policy={policy} plan={plan} timeZone={timeZone} />}
    </>
  );
}
