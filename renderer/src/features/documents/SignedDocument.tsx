import { verifyContent } from '../../../../shared/documents/lifecycle';
import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import type { TemplateVersion } from '../../../../shared/schema/document-template';
import type { Worker } from '../../../../shared/schema/worker';
import { renderBody } from './document-body';

/** A signed (or archived) document exactly as signed, with its hash check; printable. */
export function SignedDocument({
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
