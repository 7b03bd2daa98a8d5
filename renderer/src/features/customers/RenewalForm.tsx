import type { ManualRenewalInput } from '../../../../shared/renewals/create';
import { serviceTypeLabel } from '../../../../shared/renewals/service-types';
import { daysUntilDue } from '../../../../shared/time';
import { BUILT_IN_SERVICE_TYPES } from '../../../../shared/schema/renewal';
import { useServices } from '../shared/services';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useEntryForm } from '../shared/use-entry-form';
import type { OfficeSettings } from '../../../../shared/office';
import { LIMITS } from '../../../../shared/limits';

const REPEATS = [
  { value: '', label: 'Does not repeat' },
  { value: 'FREQ=YEARLY;INTERVAL=1', label: 'Every year' },
  { value: 'FREQ=YEARLY;INTERVAL=2', label: 'Every 2 years' },
  { value: 'FREQ=MONTHLY;INTERVAL=6', label: 'Every 6 months' },
  { value: 'FREQ=MONTHLY;INTERVAL=1', label: 'Every month' },
];

/** Manual renewal, like POST /ops/customers/:id/renewals; on error every typed value stays. */
export function RenewalForm({
  customerId,
  defaultAssignee,
  office,
}: {
  customerId: string;
  defaultAssignee: string;
  office: OfficeSettings;
}) {
  const { jobs } = useServices();
  const toast = useUi((s) => s.toast);
  const empty: ManualRenewalInput = {
    serviceType: 'RESIDENCE_PERMIT',
    dueDate: '',
    policyId: '',
    notes: '',
    assigneeId: defaultAssignee,
    recurrence: '',
  };
  const { form, errors, saving, set, submit } = useEntryForm(
    empty,
    (typed) => jobs.renewals.createRenewal(customerId, typed),
    async (renewal, typed) => {
      const days = daysUntilDue(renewal.dueDate, await jobs.today());
      toast(
        'info',
        `${serviceTypeLabel(renewal.serviceType)} renewal due ${renewal.dueDate} created${days < 0 ? `: it is already ${-days} day${days === -1 ? '' : 's'} overdue` : ''}.`,
      );
      return { ...empty, serviceType: typed.serviceType, assigneeId: typed.assigneeId };
    },
  );

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-renewal-title" noValidate>
      <h2 id="new-renewal-title">New renewal</h2>
      <div className="row">
        <Field label="Service type" error={errors.serviceType}>
          <select value={form.serviceType} onChange={set('serviceType')}>
            {BUILT_IN_SERVICE_TYPES.map((t) => (
              <option key={t} value={t}>
                {serviceTypeLabel(t)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Due date" error={errors.dueDate} hint="The expiry date, YYYY-MM-DD">
          <input
            value={form.dueDate}
            onChange={set('dueDate')}
            placeholder="YYYY-MM-DD"
            inputMode="numeric"
            autoComplete="off"
          />
        </Field>
      </div>
      <div className="row">
        <Field label="Policy id" error={errors.policyId} hint="Optional">
          <input
            value={form.policyId}
            onChange={set('policyId')}
            placeholder="e.g. P-2026-014"
            maxLength={LIMITS.reference}
          />
        </Field>
        <Field label="Repeats" error={errors.recurrence}>
          <select value={form.recurrence} onChange={set('recurrence')}>
            {REPEATS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label="Assigned agent" error={errors.assigneeId}>
        <select value={form.assigneeId} onChange={set('assigneeId')}>
          {office.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Notes"
        error={errors.notes}
        count={{ length: (form.notes ?? '').length, max: LIMITS.notes }}
      >
        <textarea
          rows={2}
          value={form.notes}
          onChange={set('notes')}
          placeholder="e.g. Standard 1-year permit"
        />
      </Field>
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Saving…' : 'Create renewal'}
      </button>
    </form>
  );
}
