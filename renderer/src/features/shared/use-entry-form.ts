import { useState, type FormEvent } from 'react';
import { useUi } from '../../store/ui-store';

type Outcome<V, E> = { ok: true; value: V } | { ok: false; errors: E };

/**
 * State of a data-entry form: what was typed, the errors by field, and a submit that keeps
 * everything typed when the input is refused or the write fails (shown as a toast).
 * `onSaved` returns the form to show next (for example emptied), or nothing to keep it.
 */
export function useEntryForm<T extends object, V, E extends Partial<Record<string, string>>>(
  initial: T,
  save: (form: T) => Promise<Outcome<V, E>>,
  onSaved: (value: V, form: T) => T | void | Promise<T | void>,
) {
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
        return;
      }
      setErrors({} as E);
      const next = await onSaved(result.value, form);
      if (next) setForm(next);
    } catch (error) {
      toast('error', (error as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return { form, setForm, errors, saving, set, submit };
}
