import { useState, type FormEvent } from 'react';
import type { Worker } from '../../../../shared/schema/worker';
import type { WorkerFieldErrors, WorkerInput, WorkerResult } from '../../engine/documents';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';

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
  onSave(input: WorkerInput): Promise<WorkerResult>;
}) {
  const toast = useUi((s) => s.toast);
  const [form, setForm] = useState<WorkerInput>(initial ?? EMPTY);
  const [errors, setErrors] = useState<WorkerFieldErrors>({});
  const [saving, setSaving] = useState(false);
  const set = (key: keyof WorkerInput) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      const result = await onSave(form);
      if (!result.ok) return setErrors(result.errors);
      setErrors({});
      if (!initial) setForm(EMPTY);
    } catch (error) {
      toast('error', (error as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const id = title.toLowerCase().replace(/\W+/g, '-');
  return (
    <form className="card form" onSubmit={submit} aria-labelledby={id} noValidate>
      <h2 id={id}>{title}</h2>
      <Field label="Full name" error={errors.fullName}>
        <input value={form.fullName} onChange={set('fullName')} autoComplete="off" />
      </Field>
      <div className="row">
        <Field label="Email" error={errors.email}>
          <input type="email" value={form.email} onChange={set('email')} autoComplete="off" />
        </Field>
        <Field label="Phone" error={errors.phone}>
          <input value={form.phone} onChange={set('phone')} autoComplete="off" />
        </Field>
      </div>
      <Field label="Address" error={errors.address}>
        <input value={form.address} onChange={set('address')} autoComplete="off" />
      </Field>
      <Field
        label="Tax ID"
        error={errors.taxId}
        hint="Documents with a Tax ID field are pre-filled with it."
      >
        <input value={form.taxId} onChange={set('taxId')} autoComplete="off" />
      </Field>
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
