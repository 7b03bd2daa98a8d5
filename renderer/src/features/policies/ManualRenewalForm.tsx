import { latestTerm, type Policy } from '../../../../shared/policies/model';
import type { ManualRenewalForm as Form } from '../../../../shared/policies/policy-input';
import { addMonthsClamped, localDateIn } from '../../../../shared/time';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useEntryForm } from '../shared/use-entry-form';
import { officeTime, usePolicies } from './policy-ui';
import { LIMITS } from '../../../../shared/limits';

/** Drafts a renewal of the latest term by hand; dates are office-local. */
export function ManualRenewalForm({ policy, timeZone }: { policy: Policy; timeZone: string }) {
  const policies = usePolicies();
  const toast = useUi((s) => s.toast);
  const empty: Form = { endDate: '', effectiveDate: '', type: 'renewal' };
  const { form, errors, set, submit } = useEntryForm(
    empty,
    (typed) => policies.draftRenewal(policy.id, typed),
    () => {
      toast('info', 'Renewal drafted; accept it, then issue it.');
      return empty;
    },
  );
  const end = officeTime(latestTerm(policy).endTime, timeZone);
  const suggestedEnd = addMonthsClamped(localDateIn(latestTerm(policy).endTime, timeZone), 12);

  return (
    <form
      className="card form pol-form"
      onSubmit={submit}
      aria-labelledby="manual-title"
      noValidate
    >
      <h2 id="manual-title">Renew by hand</h2>
      <p className="subtle pol-lead">
        The current term ends {end}. The new end must be later; a start after {end} leaves a gap
        that no term covers.
      </p>
      <div className="row">
        <Field label="New end" error={errors.endDate} hint="YYYY-MM-DD">
          <input
            value={form.endDate}
            onChange={set('endDate')}
            placeholder={suggestedEnd}
            autoComplete="off"
          />
        </Field>
        <Field
          label="New term starts"
          error={errors.effectiveDate}
          hint={`Optional; empty = ${end}`}
        >
          <input
            value={form.effectiveDate}
            onChange={set('effectiveDate')}
            placeholder={end}
            autoComplete="off"
          />
        </Field>
      </div>
      <Field label="Renewal type" error={errors.type}>
        <input value={form.type} onChange={set('type')} maxLength={LIMITS.code} />
      </Field>
      <button type="submit" className="button button-primary">
        Draft renewal
      </button>
    </form>
  );
}
