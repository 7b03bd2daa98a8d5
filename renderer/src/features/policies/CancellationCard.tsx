import { useState } from 'react';
import {
  canReinstate,
  queueRenewalId,
  type CancellationForm,
} from '../../../../shared/policies/cancellation';
import { latestTerm, type Policy } from '../../../../shared/policies/model';
import { routes } from '../../../../shared/routes';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useObservable, useServices, useToday } from '../shared/services';
import { useEntryForm } from '../shared/use-entry-form';
import { ActionBar, officeTime, usePolicies } from './policy-ui';

/**
 * The policy's standing: cancel it with an effective date (after a confirmation), or, while it
 * is cancelled, reinstate it; and where its queue renewal stands.
 */
export function CancellationCard({ policy, timeZone }: { policy: Policy; timeZone: string }) {
  return (
    <div className="card pol-cancel" aria-labelledby="cancel-title">
      <h2 id="cancel-title">Cancellation</h2>
      {policy.state === 'cancelled' ? (
        <Reinstatement policy={policy} timeZone={timeZone} />
      ) : (
        <CancelPolicy policy={policy} timeZone={timeZone} />
      )}
      <QueueRenewalLine policy={policy} timeZone={timeZone} />
    </div>
  );
}

function CancelPolicy({ policy, timeZone }: { policy: Policy; timeZone: string }) {
  const policies = usePolicies();
  const toast = useUi((s) => s.toast);
  const [confirming, setConfirming] = useState(false);
  const empty: CancellationForm = { effectiveDate: '' };
  const { form, errors, saving, set, submit, setForm } = useEntryForm(
    empty,
    (typed) => policies.cancelPolicy(policy.id, typed),
    (message) => {
      toast('info', message);
      setConfirming(false);
      return empty;
    },
  );
  const first = policy.terms.reduce((a, b) => (a.termNumber < b.termNumber ? a : b));
  const from = officeTime(first.startTime, timeZone);
  const until = officeTime(latestTerm(policy).endTime, timeZone);
  return (
    <>
      <p className="subtle pol-lead">
        Cancelling puts a pending renewal the auto-renewal manages back to draft, invalidates the
        auto-renewal until you reactivate it, and cancels the queue renewal. A cancelled policy
        cannot be renewed until it is reinstated.
      </p>
      {confirming ? (
        <form
          className="form pol-form pol-cancel-form"
          onSubmit={submit}
          aria-label="Cancel policy"
          noValidate
        >
          <Field
            label="Cancellation takes effect on"
            error={errors.effectiveDate}
            hint={`Office date, YYYY-MM-DD: from ${from}, before ${until}`}
          >
            <input
              value={form.effectiveDate}
              onChange={set('effectiveDate')}
              placeholder={from}
              autoComplete="off"
              inputMode="numeric"
            />
          </Field>
          <div className="actions">
            <button type="submit" className="button button-danger" disabled={saving}>
              {saving ? 'Cancelling…' : `Cancel policy ${policy.number}`}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirming(false);
                setForm(empty);
              }}
            >
              Keep the policy
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
          Cancel policy…
        </button>
      )}
    </>
  );
}

function Reinstatement({ policy, timeZone }: { policy: Policy; timeZone: string }) {
  const policies = usePolicies();
  // Read each minute, so the button turns off (and says why) once the latest term ends.
  useToday();
  const cancellation = policy.cancellation;
  return (
    <>
      <p className="pol-lead">
        <strong>Cancelled</strong> effective{' '}
        <span className="mono">{cancellation?.effectiveDate ?? '—'}</span>
        {cancellation && (
          <span className="subtle">
            {' '}
            · recorded {officeTime(cancellation.recordedAt, timeZone)}
          </span>
        )}
      </p>
      <p className="subtle pol-lead">
        Reinstating undoes the cancellation while the latest term (to{' '}
        {officeTime(latestTerm(policy).endTime, timeZone)}) has not ended: the policy is active
        again and its queue renewal open again. The auto-renewal stays invalidated until you
        reactivate it.
      </p>
      <ActionBar
        label="Reinstatement"
        actions={[
          {
            label: 'Reinstate policy',
            primary: true,
            blocker: canReinstate(policy, new Date().toISOString(), timeZone),
            run: () => policies.reinstatePolicy(policy.id),
          },
        ]}
      />
    </>
  );
}

/** Where the latest term's renewal stands in the queue, with a link to it. */
function QueueRenewalLine({ policy, timeZone }: { policy: Policy; timeZone: string }) {
  const { data } = useServices();
  const id = queueRenewalId(policy, timeZone);
  const renewal = useObservable(() => data.renewals.watch(id), [data, id]);
  if (renewal === undefined) return null;
  return (
    <p className="subtle pol-queue-line" aria-label="Queue renewal">
      Queue renewal:{' '}
      {renewal ? (
        <>
          <a href={`#${routes.renewal(renewal.id)}`}>due {renewal.dueDate}</a>{' '}
          <span
            className={`badge ${renewal.status === 'CANCELLED' ? 'badge-overdue' : renewal.status === 'COMPLETED' ? 'badge-closed' : 'badge-month'}`}
          >
            {renewal.status.toLowerCase()}
          </span>
        </>
      ) : (
        'none for the latest term'
      )}
    </p>
  );
}
