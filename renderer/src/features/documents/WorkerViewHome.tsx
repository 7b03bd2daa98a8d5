import { useState } from 'react';
import type { ComplianceReason } from '../../../../shared/documents/sweep';
import { canRenewEarly } from '../../../../shared/documents/renew-early';
import { isUnsigned, latestOfChain } from '../../../../shared/documents/lifecycle';
import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import { diffDays } from '../../../../shared/time';
import { useUi } from '../../store/ui-store';
import { useAct } from '../shared/services';
import { useDocuments } from './use-documents';
import { workerViewRoute, type WorkerViewState } from './worker-view-route';

function inDays(today: string, date: string): string {
  const days = diffDays(today, date);
  return days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}

/** The worker's start page: banners, documents to sign, renewals to start, signed documents. */
export function WorkerViewHome({
  state,
  banners,
}: {
  state: WorkerViewState;
  banners: { reason: ComplianceReason; text: string }[];
}) {
  const { worker, instances, templates, today } = state;
  const docs = useDocuments();
  const act = useAct();
  const navigate = useUi((s) => s.navigate);
  const [busy, setBusy] = useState<string | null>(null);
  const nameOf = (i: DocumentInstance) =>
    templates.find((t) => t.id === i.templateId)?.name ?? 'Document';
  const byName = (a: DocumentInstance, b: DocumentInstance) => nameOf(a).localeCompare(nameOf(b));
  const byId = new Map(instances.map((i) => [i.id, i]));

  const toSign = instances.filter(isUnsigned).sort(byName);
  const signed = templates
    .map((t) =>
      latestOfChain(instances.filter((i) => i.templateId === t.id && i.status === 'completed')),
    )
    .filter((i): i is DocumentInstance => i !== undefined)
    .sort(byName);
  const renewable = signed.filter((i) => {
    const template = templates.find((t) => t.id === i.templateId)!;
    return canRenewEarly({ instance: i, template, worker, instances, today }) === null;
  });

  async function renew(instance: DocumentInstance) {
    setBusy(instance.id);
    const result = await act(() => docs.renewEarly(instance.id));
    setBusy(null);
    if (result?.ok) navigate(workerViewRoute(worker.id, result.value.id));
  }

  const open = (i: DocumentInstance) => `#${workerViewRoute(worker.id, i.id)}`;
  return (
    <section aria-labelledby="kiosk-title" className="kiosk-home">
      <h1 id="kiosk-title">Hello, {worker.fullName}</h1>
      {banners.map(({ reason, text }) => (
        <div
          key={reason.templateId}
          role="alert"
          className={`doc-banner doc-banner-${reason.state}`}
        >
          <strong>{text}</strong>
        </div>
      ))}

      <div className="card">
        <h2>To sign</h2>
        {toSign.length === 0 ? (
          <p className="empty">Nothing to sign. Thank you!</p>
        ) : (
          <ul className="list kiosk-list" aria-label="Documents to sign">
            {toSign.map((i) => {
              const previous = i.previousInstanceId ? byId.get(i.previousInstanceId) : undefined;
              return (
                <li key={i.id} className="kiosk-item">
                  <span>
                    <strong>{nameOf(i)}</strong>
                    <span className="subtle">
                      {previous?.expiresOn
                        ? previous.expiresOn <= today
                          ? `Renewal: your previous one expired on ${previous.expiresOn}.`
                          : `Renewal: your current one is valid until ${previous.expiresOn}.`
                        : i.status === 'draft'
                          ? 'Started; your answers are saved.'
                          : 'New: please review and sign.'}
                    </span>
                  </span>
                  <a className="button button-primary" href={open(i)}>
                    Review and sign
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      </div>

      {renewable.length > 0 && (
        <div className="card">
          <h2>Ready to renew</h2>
          <ul className="list kiosk-list" aria-label="Documents to renew">
            {renewable.map((i) => (
              <li key={i.id} className="kiosk-item">
                <span>
                  <strong>{nameOf(i)}</strong>
                  <span className="subtle">
                    Expires on {i.expiresOn} ({inDays(today, i.expiresOn!)}). Renew now to stay
                    covered.
                  </span>
                </span>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy !== null}
                  aria-label={`Renew ${nameOf(i)} now`}
                  onClick={() => void renew(i)}
                >
                  {busy === i.id ? 'Starting…' : 'Renew now'}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="card">
        <h2>Signed</h2>
        {signed.length === 0 ? (
          <p className="empty">No signed document is in force.</p>
        ) : (
          <ul className="list kiosk-list" aria-label="Signed documents">
            {signed.map((i) => (
              <li key={i.id} className="kiosk-item">
                <span>
                  <strong>{nameOf(i)}</strong>
                  <span className="subtle">
                    Signed {i.signedOn} ·{' '}
                    {i.expiresOn ? `valid until ${i.expiresOn}` : 'never expires'}
                  </span>
                </span>
                <a className="button" href={open(i)}>
                  View
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
