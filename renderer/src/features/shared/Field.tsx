import { useId, type ReactElement, cloneElement } from 'react';
import { formatLimit } from '../../../../shared/limits';

/**
 * A labelled form control with its error beneath it, tied together for screen readers. `count`
 * shows how much of a long text's limit is used once it is close (a counter rather than a
 * `maxLength`, so text pasted beyond the limit is kept whole for the person to shorten).
 */
export function Field({
  label,
  error,
  hint,
  count,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  count?: { length: number; max: number };
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const near = count !== undefined && count.length > count.max * 0.8;
  const over = count !== undefined && count.length > count.max;
  const describedBy =
    [
      error ? `${id}-error` : null,
      hint && !error ? `${id}-hint` : null,
      near ? `${id}-count` : null,
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div className={`field${error || over ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-invalid': error || over ? true : undefined,
        'aria-describedby': describedBy,
      })}
      {hint && !error && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {near && (
        <span id={`${id}-count`} className={over && !error ? 'error' : 'hint'} aria-live="polite">
          {formatLimit(count.length)} of {formatLimit(count.max)} characters
          {over ? `: shorten it by ${formatLimit(count.length - count.max)}` : ''}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
