import { useEffect } from 'react';
import type { AutoRenewal, RenewalEvent } from '../../../../shared/policies/model';
import type { TriggerTimesForm as Form } from '../../../../shared/policies/policy-input';
import { formatLocalDateTime } from '../../../../shared/time';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useEntryForm } from '../shared/use-entry-form';
import { officeTime, usePolicies } from './policy-ui';

export const EVENT_LABEL: Record<RenewalEvent, string> = {
  create: 'Create',
  accept: 'Accept',
  issue: 'Issue',
};
export const TIME_KEY: Record<RenewalEvent, keyof Form> = {
  create: 'createTime',
  accept: 'acceptTime',
  issue: 'issueTime',
};

/** Edits an auto-renewal's trigger times in office time; a fired trigger cannot move. */
export function TriggerTimesForm({
  autoRenewal: ar,
  timeZone,
  openByDefault = false,
}: {
  autoRenewal: AutoRenewal;
  timeZone: string;
  /** Open when there is something to do here (an error, or no times at all). */
  openByDefault?: boolean;
}) {
  const policies = usePolicies();
  const toast = useUi((s) => s.toast);
  const initial = (): Form => ({
    createTime: ar.createTime ? formatLocalDateTime(ar.createTime, timeZone) : '',
    acceptTime: ar.acceptTime ? formatLocalDateTime(ar.acceptTime, timeZone) : '',
    issueTime: ar.issueTime ? formatLocalDateTime(ar.issueTime, timeZone) : '',
  });
  const { form, setForm, errors, submit } = useEntryForm(
    initial(),
    (typed) => policies.editTriggerTimes(ar.id, typed),
    () => toast('info', 'Trigger times saved.'),
  );
  const key = `${ar.createTime}|${ar.acceptTime}|${ar.issueTime}|${timeZone}`;
  // A change made elsewhere (a plugin, another device) refreshes the form.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setForm(initial()), [key]);

  return (
    <details className="pol-edit" open={ar.state === 'error' || openByDefault || undefined}>
      <summary>Edit trigger times</summary>
      <form className="form pol-form" onSubmit={submit} aria-label="Trigger times" noValidate>
        {(['create', 'accept', 'issue'] as const).map((event) => {
          const done = ar.done[event];
          return (
            <Field
              key={event}
              label={`${EVENT_LABEL[event]} at`}
              error={errors[TIME_KEY[event]]}
              hint={
                done
                  ? `Fired ${officeTime(done, timeZone)}; it cannot move`
                  : 'YYYY-MM-DD or YYYY-MM-DD HH:MM; empty = no automatic action'
              }
            >
              <input
                value={form[TIME_KEY[event]]}
                disabled={done !== undefined}
                onChange={(e) => setForm({ ...form, [TIME_KEY[event]]: e.target.value })}
                autoComplete="off"
              />
            </Field>
          );
        })}
        <button type="submit" className="button button-small button-primary">
          Save trigger times
        </button>
      </form>
    </details>
  );
}
