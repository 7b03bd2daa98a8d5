import { useState } from 'react';
import { canRenewEarly } from '../../../../shared/documents/renew-early';
import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import type { DocumentTemplate } from '../../../../shared/schema/document-template';
import type { Worker } from '../../../../shared/schema/worker';
import { useUi } from '../../store/ui-store';
import { useAct } from '../shared/services';
import { useDocuments } from './use-documents';

/**
 * What can happen next to a signed document: start its renewal early (from the first reminder),
 * follow the renewal already started, or (office only) re-issue a one-time document after a
 * confirmation. `linkTo` says where an instance opens: the office page or the worker view.
 */
export function RenewalActions({
  instance,
  chain,
  template,
  worker,
  today,
  linkTo,
  office,
}: {
  instance: DocumentInstance;
  chain: readonly DocumentInstance[];
  template: DocumentTemplate;
  worker: Worker;
  today: string;
  linkTo(instanceId: string): string;
  office: boolean;
}) {
  const docs = useDocuments();
  const act = useAct();
  const navigate = useUi((s) => s.navigate);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (instance.status !== 'completed') return null;
  const renewal = chain.find((i) => i.previousInstanceId === instance.id);
  const name = template.name;

  if (!instance.expiresOn) {
    if (!office || renewal) return null;
    const reissue = async () => {
      setBusy(true);
      const result = await act(() => docs.assign(template.id, [worker.id], { reissue: true }));
      setBusy(false);
      const [outcome] = result?.ok ? result.value : [];
      if (outcome?.ok && outcome.instanceId) navigate(linkTo(outcome.instanceId));
      else if (outcome) useUi.getState().toast('error', outcome.message);
    };
    return (
      <section className="card doc-next no-print" aria-label="Re-issue">
        <h2>Never expires</h2>
        {!confirming ? (
          <>
            <p className="subtle">
              A one-time document is not renewed. If {worker.fullName} must sign it again (new
              terms, lost consent), re-issue it.
            </p>
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              Re-issue…
            </button>
          </>
        ) : (
          <div role="alertdialog" aria-label="Confirm re-issue" className="doc-confirm">
            <p>
              <strong>
                Re-issue “{name}” to {worker.fullName}?
              </strong>{' '}
              The copy signed on {instance.signedOn} stays on file unchanged; a new copy from the
              latest version is added for them to sign.
            </p>
            <div className="actions">
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => void reissue()}
              >
                {busy ? 'Re-issuing…' : 'Re-issue'}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        )}
      </section>
    );
  }

  if (renewal) {
    const signed = renewal.status === 'completed' || renewal.status === 'expired';
    return (
      <section className="card doc-next no-print" aria-label="Renewal">
        <h2>{signed ? 'Renewed' : 'Renewal started'}</h2>
        <p className="subtle">
          {signed
            ? `The renewal was signed on ${renewal.signedOn}. This copy stays valid until ${instance.expiresOn} and is then archived; no more reminders.`
            : `The renewal waits to be reviewed and signed. Until then reminders continue; this copy stays valid until ${instance.expiresOn}.`}
        </p>
        <a className="button" href={`#${linkTo(renewal.id)}`}>
          {signed ? 'Open the renewal' : 'Review and sign the renewal'}
        </a>
      </section>
    );
  }

  const blocker = canRenewEarly({ instance, template, worker, instances: chain, today });
  const renew = async () => {
    setBusy(true);
    const result = await act(
      () => docs.renewEarly(instance.id),
      () => `Renewal of ${name} started: review and sign it.`,
    );
    setBusy(false);
    if (result?.ok) navigate(linkTo(result.value.id));
  };
  return (
    <section className="card doc-next no-print" aria-label="Renewal">
      <h2>Renewal</h2>
      <p className="subtle" id="renew-early-why">
        {blocker ??
          `Renew now to sign the latest version before it expires; this copy stays valid until ${instance.expiresOn}.`}
      </p>
      <button
        type="button"
        className="button button-primary"
        disabled={blocker !== null || busy}
        aria-describedby="renew-early-why"
        onClick={() => void renew()}
      >
        {busy ? 'Starting…' : 'Renew early'}
      </button>
    </section>
  );
}
