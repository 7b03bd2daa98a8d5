import {
  canDiscard,
  canMarkDoNotRenew,
  canReactivate,
  nextTriggerAt,
  NO_PENDING_TRIGGER,
} from '../../../../shared/policies/auto-renewal';
import { latestTerm, OPEN_AUTO_RENEWAL_STATES } from '../../../../shared/policies/model';
import type { AutoRenewal, AutoRenewalPlan, Policy } from '../../../../shared/policies/model';
import { ActionBar, AutoRenewalBadge, officeTime, usePolicies, type Action } from './policy-ui';
import { EVENT_LABEL, TIME_KEY, TriggerTimesForm } from './TriggerTimesForm';

/** The latest term's auto-renewal with every control, and the earlier terms' outcomes. */
export function AutoRenewalPanel({
  policy,
  autoRenewals,
  plan,
  timeZone,
}: {
  policy: Policy;
  autoRenewals: AutoRenewal[];
  plan: AutoRenewalPlan | null;
  timeZone: string;
}) {
  const policies = usePolicies();
  const latest = latestTerm(policy);
  const current = autoRenewals.find((ar) => ar.termNumber === latest.termNumber);
  const earlier = autoRenewals.filter((ar) => ar !== current);
  return (
    <div className="card" aria-labelledby="auto-renewal-title">
      <h2 id="auto-renewal-title">Auto-renewal</h2>
      {current ? (
        <AutoRenewalDetail autoRenewal={current} timeZone={timeZone} />
      ) : (
        <>
          <p className="subtle">
            Term {latest.termNumber} has no auto-renewal.{' '}
            {plan
              ? `Create one from plan “${plan.name}” to renew it automatically.`
              : 'Assign the customer a plan first.'}
          </p>
          <ActionBar
            label="Auto-renewal actions"
            actions={[
              {
                label: 'Create auto-renewal',
                primary: true,
                blocker: plan
                  ? null
                  : 'This customer has no auto-renewal plan; assign one on the customer page or under Policies → Auto-renewal plans.',
                run: () => policies.createAutoRenewal(policy.id),
              },
            ]}
          />
        </>
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

function AutoRenewalDetail({
  autoRenewal: ar,
  timeZone,
}: {
  autoRenewal: AutoRenewal;
  timeZone: string;
}) {
  const policies = usePolicies();
  const open = OPEN_AUTO_RENEWAL_STATES.includes(ar.state);
  const next = nextTriggerAt(ar);
  const running = ar.state === 'active' && ar.invalidatedAt === null;
  const actions: Action[] = [
    {
      label: 'Do not renew',
      blocker: canMarkDoNotRenew(ar),
      run: () => policies.doNotRenew(ar.id),
    },
    {
      label: 'Reactivate',
      blocker: canReactivate(ar),
      run: () => policies.reactivate(ar.id),
      primary: true,
    },
    {
      label: 'Discard auto-renewal',
      blocker: canDiscard(ar),
      run: () => policies.discardAutoRenewal(ar.id),
    },
  ];
  return (
    <div className="pol-ar" aria-label={`Auto-renewal of term ${ar.termNumber}`}>
      <div className="renewal-line">
        <span className="subtle">Term {ar.termNumber}</span>
        <AutoRenewalBadge state={ar.state} invalidated={ar.invalidatedAt !== null} />
        <span className="subtle">
          {ar.transactionType} · new term of {ar.newTermDurationMonths} months
        </span>
      </div>
      {ar.state === 'error' && (
        <p className="pol-banner pol-banner-error" role="alert">
          <strong>Stopped by an error:</strong> {ar.errorReason ?? 'unknown'}. Edit the trigger
          times (or save them unchanged) to make it active again.
        </p>
      )}
      {ar.invalidatedAt && (
        <p className="pol-banner pol-banner-held">
          Invalidated by a cancellation on {officeTime(ar.invalidatedAt, timeZone)}: nothing runs
          until you reactivate it; it then resumes at the next pending trigger.
        </p>
      )}
      <table className="pol-triggers" aria-label="Trigger times">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Scheduled</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {(['create', 'accept', 'issue'] as const).map((event) => {
            const time = ar[TIME_KEY[event]];
            const done = ar.done[event];
            return (
              <tr key={event}>
                <th scope="row">{EVENT_LABEL[event]}</th>
                <td className="mono">{time ? officeTime(time, timeZone) : 'no action'}</td>
                <td>
                  {done ? (
                    <span className="pol-fired">fired {officeTime(done, timeZone)}</span>
                  ) : time === null ? (
                    <span className="subtle">—</span>
                  ) : !running ? (
                    <span className="subtle">
                      held (
                      {ar.invalidatedAt
                        ? 'invalidated'
                        : ar.state === 'doNotRenew'
                          ? 'Do not renew'
                          : ar.state}
                      )
                    </span>
                  ) : next === time ? (
                    <span className="pol-next">next</span>
                  ) : (
                    <span className="subtle">pending</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="subtle">
        {next === NO_PENDING_TRIGGER
          ? running
            ? 'No trigger pending.'
            : 'No trigger will fire in this state.'
          : `Next trigger: ${officeTime(next, timeZone)}.`}
      </p>
      <ActionBar actions={actions} label="Auto-renewal actions" />
      {open && <TriggerTimesForm autoRenewal={ar} timeZone={timeZone} />}
      <h3>Plugin log</h3>
      {ar.pluginLog.length === 0 ? (
        <p className="subtle">No plugin has run yet.</p>
      ) : (
        <ol className="pol-log" aria-label="Plugin log">
          {ar.pluginLog.map((entry, i) => (
            <li key={i} data-error={entry.outcome.startsWith('error') ? 'true' : undefined}>
              <span className="mono">{officeTime(entry.at, timeZone)}</span>
              <span className="event-type">{entry.event}</span>
              <span>{entry.plugin}</span>
              <span className="subtle">{entry.outcome}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
