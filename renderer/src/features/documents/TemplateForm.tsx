import { useState, type FormEvent } from 'react';
import { blockedFrom, computeExpiry, reminderDates } from '../../../../shared/documents/expiry';
import {
  MONTH_NAMES,
  validateTemplateDraft,
  type TemplateDraft,
  describeTemplatePath,
} from '../../../../shared/documents/template';
import type { FieldType, RenewalModel } from '../../../../shared/schema/document-template';
import { addDays, isLocalDate } from '../../../../shared/time';
import { PROFILE_KEYS } from '../../../../shared/documents/worker-input';
import type { TemplateSaved } from '../../../../shared/jobs';
import type { FieldErrors, Result } from '../../../../shared/result';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { LIMITS } from '../../../../shared/limits';

type FieldRow = {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  profileKey: string;
};

type TemplateFormState = {
  name: string;
  body: string;
  fields: FieldRow[];
  kind: RenewalModel['kind'];
  renewalMonth: string;
  renewalDay: string;
  renewalDurationMonths: string;
  reminders: string;
  overdueEveryDays: string;
  gracePeriodDays: string;
  blocking: boolean;
};

const EMPTY: TemplateFormState = {
  name: '',
  body: '',
  fields: [],
  kind: 'signature',
  renewalMonth: '12',
  renewalDay: '31',
  renewalDurationMonths: '12',
  reminders: '30, 14, 7, 1',
  overdueEveryDays: '7',
  gracePeriodDays: '0',
  blocking: false,
};

const PROFILE_LABELS: Record<(typeof PROFILE_KEYS)[number], string> = {
  fullName: 'Full name',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  taxId: 'Tax ID',
};

/** A field key from its label: "Tax ID" → "taxId", "Start date" → "startDate". */
function keyFrom(label: string): string {
  const words = label
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  const key = words
    .map((w, i) =>
      i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase(),
    )
    .join('');
  return /^[A-Za-z]/.test(key) ? key : '';
}

/** An empty text field becomes "missing", anything else a number (NaN is reported as not whole). */
function numberOrMissing(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim());
}

function modelOf(form: TemplateFormState): unknown {
  switch (form.kind) {
    case 'none':
      return { kind: 'none' };
    case 'calendar':
      return {
        kind: 'calendar',
        renewalMonth: numberOrMissing(form.renewalMonth),
        renewalDay: numberOrMissing(form.renewalDay),
      };
    case 'signature':
      return {
        kind: 'signature',
        renewalDurationMonths: numberOrMissing(form.renewalDurationMonths),
      };
  }
}

function draftInput(form: TemplateFormState): unknown {
  return {
    name: form.name,
    body: form.body,
    fields: form.fields.map((f) => ({ ...f, profileKey: f.profileKey || undefined })),
    renewalModel: modelOf(form),
    reminderDaysBefore: form.reminders
      .split(/[,\s]+/)
      .filter(Boolean)
      .map((d) => Number(d)),
    gracePeriodDays: numberOrMissing(form.gracePeriodDays) ?? 0,
    blocking: form.blocking,
    overdueReminderEveryDays: numberOrMissing(form.overdueEveryDays),
  };
}

export function formOf(draft: TemplateDraft): TemplateFormState {
  const model = draft.renewalModel;
  return {
    name: draft.name,
    body: draft.body,
    fields: draft.fields.map((f) => ({ ...f, profileKey: f.profileKey ?? '' })),
    kind: model.kind,
    renewalMonth: model.kind === 'calendar' ? String(model.renewalMonth) : EMPTY.renewalMonth,
    renewalDay: model.kind === 'calendar' ? String(model.renewalDay) : EMPTY.renewalDay,
    renewalDurationMonths:
      model.kind === 'signature'
        ? String(model.renewalDurationMonths)
        : EMPTY.renewalDurationMonths,
    reminders: draft.reminderDaysBefore.join(', '),
    overdueEveryDays: String(draft.overdueReminderEveryDays),
    gracePeriodDays: String(draft.gracePeriodDays),
    blocking: draft.blocking,
  };
}

/**
 * Creates a template or saves an edit as a new version; errors sit beside what they concern.
 * Its state is a list of field rows, so it keeps its own instead of useEntryForm's flat fields.
 */
