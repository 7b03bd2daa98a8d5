import { useState, type FormEvent } from 'react';
import type { FieldErrors, Result } from '../../../../shared/result';
import { useUi } from '../../store/ui-store';

/**
 * The form to show after a save: `next`, except each field changed since the save began keeps
 * what is in it now. A save resolves after its list already shows the new record, so a quick
 * user (or a test) is often typing the next entry by then; emptying the form must not wipe that.
 */
export function keepTypedSince<T extends object>(submitted: T, current: T, next: T): T {
  const kept = { ...next };
  for (const key of Object.keys(current) as (keyof T)[]) {
    if (!Object.is(current[key], submitted[key])) kept[key] = current[key];
  }
  return kept;
}

/**
 * State of a data-entry form: what was typed, the errors by field, and a submit that keeps
 * everything typed when the input is refused or the write fails (shown as a toast, as is a
 * refusal that belongs to no field). `onSaved` returns the form to show next (for example
 * emptied), or nothing to keep it; what was typed while the save ran stays (keepTypedSince).
 */
export function useEntryForm<T extends object, V, K extends string>(
  initial: T,
  save: (form: T) => Promise<Result<V, K>>,
  onSaved: (value: V, form: T) => T | void | Promise<T | void>,
) {
  type E = FieldErrors<K>;
  const toast = useUi((s) => s.toast);
  const [form, setForm] = useState<T>(initial);
  const [errors, setErrors] = useState<E>({} as E);
  const [saving, setSaving] = useState(false);
  const set = (key: keyof T) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    setSaving(true);
    try {
      const result = await save(form);
      if (!result.ok) {
        setErrors(result.errors);
        if (result.errors.form) toast('error', result.errors.form);
        return;
      }
      setErrors({} as E);
      const next = await onSaved(result.value, form);
      if (next) setForm((current) => keepTypedSince(form, current, next));
    } catch (error) {
      toast('error', (error as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return { form, setForm, errors, saving, set, submit };
}
