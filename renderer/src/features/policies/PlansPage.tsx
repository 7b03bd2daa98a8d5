import { useState, type FormEvent } from 'react';
import type { AutoRenewalPlan, PluginRef } from '../../../../shared/policies/model';
import { firstError } from '../../../../shared/result';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useDirectory } from '../shared/use-directory';
import { PoliciesTabs } from './PoliciesTabs';
import { usePlans, usePolicies } from './policy-ui';
import { LIMITS } from '../../../../shared/limits';

type PlanForm = {
  id: string | null;
  name: string;
  renewalCreateLeadDays: string;
  renewalAcceptLeadDays: string;
  renewalIssueLeadDays: string;
  generateAutoRenewals: boolean;
  newTermDurationMonths: string;
  renewalNotice: boolean;
  webhookUrl: string;
  webhookTimeoutMs: string;
};
type PlanErrors = Partial<Record<keyof PlanForm | 'form', string>>;

const EMPTY: PlanForm = {
  id: null,
  name: '',
  renewalCreateLeadDays: '60',
  renewalAcceptLeadDays: '30',
  renewalIssueLeadDays: '7',
  generateAutoRenewals: true,
  newTermDurationMonths: '12',
  renewalNotice: true,
  webhookUrl: '',
  webhookTimeoutMs: '5000',
};

function toForm(plan: AutoRenewalPlan): PlanForm {
  const webhook = plan.plugins.find((p) => p !== 'renewal-notice');
  return {
    id: plan.id,
    name: plan.name,
    renewalCreateLeadDays: String(plan.renewalCreateLeadDays),
    renewalAcceptLeadDays: String(plan.renewalAcceptLeadDays),
    renewalIssueLeadDays: String(plan.renewalIssueLeadDays),
    generateAutoRenewals: plan.generateAutoRenewals,
    newTermDurationMonths: String(plan.newTermDurationMonths),
    renewalNotice: plan.plugins.includes('renewal-notice'),
    webhookUrl: webhook ? webhook.url : '',
    webhookTimeoutMs: webhook ? String(webhook.timeoutMs) : '5000',
  };
}

const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

function fieldOf(path: string): keyof PlanForm | 'form' {
  if (path.endsWith('.url')) return 'webhookUrl';
  if (path.endsWith('.timeoutMs')) return 'webhookTimeoutMs';
  return path in EMPTY ? (path as keyof PlanForm) : 'form';
}

function describePlan(plan: AutoRenewalPlan): string {
  const plugins = plan.plugins.map((p) => (p === 'renewal-notice' ? 'renewal notice' : 'webhook'));
  return [
    `create ${plan.renewalCreateLeadDays} d, accept ${plan.renewalAcceptLeadDays} d, issue ${plan.renewalIssueLeadDays} d before the term ends`,
    `new terms of ${plan.newTermDurationMonths} months`,
    plan.generateAutoRenewals ? 'new terms get an auto-renewal' : 'auto-renewals created by hand',
    plugins.length > 0 ? `plugins: ${plugins.join(', ')}` : 'no plugins',
  ].join(' · ');
}

/**
 * Auto-renewal plans: create, edit, and assign one to a customer. The plan form turns a
 * checkbox and a webhook URL into a plugin list before saving, so it keeps its own state.
 */
