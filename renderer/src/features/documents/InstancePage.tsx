import { useEffect, useState, type FormEvent } from 'react';
import { verifyContent } from '../../../../shared/documents/lifecycle';
import { templateVersion } from '../../../../shared/documents/template';
import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import type { TemplateVersion } from '../../../../shared/schema/document-template';
import type { Worker } from '../../../../shared/schema/worker';
import { firstError } from '../../../../shared/result';
import { routes } from '../../../../shared/routes';
import { useAct, useObservable, useServices } from '../shared/services';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { ComplianceBadge } from './ComplianceBadge';
import { SignaturePad } from './SignaturePad';
import { STATUS_LOOK } from './status';
import { useDocuments, useDocumentsState } from './use-documents';
import { workerRoute } from './WorkersPage';
import './documents.css';

/** The body with each {{key}} replaced by the filled value (a blank line while empty). */
function renderBody(body: string, data: Record<string, string>): string {
  return body.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_, key: string) => data[key] || '________');
}

/** A worker's document: the signing form while open, exactly as signed afterwards. */
export function InstancePage({ instanceId }: { instanceId: string }) {
  const { data } = useServices();
  const docs = useDocuments();
  const act = useAct();
  const state = useDocumentsState();
  const instance = useObservable(() => data.instances.watch(instanceId), [data, instanceId]);

  useEffect(() => {
    if (instance?.status === 'required') void act(() => docs.open(instance.id));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docs, instance?.id, instance?.status]);

  if (instance === undefined || !state) return <p className="empty">Loading document…</p>;
  if (instance === null)
    return (
      <p className="empty">
        This document does not exist. <a href="#/documents">Back to documents</a>
      </p>
    );
  const template = state.templates.find((t) => t.id === instance.templateId);
  const version = template && templateVersion(template, instance.templateVersion);
  const worker = state.workers.find((w) => w.id === instance.workerId);
  if (!version || !worker)
    return (
      <p className="empty">
        The template or worker of this document is missing; it may not have synced yet.
      </p>
    );
  const chain = state.instances
    .filter((i) => i.workerId === instance.workerId && i.templateId === instance.templateId)
    .sort((a, b) => b.renewalNumber - a.renewalNumber);
  const look = STATUS_LOOK[instance.status];
  const signed = instance.status === 'completed' || instance.status === 'expired';

  return (
    <section className="page" aria-labelledby="instance-title">
      <header className="page-header no-print">
        <div>
          <p className="crumbs">
            <a href="#/documents">Documents</a> /{' '}
            <a href={`#${workerRoute(worker.id)}`}>{worker.fullName}</a> /
          </p>
          <h1 id="instance-title" className="worker-line">
            {version.name}
            <span className={look.className}>{look.label}</span>
          </h1>
          <p className="subtle">
            Version {version.version}
            {instance.renewalNumber > 0 ? ` · renewal ${instance.renewalNumber}` : ''} ·{' '}
            {worker.fullName} <ComplianceBadge compliance={state.compliance(worker.id)} />
          </p>
        </div>
        {signed && (
          <button type="button" className="button" onClick={() => window.print()}>
            Print / Save as PDF
          </button>
        )}
      </header>
      <div className="two-columns">
        {signed ? (
          <SignedDocument instance={instance} version={version} worker={worker} />
        ) : instance.status === 'required' ? (
          <p className="card empty">Opening…</p>
        ) : (
          <SigningForm instance={instance} version={version} worker={worker} />
        )}
        <div className="card no-print">
          <h2>Renewal chain</h2>
          <ol className="list doc-chain" aria-label="Renewal chain">
            {chain.map((i) => (
              <li key={i.id} aria-current={i.id === instance.id ? 'true' : undefined}>
                <a href={`#${routes.instance(i.id)}`}>
                  <span className="worker-line">
                    <strong>
                      {i.renewalNumber === 0 ? 'First signing' : `Renewal ${i.renewalNumber}`}
                    </strong>
                    <span className={STATUS_LOOK[i.status].className}>
                      {STATUS_LOOK[i.status].label}
                    </span>
                  </span>
                  <span className="subtle">
                    Version {i.templateVersion}
                    {i.signedOn ? ` · signed ${i.signedOn}` : ''}
                    {i.expiresOn ? ` · expires ${i.expiresOn}` : ''}
                  </span>
                </a>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}

function SignedDocument({
  instance,
  version,
  worker,
}: {
  instance: DocumentInstance;
  version: TemplateVersion;
  worker: Worker;
}) {
  const verified = verifyContent(instance, version);
  return (
    <article className="card doc-sheet" aria-label="Signed document">
      <h2 className="doc-sheet-title">{version.name}</h2>
      <p className="doc-body">{renderBody(version.body, instance.data)}</p>
      {version.fields.length > 0 && (
        <dl className="doc-fields">
          {version.fields.map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{instance.data[f.key] || '—'}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="doc-signature">
        {instance.signatureImage && (
          <img src={instance.signatureImage} alt={`Signature of ${instance.signatureName ?? ''}`} />
        )}
        <div>
          <strong>{instance.signatureName}</strong>
          <div className="subtle">
            Signed by {worker.fullName} on {instance.signedOn} ({instance.signedAt})
          </div>
        </div>
      </div>
      <dl className="doc-fields doc-meta">
        <div>
          <dt>Expires</dt>
          <dd>{instance.expiresOn ?? 'Never'}</dd>
        </div>
        {instance.archivedAt && (
          <div>
            <dt>Archived</dt>
            <dd>{instance.archivedAt}</dd>
          </div>
        )}
        <div>
          <dt>SHA-256</dt>
          <dd className="mono doc-hash">{instance.contentHash}</dd>
        </div>
      </dl>
      <p
        className={verified ? 'doc-verified' : 'doc-tampered'}
        role="status"
        aria-label="Hash check"
      >
        {verified
          ? '✓ Content hash verified: this is exactly what was signed.'
          : '✗ The content no longer matches its hash: this document was changed after signing.'}
      </p>
    </article>
  );
}

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
function SigningForm({
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
