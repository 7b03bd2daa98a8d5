import { latestTerm } from '../../../../shared/policies/model';
import type { PolicyInput } from '../../../../shared/policies/policy-input';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useAct, useObservable, useServices } from '../shared/services';
import { useEntryForm } from '../shared/use-entry-form';
import { useDirectory } from '../shared/use-directory';
import { officeTime, PolicyStateBadge, policyRoute, usePlans, usePolicies } from './policy-ui';
import './policies.css';
import { LIMITS } from '../../../../shared/limits';

/** The customer's policies, their auto-renewal plan and the form that adds a policy. */
export function CustomerPolicies({ customerId }: { customerId: string }) {
  const { data } = useServices();
  const policies = usePolicies();
  const directory = useDirectory();
  const plans = usePlans();
  const act = useAct();
  const customer = useObservable(() => data.customers.watch(customerId), [data, customerId]);
  const list = useObservable(() => data.policies.watchOfCustomer(customerId), [data, customerId]);
  if (!customer) return null;
  const plan = plans?.find((p) => p.id === customer.planId);

  async function choosePlan(planId: string) {
    await act(
      () => policies.assignPlan(customerId, planId || null),
      (message) => message,
    );
  }

  return (
    <div className="stack">
      <div className="card" aria-labelledby="customer-policies-title">
        <h2 id="customer-policies-title">Policies</h2>
        <label className="pol-plan-picker">
          <span>Auto-renewal plan</span>
          <select value={customer.planId ?? ''} onChange={(e) => void choosePlan(e.target.value)}>
            <option value="">No plan</option>
            {(plans ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {customer.planId && !plan && plans && (
          <p className="error">The assigned plan no longer exists; choose another.</p>
        )}
        {plans?.length === 0 && (
          <p className="hint">
            No plans yet: <a href="#/policies/plans">create one</a> to renew policies automatically.
          </p>
        )}
        {!list ? (
          <p className="empty">Loading…</p>
        ) : list.length === 0 ? (
          <p className="empty">No policies yet. Add one below.</p>
        ) : (
          <ul className="list" aria-label="Policies of this customer">
            {list.map((p) => {
              const term = latestTerm(p);
              return (
                <li key={p.id}>
                  <a href={`#${policyRoute(p.id)}`}>
                    <span>
                      <strong>{p.number}</strong> <PolicyStateBadge policy={p} />
                    </span>
                    <span className="subtle">
                      {p.productName} · term {term.termNumber} ends{' '}
                      {officeTime(term.endTime, directory.office.timeZone)}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <NewPolicyForm customerId={customerId} defaultAssignee={customer.assigneeId} />
    </div>
  );
}

function NewPolicyForm({
  customerId,
  defaultAssignee,
}: {
  customerId: string;
  defaultAssignee: string;
}) {
  const policies = usePolicies();
  const directory = useDirectory();
  const toast = useUi((s) => s.toast);
  const empty: PolicyInput = {
    number: '',
    productName: '',
    startDate: '',
    endDate: '',
    assigneeId: defaultAssignee,
  };
  const { form, errors, saving, set, submit } = useEntryForm(
    empty,
    (typed) => policies.createPolicy(customerId, typed),
    (policy, typed) => {
      toast('info', `Policy ${policy.number} added; its renewal is in the queue.`);
      return { ...empty, assigneeId: typed.assigneeId };
    },
  );

  return (
    <form
      className="card form pol-form"
      onSubmit={submit}
      aria-labelledby="new-policy-title"
      noValidate
    >
      <h2 id="new-policy-title">New policy</h2>
      <div className="row">
        <Field label="Policy number" error={errors.number}>
          <input
            value={form.number}
            onChange={set('number')}
            placeholder="P-2026-0042"
            maxLength={LIMITS.number}
          />
        </Field>
        <Field label="Product" error={errors.productName}>
          <input
            value={form.productName}
            onChange={set('productName')}
            placeholder="Home"
            maxLength={LIMITS.name}
          />
        </Field>
      </div>
      <div className="row">
        <Field label="First term starts" error={errors.startDate} hint="YYYY-MM-DD">
          <input
            value={form.startDate}
            onChange={set('startDate')}
            placeholder="2026-01-01"
            inputMode="numeric"
            autoComplete="off"
          />
        </Field>
        <Field label="First term ends" error={errors.endDate} hint="YYYY-MM-DD">
          <input
            value={form.endDate}
            onChange={set('endDate')}
            placeholder="2027-01-01"
            inputMode="numeric"
            autoComplete="off"
          />
        </Field>
      </div>
      <Field label="Policy agent" error={errors.assigneeId}>
        <select value={form.assigneeId} onChange={set('assigneeId')}>
          {directory.office.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Saving…' : 'Add policy'}
      </button>
    </form>
  );
}