export function PlansPage() {
  const plans = usePlans();
  const policies = usePolicies();
  const toast = useUi((s) => s.toast);
  const [form, setForm] = useState<PlanForm>(EMPTY);
  const [errors, setErrors] = useState<PlanErrors>({});
  const set = (key: keyof PlanForm) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const plugins: PluginRef[] = [];
    if (form.renewalNotice) plugins.push('renewal-notice');
    if (form.webhookUrl.trim() !== '')
      plugins.push({
        kind: 'webhook',
        url: form.webhookUrl.trim(),
        timeoutMs: num(form.webhookTimeoutMs) as number,
      });
    try {
      const check = await policies.savePlan({
        ...(form.id ? { id: form.id } : {}),
        name: form.name,
        renewalCreateLeadDays: num(form.renewalCreateLeadDays),
        renewalAcceptLeadDays: num(form.renewalAcceptLeadDays),
        renewalIssueLeadDays: num(form.renewalIssueLeadDays),
        generateAutoRenewals: form.generateAutoRenewals,
        newTermDurationMonths: num(form.newTermDurationMonths),
        plugins,
      });
      if (!check.ok) {
        const next: PlanErrors = {};
        for (const [field, message] of Object.entries(check.errors))
          if (message) next[fieldOf(field)] ??= message;
        return setErrors(next);
      }
      setErrors({});
      setForm(EMPTY);
      toast('info', `Plan “${check.value.name}” saved.`);
    } catch (error) {
      setErrors({ form: (error as Error).message });
    }
  }

  return (
    <section className="page" aria-labelledby="plans-title">
      <header className="page-header">
        <div>
          <h1 id="plans-title">Auto-renewal plans</h1>
          <p className="subtle">
            A plan says when a customer’s policies are renewed automatically: lead days count back
            from the end of the term.
          </p>
        </div>
      </header>
      <PoliciesTabs current="/policies/plans" />
      <div className="two-columns">
        <div className="stack">
          <div className="card">
            <h2>Plans</h2>
            {!plans ? (
              <p className="empty">Loading…</p>
            ) : plans.length === 0 ? (
              <p className="empty">No plans yet. Create the first one with the form.</p>
            ) : (
              <ul className="list" aria-label="Plans">
                {plans.map((plan) => (
                  <li key={plan.id} className="pol-plan">
                    <div>
                      <strong>{plan.name}</strong>
                      <div className="subtle">{describePlan(plan)}</div>
                    </div>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => {
                        setErrors({});
                        setForm(toForm(plan));
                      }}
                    >
                      Edit {plan.name}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <AssignPlan plans={plans ?? []} />
        </div>
        <form
          className="card form pol-form"
          onSubmit={submit}
          aria-labelledby="plan-form-title"
          noValidate
        >
          <h2 id="plan-form-title">{form.id ? `Edit plan ${form.name}` : 'New plan'}</h2>
          <Field label="Plan name" error={errors.name}>
            <input
              value={form.name}
              onChange={set('name')}
              placeholder="Yearly, 60 days ahead"
              maxLength={LIMITS.name}
            />
          </Field>
          <div className="row">
            <Field
              label="Create lead days"
              error={errors.renewalCreateLeadDays}
              hint="Days before the term ends"
            >
              <input
                value={form.renewalCreateLeadDays}
                onChange={set('renewalCreateLeadDays')}
                inputMode="numeric"
              />
            </Field>
            <Field label="Accept lead days" error={errors.renewalAcceptLeadDays}>
              <input
                value={form.renewalAcceptLeadDays}
                onChange={set('renewalAcceptLeadDays')}
                inputMode="numeric"
              />
            </Field>
          </div>
          <div className="row">
            <Field label="Issue lead days" error={errors.renewalIssueLeadDays}>
              <input
                value={form.renewalIssueLeadDays}
                onChange={set('renewalIssueLeadDays')}
                inputMode="numeric"
              />
            </Field>
            <Field label="New term (months)" error={errors.newTermDurationMonths}>
              <input
                value={form.newTermDurationMonths}
                onChange={set('newTermDurationMonths')}
                inputMode="numeric"
              />
            </Field>
          </div>
          <label className="pol-check">
            <input
              type="checkbox"
              checked={form.generateAutoRenewals}
              onChange={(e) => setForm({ ...form, generateAutoRenewals: e.target.checked })}
            />
            Generate auto-renewals for new terms
          </label>
          <fieldset>
            <legend>Plugins (run before each automatic step)</legend>
            <label className="pol-check">
              <input
                type="checkbox"
                checked={form.renewalNotice}
                onChange={(e) => setForm({ ...form, renewalNotice: e.target.checked })}
              />
              Renewal notice (timeline event and notification to the agent)
            </label>
            <div className="row">
              <Field label="Webhook URL" error={errors.webhookUrl} hint="Optional; receives JSON">
                <input
                  value={form.webhookUrl}
                  onChange={set('webhookUrl')}
                  placeholder="http://127.0.0.1:8080/renewals"
                  maxLength={LIMITS.url}
                />
              </Field>
              <Field label="Webhook timeout (ms)" error={errors.webhookTimeoutMs}>
                <input
                  value={form.webhookTimeoutMs}
                  onChange={set('webhookTimeoutMs')}
                  inputMode="numeric"
                />
              </Field>
            </div>
          </fieldset>
          {errors.form && (
            <p className="error" role="alert">
              {errors.form}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button button-primary">
              {form.id ? 'Save plan' : 'Create plan'}
            </button>
            {form.id && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setErrors({});
                  setForm(EMPTY);
                }}
              >
                Cancel edit
              </button>
            )}
          </div>
        </form>
      </div>
    </section>
  );
}

function AssignPlan({ plans }: { plans: AutoRenewalPlan[] }) {
  const directory = useDirectory();
  const policies = usePolicies();
  const toast = useUi((s) => s.toast);
  const [customerId, setCustomerId] = useState('');
  const [planId, setPlanId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const planName = (id: string | undefined) => plans.find((p) => p.id === id)?.name;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!customerId) return setError('Choose a customer.');
    const result = await policies.assignPlan(customerId, planId || null);
    if (!result.ok) return setError(firstError(result.errors));
    setError(null);
    toast('info', result.value);
  }

  return (
    <form
      className="card form pol-form"
      onSubmit={submit}
      aria-labelledby="assign-title"
      noValidate
    >
      <h2 id="assign-title">Assign a plan to a customer</h2>
      <div className="row">
        <Field label="Customer" error={error ?? undefined}>
          <select value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
            <option value="">Choose…</option>
            {directory.customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.planId ? ` (${planName(c.planId) ?? 'unknown plan'})` : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Plan">
          <select value={planId} onChange={(e) => setPlanId(e.target.value)}>
            <option value="">No plan</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p className="hint">
        With “Generate auto-renewals”, every new term of the customer’s policies gets an
        auto-renewal from this plan.
      </p>
      <button type="submit" className="button">
        Assign plan
      </button>
    </form>
  );
}