export function TemplateForm({
  title,
  submitLabel,
  initial,
  today,
  onSave,
}: {
  title: string;
  submitLabel: string;
  initial?: TemplateFormState;
  today: string;
  onSave(draft: unknown): Promise<Result<TemplateSaved>>;
}) {
  const toast = useUi((s) => s.toast);
  const [form, setForm] = useState<TemplateFormState>(initial ?? EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [sampleDate, setSampleDate] = useState(today);
  const errorAt = (path: string) => errors[path];
  const errorUnder = (prefix: string) =>
    Object.entries(errors).find(([path]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];
  const set =
    <K extends keyof TemplateFormState>(key: K) =>
    (value: TemplateFormState[K]) =>
      setForm({ ...form, [key]: value });
  const setField = (index: number, patch: Partial<FieldRow>) =>
    setForm({ ...form, fields: form.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      const result = await onSave(draftInput(form));
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
  const modelError =
    errorAt('renewalModel') ??
    errorAt('renewalModel.renewalMonth') ??
    errorAt('renewalModel.renewalDay') ??
    errorAt('renewalModel.renewalDurationMonths');
  const shownFieldErrors = new Set(
    form.fields.flatMap((_, i) => ['key', 'label', 'type'].map((leaf) => `fields.${i}.${leaf}`)),
  );
  const otherErrors = Object.entries(errors)
    .filter(
      ([path]) =>
        !['name', 'body', 'gracePeriodDays', 'overdueReminderEveryDays'].includes(path) &&
        !path.startsWith('renewalModel') &&
        !path.startsWith('reminderDaysBefore') &&
        !shownFieldErrors.has(path),
    )
    .map(([path, message]) => ({
      path,
      message,
      where: describeTemplatePath(path, draftInput(form)),
    }));

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={id} noValidate>
      <h2 id={id}>{title}</h2>
      <Field label="Document name" error={errorAt('name')}>
        <input
          value={form.name}
          onChange={(e) => set('name')(e.target.value)}
          autoComplete="off"
          maxLength={LIMITS.name}
        />
      </Field>
      <fieldset>
        <legend>Fields</legend>
        {form.fields.length === 0 && (
          <p className="hint">No fields yet. Fields are filled in by the worker before signing.</p>
        )}
        {form.fields.map((f, i) => (
          <div key={i} className="template-field" role="group" aria-label={`Field ${i + 1}`}>
            <Field label="Label" error={errorAt(`fields.${i}.label`)}>
              <input
                maxLength={LIMITS.name}
                value={f.label}
                onChange={(e) =>
                  setField(i, {
                    label: e.target.value,
                    ...(f.key === '' || f.key === keyFrom(f.label)
                      ? { key: keyFrom(e.target.value) }
                      : {}),
                  })
                }
              />
            </Field>
            <Field label="Key" error={errorAt(`fields.${i}.key`)}>
              <input
                value={f.key}
                onChange={(e) => setField(i, { key: e.target.value })}
                maxLength={64}
              />
            </Field>
            <Field label="Type" error={errorAt(`fields.${i}.type`)}>
              <select
                value={f.type}
                onChange={(e) => setField(i, { type: e.target.value as FieldType })}
              >
                <option value="text">Text</option>
                <option value="date">Date</option>
                <option value="email">Email</option>
                <option value="number">Number</option>
              </select>
            </Field>
            <Field label="Pre-fill from">
              <select
                value={f.profileKey}
                onChange={(e) => setField(i, { profileKey: e.target.value })}
              >
                <option value="">Nothing</option>
                {PROFILE_KEYS.map((k) => (
                  <option key={k} value={k}>
                    {PROFILE_LABELS[k]}
                  </option>
                ))}
              </select>
            </Field>
            <label className="check">
              <input
                type="checkbox"
                checked={f.required}
                onChange={(e) => setField(i, { required: e.target.checked })}
              />
              Required
            </label>
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove field ${i + 1}`}
              onClick={() => setForm({ ...form, fields: form.fields.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            setForm({
              ...form,
              fields: [
                ...form.fields,
                { key: '', label: '', type: 'text', required: true, profileKey: '' },
              ],
            })
          }
        >
          + Add field
        </button>
      </fieldset>
      <Field
        label="Document text"
        error={errorAt('body')}
        hint="Write {{key}} where a field's value goes, e.g. {{taxId}}."
        count={{ length: form.body.length, max: LIMITS.templateBody }}
      >
        <textarea rows={4} value={form.body} onChange={(e) => set('body')(e.target.value)} />
      </Field>
      <fieldset>
        <legend>Renewal</legend>
        <Field label="Renewal model" error={errorAt('renewalModel')}>
          <select
            value={form.kind}
            onChange={(e) => set('kind')(e.target.value as RenewalModel['kind'])}
          >
            <option value="none">None: never expires</option>
            <option value="calendar">Calendar: every year on a fixed date</option>
            <option value="signature">Signature: a number of months after signing</option>
          </select>
        </Field>
        {form.kind === 'calendar' && (
          <div className="row">
            <Field label="Renewal month" error={errorAt('renewalModel.renewalMonth')}>
              <select
                value={form.renewalMonth}
                onChange={(e) => set('renewalMonth')(e.target.value)}
              >
                {MONTH_NAMES.map((m, i) => (
                  <option key={m} value={String(i + 1)}>
                    {m}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Renewal day" error={errorAt('renewalModel.renewalDay')}>
              <input
                inputMode="numeric"
                value={form.renewalDay}
                onChange={(e) => set('renewalDay')(e.target.value)}
              />
            </Field>
          </div>
        )}
        {form.kind === 'signature' && (
          <Field
            label="Months valid after signing"
            error={errorAt('renewalModel.renewalDurationMonths')}
          >
            <input
              inputMode="numeric"
              value={form.renewalDurationMonths}
              onChange={(e) => set('renewalDurationMonths')(e.target.value)}
            />
          </Field>
        )}
        <div className="row">
          <Field
            label="Reminders (days before expiry)"
            error={errorUnder('reminderDaysBefore')}
            hint="Comma-separated, e.g. 30, 14, 7, 1"
          >
            <input value={form.reminders} onChange={(e) => set('reminders')(e.target.value)} />
          </Field>
          <Field label="Grace period (days)" error={errorAt('gracePeriodDays')}>
            <input
              inputMode="numeric"
              value={form.gracePeriodDays}
              onChange={(e) => set('gracePeriodDays')(e.target.value)}
            />
          </Field>
        </div>
        {form.kind !== 'none' && (
          <Field
            label="After expiry, remind every (days)"
            error={errorAt('overdueReminderEveryDays')}
            hint="Until the renewal is signed; the first reminder goes out on the expiry day."
          >
            <input
              inputMode="numeric"
              value={form.overdueEveryDays}
              onChange={(e) => set('overdueEveryDays')(e.target.value)}
            />
          </Field>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={form.blocking}
            onChange={(e) => set('blocking')(e.target.checked)}
          />
          Blocking: after the grace period the worker cannot be assigned jobs
        </label>
        <ExpiryPreview
          form={form}
          sampleDate={sampleDate}
          onSampleDate={setSampleDate}
          modelError={modelError}
        />
      </fieldset>
      {otherErrors.map((e) => (
        <p key={e.path} className="error" role="alert">
          {e.where}: {e.message}
        </p>
      ))}
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}

/** What the renewal settings mean for a sample signing date, recomputed as the admin types. */
function ExpiryPreview({
  form,
  sampleDate,
  onSampleDate,
  modelError,
}: {
  form: TemplateFormState;
  sampleDate: string;
  onSampleDate(date: string): void;
  modelError: string | undefined;
}) {
  const check = validateTemplateDraft({
    ...(draftInput(form) as object),
    name: 'preview',
    fields: [],
    body: '',
  });
  let text: string;
  if (!isLocalDate(sampleDate)) text = 'Enter a sample signing date as YYYY-MM-DD.';
  else if (!check.ok)
    text = check.errors[0]?.message ?? modelError ?? 'Check the renewal settings.';
  else {
    const {
      renewalModel,
      reminderDaysBefore,
      gracePeriodDays,
      blocking,
      overdueReminderEveryDays,
    } = check.draft;
    const expiry = computeExpiry(renewalModel, sampleDate);
    text = expiry
      ? `Signed on ${sampleDate}, it expires on ${expiry}. Reminders on ${reminderDates(expiry, reminderDaysBefore).join(', ') || 'no dates'}, then every ${overdueReminderEveryDays === 1 ? 'day' : `${overdueReminderEveryDays} days`} after expiry until renewed. ` +
        (gracePeriodDays > 0
          ? `Grace from ${expiry} to ${addDays(blockedFrom(expiry, gracePeriodDays), -1)}; `
          : '') +
        (blocking
          ? `${gracePeriodDays > 0 ? 'b' : 'B'}locked from job assignment from ${blockedFrom(expiry, gracePeriodDays)}.`
          : gracePeriodDays > 0
            ? 'not blocking.'
            : 'Not blocking.')
      : `Signed on ${sampleDate}, it never expires and sends no reminders.`;
  }
  return (
    <div className="expiry-preview">
      <Field label="Sample signing date">
        <input type="date" value={sampleDate} onChange={(e) => onSampleDate(e.target.value)} />
      </Field>
      <p role="status" aria-label="Expiry preview">
        {text}
      </p>
    </div>
  );
}
