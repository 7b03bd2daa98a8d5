import type { WorkerField, WorkerInput } from '../../../../shared/documents/worker-input';
import type { Result } from '../../../../shared/result';
import type { Worker } from '../../../../shared/schema/worker';
import { Field } from '../shared/Field';
import { useEntryForm } from '../shared/use-entry-form';
import { LIMITS } from '../../../../shared/limits';

const EMPTY: WorkerInput = { fullName: '', email: '', phone: '', address: '', taxId: '' };

export function workerInputOf(worker: Worker): WorkerInput {
  return {
    fullName: worker.fullName,
    email: worker.email ?? '',
    phone: worker.profile.phone ?? '',
    address: worker.profile.address ?? '',
    taxId: worker.profile.taxId ?? '',
  };
}

/** Create or edit a worker's profile; on an error everything typed stays in the form. */
export function WorkerForm({
  title,
  submitLabel,
  initial,
  onSave,
}: {
  title: string;
  submitLabel: string;
  initial?: WorkerInput;
  onSave(input: WorkerInput): Promise<Result<Worker, WorkerField>>;
}) {
  const { form, errors, saving, set, submit } = useEntryForm(initial ?? EMPTY, onSave, () =>
    initial ? undefined : EMPTY,
  );

  const id = title.toLowerCase().replace(/\W+/g, '-');
  return (
    <form className="card form" onSubmit={submit} aria-labelledby={id} noValidate>
      <h2 id={id}>{title}</h2>
      <Field label="Full name" error={errors.fullName}>
        <input
          value={form.fullName}
          onChange={set('fullName')}
          autoComplete="off"
          maxLength={LIMITS.name}
        />
      </Field>
      <div className="row">
        <Field label="Email" error={errors.email}>
          <input
            type="email"
            value={form.email}
            onChange={set('email')}
            autoComplete="off"
            maxLength={LIMITS.email}
          />
        </Field>
        <Field label="Phone" error={errors.phone}>
          <input
            value={form.phone}
            onChange={set('phone')}
            autoComplete="off"
            maxLength={LIMITS.phone}
          />
        </Field>
      </div>
      <Field label="Address" error={errors.address}>
        <input
          value={form.address}
          onChange={set('address')}
          autoComplete="off"
          maxLength={LIMITS.address}
        />
      </Field>
      <Field
        label="Tax ID"
        error={errors.taxId}
        hint="Documents with a Tax ID field are pre-filled with it."
      >
        <input
          value={form.taxId}
          onChange={set('taxId')}
          autoComplete="off"
          maxLength={LIMITS.taxId}
        />
      </Field>
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
