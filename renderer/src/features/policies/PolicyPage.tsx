import { useObservable, useServices } from '../shared/services';
import { useDirectory } from '../shared/use-directory';
import { AutoRenewalPanel } from './AutoRenewalPanel';
import { CancellationCard } from './CancellationCard';
import { ManualRenewalForm } from './ManualRenewalForm';
import { PolicyHistory } from './PolicyHistory';
import { PolicyStateBadge, usePlans } from './policy-ui';
import { TermsTimeline } from './TermsTimeline';
import { TransactionsCard } from './TransactionsCard';
import { KeptByMigration } from '../shared/KeptByMigration';

/** One policy: its terms, renewal transactions and auto-renewal, with every control. */
export function PolicyPage({ policyId }: { policyId: string }) {
  const { data } = useServices();
  const directory = useDirectory();
  const plans = usePlans();
  const policy = useObservable(() => data.policies.watch(policyId), [data, policyId]);
  const transactions = useObservable(
    () => data.transactions.watchOfPolicy(policyId),
    [data, policyId],
  );
  const autoRenewals = useObservable(
    () => data.autoRenewals.watchOfPolicy(policyId),
    [data, policyId],
  );
  const customerId = policy?.customerId ?? '';
  const customer = useObservable(() => data.customers.watch(customerId), [data, customerId]);
  if (policy === undefined || !transactions || !autoRenewals)
    return <p className="empty">Loading policy…</p>;
  if (policy === null)
    return (
      <p className="empty">
        This policy does not exist. <a href="#/policies">Back to policies</a>
      </p>
    );
  const { timeZone } = directory.office;
  const plan = plans?.find((p) => p.id === customer?.planId) ?? null;
  const dnr = autoRenewals.find((ar) => ar.state === 'doNotRenew');
  return (
    <section className="page" aria-labelledby="policy-title">
      <header className="page-header">
        <div>
          <p className="crumbs">
            <a href="#/policies">Policies</a> /{' '}
            <a href={`#/customers/${encodeURIComponent(policy.customerId)}`}>
              {directory.customerName(policy.customerId)}
            </a>{' '}
            /
          </p>
          <h1 id="policy-title">
            Policy {policy.number} <PolicyStateBadge policy={policy} />
          </h1>
          <p className="subtle">
            {policy.productName} · Agent: {directory.staffName(policy.assigneeId)} · Plan:{' '}
            {plan ? plan.name : 'none'} · Times in {timeZone}
          </p>
          <KeptByMigration kept={policy.keptByMigration} what="this policy" />
        </div>
      </header>
      {policy.state === 'cancelled' && (
        <p className="pol-banner pol-banner-dnr" role="status">
          <strong>Cancelled</strong> effective {policy.cancellation?.effectiveDate ?? '—'}. No
          renewal of this policy can be issued until it is reinstated (under Cancellation).
        </p>
      )}
      {dnr && (
        <p className="pol-banner pol-banner-dnr" role="status">
          <strong>Do not renew.</strong> No renewal of this policy can be issued until its
          auto-renewal (term {dnr.termNumber}) is reactivated.
        </p>
      )}
      <div className="stack">
        <TermsTimeline policy={policy} timeZone={timeZone} />
        <div className="two-columns">
          <div className="stack">
            <TransactionsCard
              policy={policy}
              transactions={transactions}
              autoRenewals={autoRenewals}
              timeZone={timeZone}
            />
            <ManualRenewalForm policy={policy} timeZone={timeZone} />
            <PolicyHistory policy={policy} timeZone={timeZone} />
          </div>
          <div className="stack">
            <AutoRenewalPanel
              policy={policy}
              autoRenewals={autoRenewals}
              transactions={transactions}
              plan={plan}
              timeZone={timeZone}
            />
            <CancellationCard policy={policy} timeZone={timeZone} />
          </div>
        </div>
      </div>
    </section>
  );
}
