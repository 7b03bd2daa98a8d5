import type { AutoRenewalForm } from '../../../../shared/policies/auto-renewal-input';
import { latestTerm, type AutoRenewalPlan, type Policy } from '../../../../shared/policies/model';
import { formatLocalDateTime, subtractDays } from '../../../../shared/time';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useEntryForm } from '../shared/use-entry-form';
import { usePolicies } from './policy-ui';
import { LIMITS } from '../../../../shared/limits';

const HINT = 'YYYY-MM-DD or YYYY-MM-DD HH:MM; empty = no automatic action';

/**
 * "Create Auto-Renewal" by hand: trigger times in office time and the new term's length,
 * filled in from the plan's lead days (or 60, 30 and 7 days before the end) for a quick start.
 */
export function CreateAutoRenewalForm({
  policy,
  plan,
  timeZone,
}: {
  policy: Policy;
  plan: AutoRenewalPlan | null;
  timeZone: string;
}) {
  const policies = usePolicies();
  const toast = useUi((s) => s.toast);
  const end = latestTerm(policy).endTime;
  const before = (days: number) => formatLocalDateTime(subtractDays(end, days), timeZone);
  const initial: AutoRenewalForm = {
    createTime: before(plan?.renewalCreateLeadDays ?? 60),
    acceptTime: before(plan?.renewalAcceptLeadDays ?? 30),
    issueTime: before(plan?.renewalIssueLeadDays ?? 7),
    termMonths: String(plan?.newTermDurationMonths ?? 12),
    type: 'renewal',
  };
  const { form, errors, saving, set, submit } = useEntryForm(
    initial,
    (typed) => policies.createAutoRenewalByHand(policy.id, typed),
    (created) => toast('info', `Auto-renewal created for term ${created.termNumber}.`),
  );
  return (
    <details className="pol-edit" open={plan === null || undefined}>
      <summary>Create auto-renewal with your own times</summary>
      <form className="form pol-form" onSubmit={submit} aria-label="Create auto-renewal" noValidate>
        <div className="row">
          <Field label="Create at" error={errors.createTime} hint={HINT}>
            <input value={form.createTime} onChange={set('createTime')} autoComplete="off" />
          </Field>
          <Field label="Accept at" error={errors.acceptTime}>
            <input value={form.acceptTime} onChange={set('acceptTime')} autoComplete="off" />
          </Field>
        </div>
        <div className="row">
          <Field
            label="Issue at"
            error={errors.issueTime}
            hint={`At the latest ${formatLocalDateTime(end, timeZone)}`}
          >
            <input value={form.issueTime} onChange={set('issueTime')} autoComplete="off" />
          </Field>
          <Field label="New term (months)" error={errors.termMonths}>
            <input value={form.termMonths} onChange={set('termMonths')} inputMode="numeric" />
          </Field>
        </div>
        <Field label="Renewal type" error={errors.type}>
          <input value={form.type} onChange={set('type')} maxLength={LIMITS.code} />
        </Field>
        <button type="submit" className="button button-small button-primary" disabled={saving}>
          Create auto-renewal
        </button>
      </form>
    </details>
  );
}
