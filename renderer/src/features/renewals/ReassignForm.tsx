import { useState } from 'react';
import type { StaffMember } from '../../../../shared/office';
import type { ReassignField } from '../../../../shared/renewals/tasks';
import type { Result } from '../../../../shared/result';
import { Field } from '../shared/Field';
import { useEntryForm } from '../shared/use-entry-form';
import { LIMITS } from '../../../../shared/limits';

type Reassignment = { assigneeId: string; note: string };

/**
 * "Reassign…": hands a renewal or a task to another staff member, with an optional note that
 * goes on the customer's timeline. Closed until asked for, so lists stay calm.
 */
export function ReassignForm<V>({
  what,
  current,
  staff,
  onReassign,
  onDone,
}: {
  /** Names what is reassigned, for the button and the form's label. */
  what: string;
  current: string;
  staff: readonly StaffMember[];
  onReassign(input: Reassignment): Promise<Result<V, ReassignField>>;
  onDone(value: V, input: Reassignment): void;
}) {
  const [open, setOpen] = useState(false);
  const others = staff.filter((s) => s.id !== current);
  const initial: Reassignment = { assigneeId: others[0]?.id ?? '', note: '' };
  const { form, errors, saving, set, submit } = useEntryForm(
    initial,
    onReassign,
    (value, typed) => {
      onDone(value, typed);
      setOpen(false);
      return initial;
    },
  );
  if (!open)
    return (
      <button
        type="button"
        className="button button-small"
        onClick={() => setOpen(true)}
        disabled={others.length === 0}
        title={others.length === 0 ? 'Add another staff member in Settings first.' : undefined}
        aria-label={`Reassign ${what}`}
      >
        Reassign…
      </button>
    );
  return (
    <form className="reassign" onSubmit={submit} noValidate aria-label={`Reassign ${what}`}>
      <Field label="To" error={errors.assigneeId}>
        <select value={form.assigneeId} onChange={set('assigneeId')}>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Note" error={errors.note} hint="Optional; shown on the timeline">
        <input
          value={form.note}
          onChange={set('note')}
          autoComplete="off"
          maxLength={LIMITS.shortNote}
        />
      </Field>
      <button type="submit" className="button button-small button-primary" disabled={saving}>
        {saving ? 'Saving…' : 'Reassign'}
      </button>
      <button type="button" className="button button-small" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
