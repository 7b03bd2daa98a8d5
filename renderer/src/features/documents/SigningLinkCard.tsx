import { useState } from 'react';
import { SIGNING_LINK_DAYS } from '../../../../shared/documents/signing-link';
import { firstError } from '../../../../shared/result';
import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import type { Worker } from '../../../../shared/schema/worker';
import { useUi } from '../../store/ui-store';
import { useObservable, useServices } from '../shared/services';

type Made = { url: string; expiresAt: string; copied: boolean };

/**
 * For an office admin on a device connected to the office server: a single-use link the worker
 * opens in any browser to sign this document, copied to the clipboard and shown (a page on a
 * plain-http office address has no clipboard). Nothing shows elsewhere, or once it is signed.
 */
export function SigningLinkCard({
  instance,
  worker,
}: {
  instance: DocumentInstance;
  worker: Worker;
}) {
  const { sync } = useServices();
  const connection = useObservable(() => sync.connection$, [sync]);
  const toast = useUi((s) => s.toast);
  const [made, setMade] = useState<Made | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const admin = connection?.role === 'admin' ? sync.admin() : null;
  const waiting = instance.status === 'required' || instance.status === 'draft';
  if (!admin || !waiting || !worker.active) return null;

  async function make() {
    setBusy(true);
    const result = await admin!.signingLink(instance.id);
    setBusy(false);
    if (!result.ok) return setError(firstError(result.errors));
    setError(undefined);
    const copied = await navigator.clipboard
      ?.writeText(result.value.url)
      .then(() => true)
      .catch(() => false);
    setMade({ ...result.value, copied: copied === true });
    if (copied) toast('info', `Signing link for ${worker.fullName} copied.`);
  }

  const until = made
    ? new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(new Date(made.expiresAt))
    : null;
  return (
    <section className="card doc-next no-print" aria-labelledby="signing-link-title">
      <h2 id="signing-link-title">Signing link</h2>
      <p className="subtle">
        A link {worker.fullName} opens on any phone or computer to sign this document, without the
        app. It works once, for {SIGNING_LINK_DAYS} days.
      </p>
      <button type="button" className="button" disabled={busy} onClick={() => void make()}>
        {busy ? 'Making a link…' : made ? 'Copy a new signing link' : 'Copy signing link'}
      </button>
      {made && (
        <div className="field signing-link-field">
          <label htmlFor="signing-link-url">Signing link for {worker.fullName}</label>
          <input
            id="signing-link-url"
            readOnly
            value={made.url}
            onFocus={(event) => event.currentTarget.select()}
            aria-describedby="signing-link-hint"
          />
          <span id="signing-link-hint" className="hint">
            {made.copied ? 'Copied. ' : 'Select it and copy it. '}Send it to {worker.fullName} only:
            it signs as them, once, until {until}.
          </span>
        </div>
      )}
      {error && (
        <p className="error signing-link-field" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
