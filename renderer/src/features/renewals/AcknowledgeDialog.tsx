import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { isInProgress, isSnoozed } from '../../../../shared/renewals/acknowledge';
import { serviceTypeLabel } from '../../../../shared/renewals/service-types';
import type { FieldErrors, Result } from '../../../../shared/result';
import type { Renewal } from '../../../../shared/schema/renewal';
import { addDays, addMonthsClamped } from '../../../../shared/time';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useServices, useToday } from '../shared/services';
import './renewals.css';
import { LIMITS } from '../../../../shared/limits';

/** What the dialog does: snooze a renewal's reminders, or mark it in progress. */
export type Acknowledgement = 'snooze' | 'in-progress';

/**
 * "Handled for now", from the queue or the customer page: snooze a renewal's reminders until a
 * day, or mark it in progress with a note. Either pauses its reminders and its escalation; the
 * dialog also clears what is set. What was typed stays in the form when a check refuses it.
 */
export function AcknowledgeDialog({
  kind,
  renewal,
  customerName,
  onClose,
}: {
  kind: Acknowledgement;
  renewal: Renewal;
  customerName: string;
  onClose(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const service = serviceTypeLabel(renewal.serviceType);
  const titleId = `ack-title-${kind}`;
  return (
    <dialog
      ref={dialog}
      className="complete-dialog ack-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={onClose}
    >
      {kind === 'snooze' ? (
        <SnoozeForm
          renewal={renewal}
          heading={
            <h2 id={titleId}>
              Snooze {service.toLowerCase()} for {customerName}
            </h2>
          }
          onClose={onClose}
        />
      ) : (
        <InProgressForm
          renewal={renewal}
          heading={
            <h2 id={titleId}>
              Mark {service.toLowerCase()} for {customerName} in progress
            </h2>
          }
          onClose={onClose}
        />
      )}
    </dialog>
  );
}

/** Runs an operation from the dialog: closes on success with a toast, keeps the form on refusal. */
function useSubmit(onClose: () => void) {
  const toast = useUi((s) => s.toast);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  async function run<V>(operation: () => Promise<Result<V>>, message: string) {
    setSaving(true);
    try {
      const result = await operation();
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      toast('info', message);
      onClose();
    } catch (error) {
      setErrors({ form: (error as Error).message });
    } finally {
      setSaving(false);
    }
  }
  return { errors, saving, run };
}

function SnoozeForm({
  renewal,
  heading,
  onClose,
}: {
  renewal: Renewal;
  heading: ReactNode;
  onClose(): void;
}) {
  const { jobs } = useServices();
  const today = useToday();
  const [until, setUntil] = useState(renewal.snoozedUntil ?? '');
  const [note, setNote] = useState(renewal.snoozeNote ?? '');
  const { errors, saving, run } = useSubmit(onClose);
  const snoozed = today !== undefined && isSnoozed(renewal, today);
  const presets = today
    ? [
        { label: '1 week', until: addDays(today, 7) },
        { label: '2 weeks', until: addDays(today, 14) },
        { label: '1 month', until: addMonthsClamped(today, 1) },
      ]
    : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(
      () => jobs.renewals.snooze(renewal.id, { until, note }),
      `Reminders snoozed until ${until.trim()}.`,
    );
  }

  return (
    <form method="dialog" onSubmit={submit} noValidate className="form">
      {heading}
      <p className="subtle">
        Due {renewal.dueDate}. Its reminders and escalation wait until the day you choose; an alert
        that comes meanwhile arrives then.
      </p>
      {snoozed && (
        <p className="ack-current">
          Snoozed until <strong>{renewal.snoozedUntil}</strong>
          {renewal.snoozeNote ? ` — “${renewal.snoozeNote}”` : ''}
        </p>
      )}
      <div className="ack-presets" role="group" aria-label="Snooze for">
        {presets.map((p) => (
          <button
            key={p.label}
            type="button"
            className="button button-small"
            aria-pressed={until === p.until}
            onClick={() => setUntil(p.until)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <Field label="Resume reminders on" error={errors.until} hint="YYYY-MM-DD, within a year">
        <input
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          placeholder={presets[0]?.until ?? '2026-03-15'}
          autoComplete="off"
        />
      </Field>
      <Field label="Note (optional)" error={errors.note}>
        <input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="Client abroad until March"
          autoComplete="off"
          maxLength={LIMITS.shortNote}
        />
      </Field>
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {snoozed ? 'Change snooze' : 'Snooze'}
        </button>
        {snoozed && (
          <button
            type="button"
            className="button"
            disabled={saving}
            onClick={() =>
              void run(
                () => jobs.renewals.clearSnooze(renewal.id),
                'Snooze cleared: reminders resumed.',
              )
            }
          >
            Clear snooze
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function InProgressForm({
  renewal,
  heading,
  onClose,
}: {
  renewal: Renewal;
  heading: ReactNode;
  onClose(): void;
}) {
  const { jobs } = useServices();
  const me = useUi((s) => s.me);
  const [note, setNote] = useState(renewal.inProgressNote ?? '');
  const { errors, saving, run } = useSubmit(onClose);
  const marked = isInProgress(renewal);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(
      () => jobs.renewals.markInProgress(renewal.id, { note, by: me ?? '' }),
      marked ? 'Note saved; it stays in progress.' : 'Marked in progress: its reminders pause.',
    );
  }

  return (
    <form method="dialog" onSubmit={submit} noValidate className="form">
      {heading}
      <p className="subtle">
        Due {renewal.dueDate}. Its reminders and escalation pause while it is in progress; it still
        turns overdue on its due date.
      </p>
      {marked && renewal.inProgressSince && (
        <p className="ack-current">
          In progress since <strong>{renewal.inProgressSince.slice(0, 10)}</strong>
        </p>
      )}
      <Field
        label="What is under way"
        error={errors.note}
        hint="For example: application filed on 3 March, quote sent to the insurer"
        count={{ length: note.length, max: LIMITS.shortNote }}
      >
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
      </Field>
      {(errors.form ?? errors.by) && (
        <p className="error" role="alert">
          {errors.form ?? errors.by}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {marked ? 'Save note' : 'Mark in progress'}
        </button>
        {marked && (
          <button
            type="button"
            className="button"
            disabled={saving}
            onClick={() =>
              void run(
                () => jobs.renewals.clearInProgress(renewal.id),
                'No longer in progress: reminders resumed.',
              )
            }
          >
            Clear in progress
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
