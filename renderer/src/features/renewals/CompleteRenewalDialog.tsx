import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CompletionOffer, NextRenewal } from '../../../../shared/renewals/completion';
import { serviceTypeLabel } from '../../../../shared/renewals/service-types';
import type { FieldErrors } from '../../../../shared/result';
import { routes } from '../../../../shared/routes';
import type { Renewal } from '../../../../shared/schema/renewal';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useServices } from '../shared/services';
import './renewals.css';
import { LIMITS } from '../../../../shared/limits';

type Form = { dueDate: string; number: string; expiresOn: string; noNext: boolean };

/**
 * Completing a renewal asks what comes next, so the next expiry is never lost: the next due
 * date (suggested by the repeat rule), the new permit's number and expiry for a permit, or an
 * explicit "nothing follows". A policy kept in NoLapse is renewed on its own page instead.
 */
export function CompleteRenewalDialog({
  renewal,
  customerName,
  onClose,
}: {
  renewal: Renewal;
  customerName: string;
  onClose(): void;
}) {
  const { jobs } = useServices();
  const toast = useUi((s) => s.toast);
  const navigate = useUi((s) => s.navigate);
  const dialog = useRef<HTMLDialogElement>(null);
  const [offer, setOffer] = useState<CompletionOffer | null>(null);
  const [form, setForm] = useState<Form>({ dueDate: '', number: '', expiresOn: '', noNext: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
    let live = true;
    void jobs.renewals.completionOffer(renewal.id).then((result) => {
      if (!live) return;
      if (!result.ok) {
        toast('error', result.errors.form ?? 'This renewal cannot be completed now.');
        close.current();
        return;
      }
      const offered = result.value;
      setOffer(offered);
      const suggested =
        offered.kind === 'date'
          ? { dueDate: offered.suggestedDueDate ?? '' }
          : offered.kind === 'permit'
            ? { expiresOn: offered.suggestedExpiry ?? '' }
            : {};
      setForm((f) => ({ ...f, ...suggested }));
    });
    return () => {
      live = false;
    };
  }, [jobs, renewal.id, toast]);

  const service = serviceTypeLabel(renewal.serviceType);
  const set = (key: keyof Form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!offer || offer.kind === 'policy') return;
    const next: NextRenewal = form.noNext
      ? { kind: 'none' }
      : offer.kind === 'permit'
        ? { kind: 'permit', number: form.number, expiresOn: form.expiresOn }
        : { kind: 'date', dueDate: form.dueDate };
    setSaving(true);
    try {
      const result = await jobs.renewals.completeRenewal(renewal.id, next);
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      const { next: created } = result.value;
      toast(
        'info',
        `Completed: ${service} for ${customerName}.${created ? ` Next renewal due ${created.dueDate}.` : ' Nothing follows.'}`,
      );
      onClose();
    } catch (error) {
      setErrors({ form: (error as Error).message });
    } finally {
      setSaving(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      className="complete-dialog"
      aria-labelledby="complete-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <form method="dialog" onSubmit={submit} noValidate className="form">
        <h2 id="complete-title">
          Complete {service.toLowerCase()} for {customerName}
        </h2>
        <p className="subtle">Due {renewal.dueDate}. What comes next?</p>
        {!offer ? (
          <p className="empty">Loading…</p>
        ) : offer.kind === 'policy' ? (
          <>
            <p>
              This renewal is for a policy kept in NoLapse. Renew the policy on its page: issuing
              its renewal completes this item and adds the next one.
            </p>
            <div className="actions">
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  onClose();
                  navigate(routes.policy(offer.policyId));
                }}
              >
                Open the policy
              </button>
              <button type="button" className="button" onClick={onClose}>
                Close
              </button>
            </div>
          </>
        ) : (
          <>
            <fieldset disabled={form.noNext}>
              {offer.kind === 'permit' ? (
                <>
                  <legend>
                    The new {offer.permit.kind === 'RESIDENCE_PERMIT' ? 'residence' : 'work'} permit
                    (replaces {offer.permit.number})
                  </legend>
                  <div className="row">
                    <Field label="New permit number" error={errors.number}>
                      <input
                        value={form.number}
                        onChange={set('number')}
                        autoComplete="off"
                        maxLength={LIMITS.number}
                      />
                    </Field>
                    <Field label="New expiry" error={errors.expiresOn} hint="YYYY-MM-DD">
                      <input
                        value={form.expiresOn}
                        onChange={set('expiresOn')}
                        placeholder="2028-03-15"
                        autoComplete="off"
                      />
                    </Field>
                  </div>
                </>
              ) : (
                <>
                  <legend>The next renewal</legend>
                  <Field
                    label="Next due date"
                    error={errors.dueDate}
                    hint={
                      offer.suggestedDueDate
                        ? `From its repeat rule; change it if the new expiry differs`
                        : 'The new expiry, YYYY-MM-DD'
                    }
                  >
                    <input
                      value={form.dueDate}
                      onChange={set('dueDate')}
                      placeholder="2027-03-15"
                      autoComplete="off"
                    />
                  </Field>
                </>
              )}
            </fieldset>
            <label className="check">
              <input
                type="checkbox"
                checked={form.noNext}
                onChange={(e) => setForm({ ...form, noNext: e.target.checked })}
              />
              No next renewal: nothing follows this one
            </label>
            {errors.form && (
              <p className="error" role="alert">
                {errors.form}
              </p>
            )}
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={saving}>
                {saving ? 'Completing…' : 'Complete'}
              </button>
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
            </div>
          </>
        )}
      </form>
    </dialog>
  );
}
