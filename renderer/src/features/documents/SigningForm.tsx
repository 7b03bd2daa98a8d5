import { useState, type FormEvent } from 'react';
import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import type { TemplateVersion } from '../../../../shared/schema/document-template';
import type { Worker } from '../../../../shared/schema/worker';
import { firstError } from '../../../../shared/result';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { renderBody } from './document-body';
import { SignaturePad } from './SignaturePad';
import { useDocuments } from './use-documents';
import { LIMITS } from '../../../../shared/limits';

type SignErrors = {
  fields: Record<string, string>;
  name?: string | undefined;
  drawing?: string | undefined;
  form?: string | undefined;
};

/**
 * Fills and signs an open document. Field values, a typed name and a drawing arrive from
 * different controls and errors come back per field key, so it keeps its own state.
 */
export function SigningForm({
  instance,
  version,
  worker,
}: {
  instance: DocumentInstance;
  version: TemplateVersion;
  worker: Worker;
}) {
  const docs = useDocuments();
  const toast = useUi((s) => s.toast);
  const [values, setValues] = useState<Record<string, string>>(instance.data);
  const [signatureName, setSignatureName] = useState('');
  const [signatureImage, setSignatureImage] = useState('');
  const [errors, setErrors] = useState<SignErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);

  async function saveDraft() {
    setBusy(true);
    try {
      const result = await docs.saveDraft(instance.id, values);
      if (result.ok) toast('info', 'Draft saved.');
      else setErrors({ fields: {}, form: firstError(result.errors) });
    } catch (error) {
      toast('error', (error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function sign(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await docs.sign(instance.id, { data: values, signatureName, signatureImage });
      if (result.ok) {
        toast('info', `${version.name} signed.`);
        return;
      }
      const { signatureName: name, signatureImage: drawing, form, ...rest } = result.errors;
      const fields: Record<string, string> = {};
      for (const [key, message] of Object.entries(rest))
        if (message && key.startsWith('data.')) fields[key.slice('data.'.length)] = message;
      setErrors({ fields, name, drawing, form });
    } catch (error) {
      toast('error', (error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={sign} aria-labelledby="sign-title" noValidate>
      <h2 id="sign-title">Review and sign</h2>
      <p className="doc-body">{renderBody(version.body, values)}</p>
      {version.fields.map((f) => (
        <Field
          key={f.key}
          label={f.required ? f.label : `${f.label} (optional)`}
          error={errors.fields[f.key]}
          count={{ length: (values[f.key] ?? '').length, max: LIMITS.fieldValue }}
        >
          <input
            type={f.type === 'number' ? 'text' : f.type}
            inputMode={f.type === 'number' ? 'decimal' : undefined}
            value={values[f.key] ?? ''}
            onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
          />
        </Field>
      ))}
      <Field
        label="Type your full name to sign"
        error={errors.name}
        hint={`As on the profile: ${worker.fullName}`}
      >
        <input
          value={signatureName}
          maxLength={LIMITS.name}
          onChange={(e) => {
            setSignatureName(e.target.value);
            setErrors({ ...errors, name: undefined });
          }}
          autoComplete="off"
        />
      </Field>
      <div className={`field${errors.drawing ? ' field-invalid' : ''}`}>
        <span className="field-label">Draw your signature</span>
        <SignaturePad
          onChange={(image) => {
            setSignatureImage(image);
            setErrors({ ...errors, drawing: undefined });
          }}
          invalid={Boolean(errors.drawing)}
          describedBy={errors.drawing ? 'drawing-error' : undefined}
        />
        {errors.drawing && (
          <span id="drawing-error" className="error" role="alert">
            {errors.drawing}
          </span>
        )}
      </div>
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void saveDraft()}>
          Save draft
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Signing…' : 'Submit and sign'}
        </button>
      </div>
    </form>
  );
}

/**
 * A document submitted but not completed: signing writes both steps at once, so this is seen
 * only when a device stopped in between before it synced. Anyone can complete it as submitted.
 */
export function SubmittedDocument({
  instance,
  version,
}: {
  instance: DocumentInstance;
  version: TemplateVersion;
}) {
  const docs = useDocuments();
  const toast = useUi((s) => s.toast);
  const [busy, setBusy] = useState(false);
  async function complete() {
    setBusy(true);
    try {
      const result = await docs.complete(instance.id);
      if (result.ok) toast('info', `${version.name} signed.`);
      else toast('error', firstError(result.errors));
    } catch (error) {
      toast('error', (error as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="card doc-sheet" aria-label="Submitted document">
      <h2 className="doc-sheet-title">{version.name}</h2>
      <p className="doc-body">{renderBody(version.body, instance.data)}</p>
      <p>
        Submitted by <strong>{instance.signatureName}</strong> on{' '}
        {instance.submittedAt?.slice(0, 10)}; the signature is not recorded yet.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void complete()}
        >
          {busy ? 'Completing…' : 'Complete signing'}
        </button>
      </div>
    </div>
  );
}
