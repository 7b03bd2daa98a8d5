import { useState } from 'react';
import { DEFAULT_ESCALATE_AFTER_DAYS } from '../../../../shared/office';
import { Field } from '../shared/Field';

/**
 * The office's escalation delay, in days. It keeps the text as typed, so "3.5" or "abc" stays
 * in the box beside its error; empty means the default.
 */
export function EscalationField({
  value,
  error,
  onChange,
}: {
  value: number | undefined;
  error: string | undefined;
  onChange(days: number | undefined): void;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  return (
    <Field
      label="Escalate after (days)"
      error={error}
      hint={`An URGENT task or an OVERDUE renewal nobody acknowledged for this many days goes to the supervisors; empty means ${DEFAULT_ESCALATE_AFTER_DAYS}`}
    >
      <input
        inputMode="numeric"
        value={text}
        placeholder={String(DEFAULT_ESCALATE_AFTER_DAYS)}
        onChange={(e) => {
          setText(e.target.value);
          const typed = e.target.value.trim();
          onChange(typed === '' ? undefined : Number(typed));
        }}
      />
    </Field>
  );
}
