import {
  canDiscard,
  canMarkDoNotRenew,
  canReactivate,
  isRunning,
  nextTriggerAt,
  NO_PENDING_TRIGGER,
} from '../../../../shared/policies/auto-renewal';
import { OPEN_AUTO_RENEWAL_STATES } from '../../../../shared/policies/model';
import type { AutoRenewal, Policy, RenewalTransaction } from '../../../../shared/policies/model';
import { LinkRenewal } from './LinkRenewal';
import { ActionBar, AutoRenewalBadge, officeTime, usePolicies, type Action } from './policy-ui';
import { EVENT_LABEL, TIME_KEY, TriggerTimesForm } from './TriggerTimesForm';

/** One auto-renewal: its state, trigger times, the renewal it manages, actions and plugin log. */
export function AutoRenewalDetail({
  autoRenewal: ar,
  policy,
  transactions,
  timeZone,
}: {
  autoRenewal: AutoRenewal;
  policy: Policy;
  transactions: RenewalTransaction[];
  timeZone: string;
}) {
  const policies = usePolicies();
  const open = OPEN_AUTO_RENEWAL_STATES.includes(ar.state);
  const next = nextTriggerAt(ar);
  const running = isRunning(ar);
  const noTimes = ar.createTime === null && ar.acceptTime === null && ar.issueTime === null;
  const cancelled = policy.state === 'cancelled';
  const actions: Action[] = [
    {
      label: 'Do not renew',
      blocker: canMarkDoNotRenew(ar),
      run: () => policies.markPolicyForDoNotRenew(policy.id),
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
          <strong>Stopped by an error:</strong> {sentence(ar.errorReason ?? 'unknown')} Edit the
          trigger times (or save them unchanged) to make it active again.
        </p>
      )}
      {ar.state === 'discarded' && ar.discardedBy && (
        <p className="pol-banner pol-banner-held" role="status">
          <strong>Discarded by a plugin:</strong> {ar.discardedBy} answered “discarded”, so no
          further step runs. Reactivate to let it run again (its plugins are asked again), or
          discard it for good.
        </p>
      )}
      {ar.pendingCall && (
        <p className="pol-banner pol-banner-held" role="status">
          A webhook call of the {EVENT_LABEL[ar.pendingCall.event].toLowerCase()} step (made{' '}
          {officeTime(ar.pendingCall.recordedAt, timeZone)}) has no saved answer yet (it is under
          way, or NoLapse stopped during it). The next run calls again with the same Idempotency-Key
          (<span className="mono">{ar.pendingCall.key}</span>), so the webhook can tell it is a
          retry.
        </p>
      )}
      {ar.invalidatedAt && (
        <p className="pol-banner pol-banner-held">
          Invalidated by a cancellation on {officeTime(ar.invalidatedAt, timeZone)}: nothing runs
          until you reactivate it; it then resumes at the next pending trigger.
          {cancelled &&
            ' While the policy is cancelled it can draft and accept, but not issue: reinstate the policy too.'}
        </p>
      )}
      {running && noTimes && (
        <p className="pol-banner pol-banner-held" role="status">
          Active, with no trigger times: nothing happens automatically until you set them under
          “Edit trigger times”.
        </p>
      )}
      {ar.state === 'doNotRenew' && noTimes && (
        <p className="subtle pol-note">
          Reactivating lifts Do not renew; the auto-renewal then has no trigger times until you set
          them.
        </p>
      )}
      <TriggerTable autoRenewal={ar} running={running} next={next} timeZone={timeZone} />
      <p className="subtle">
        {next === NO_PENDING_TRIGGER
          ? running
            ? 'No trigger pending.'
            : 'No trigger will fire in this state.'
          : `Next trigger: ${officeTime(next, timeZone)}.`}
      </p>
      <ActionBar actions={actions} label="Auto-renewal actions" />
      {open && (
        <TriggerTimesForm autoRenewal={ar} timeZone={timeZone} openByDefault={running && noTimes} />
      )}
      <LinkRenewal autoRenewal={ar} transactions={transactions} timeZone={timeZone} />
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

/** A reason as a sentence: one final full stop, whatever the reason ended with. */
function sentence(reason: string): string {
  return /[.!?]$/.test(reason) ? reason : `${reason}.`;
}

function TriggerTable({
  autoRenewal: ar,
  running,
  next,
  timeZone,
}: {
  autoRenewal: AutoRenewal;
  running: boolean;
  next: string;
  timeZone: string;
}) {
  return (
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
  );
}
