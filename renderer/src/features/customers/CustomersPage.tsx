import { useState } from 'react';
import type { CustomerInput } from '../../../../shared/customers/customer-input';
import { useServices } from '../shared/services';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useEntryForm } from '../shared/use-entry-form';
import { useDirectory } from '../shared/use-directory';
import { LIMITS } from '../../../../shared/limits';

export function CustomersPage() {
  const directory = useDirectory();
  const [filter, setFilter] = useState('');
  const shown = directory.customers.filter((c) =>
    c.name.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  return (
    <section className="page" aria-labelledby="customers-title">
      <header className="page-header">
        <div>
          <h1 id="customers-title">Customers</h1>
          <p className="subtle">
            Open a customer to add permits and renewals, or to see their timeline.
          </p>
        </div>
      </header>
      <div className="two-columns">
        <div className="card">
          <label className="inline-search">
            <span className="visually-hidden">Find a customer</span>
            <input
              type="search"
              placeholder="Find a customer…"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </label>
          {!directory.loaded ? (
            <p className="empty">Loading…</p>
          ) : shown.length === 0 ? (
            <p className="empty">
              {directory.customers.length === 0
                ? 'No customers yet. Add your first one with the form.'
                : 'No customer matches that name.'}
            </p>
          ) : (
            <ul className="list" aria-label="Customers">
              {shown.map((c) => (
                <li key={c.id}>
                  <a href={`#/customers/${encodeURIComponent(c.id)}`}>
                    <strong>{c.name}</strong>
                    <span className="subtle">
                      {directory.staffName(c.assigneeId)}
                      {c.permits.length > 0
                        ? ` · ${c.permits.length} permit${c.permits.length === 1 ? '' : 's'}`
                        : ''}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
        <NewCustomerForm />
      </div>
    </section>
  );
}

function NewCustomerForm() {
  const { jobs } = useServices();
  const { office } = useDirectory();
  const navigate = useUi((s) => s.navigate);
  const toast = useUi((s) => s.toast);
  const empty: CustomerInput = {
    name: '',
    email: '',
    phone: '',
    nationality: '',
    assigneeId: '',
    notes: '',
  };
  const { form, errors, saving, set, submit } = useEntryForm(
    empty,
    (typed) =>
      jobs.renewals.createCustomer({
        ...typed,
        assigneeId: typed.assigneeId || office.staff[0]?.id || '',
      }),
    (customer) => {
      toast('info', `${customer.name} added.`);
      navigate(`/customers/${encodeURIComponent(customer.id)}`);
      return empty;
    },
  );

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-customer-title" noValidate>
      <h2 id="new-customer-title">New customer</h2>
      <Field label="Full name" error={errors.name}>
        <input
          value={form.name}
          onChange={set('name')}
          autoComplete="off"
          maxLength={LIMITS.name}
        />
      </Field>
      <Field label="Email" error={errors.email}>
        <input type="email" value={form.email} onChange={set('email')} maxLength={LIMITS.email} />
      </Field>
      <div className="row">
        <Field label="Phone" error={errors.phone}>
          <input value={form.phone} onChange={set('phone')} maxLength={LIMITS.phone} />
        </Field>
        <Field label="Nationality" error={errors.nationality}>
          <input
            value={form.nationality}
            onChange={set('nationality')}
            maxLength={LIMITS.nationality}
          />
        </Field>
      </div>
      <Field label="Responsible agent" error={errors.assigneeId}>
        <select value={form.assigneeId || office.staff[0]?.id || ''} onChange={set('assigneeId')}>
          {office.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Saving…' : 'Add customer'}
      </button>
    </form>
  );
}
