import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import { useAct, useObservable, useServices } from '../shared/services';
import { routes } from '../../../../shared/routes';
import { useUi } from '../../store/ui-store';
import { ComplianceBadge } from './ComplianceBadge';
import { DocumentsTabs } from './DocumentsTabs';
import { PlacementsPanel } from './PlacementsPanel';
import { workerViewRoute } from './worker-view-route';
import { STATUS_LOOK } from './status';
import { useDocuments, useDocumentsState } from './use-documents';
import { WorkerForm, workerInputOf } from './WorkerForm';
import { KeptByMigration } from '../shared/KeptByMigration';

/** What one of the worker's documents stands at, in a line. */
function documentLine(i: DocumentInstance, all: readonly DocumentInstance[]): string {
  const renewal = all.find((other) => other.previousInstanceId === i.id);
  if (i.status === 'expired')
    return i.expiresOn
      ? `Expired ${i.expiresOn} · archived ${i.archivedAt?.slice(0, 10) ?? ''}`
      : `Archived ${i.archivedAt?.slice(0, 10) ?? ''}`;
  if (i.status === 'completed') {
    const signed = i.expiresOn
      ? `Signed ${i.signedOn} · expires ${i.expiresOn}`
      : `Signed ${i.signedOn} · never expires`;
    if (!renewal) return signed;
    if (renewal.status === 'completed')
      return i.expiresOn
        ? `${signed} · renewed ${renewal.signedOn}`
        : `${signed} · re-issued, signed again ${renewal.signedOn}`;
    return i.expiresOn ? `${signed} · renewal started` : `${signed} · re-issued`;
  }
  if (i.status === 'submitted') return 'Submitted: waiting to be completed';
  const previous = all.find((other) => other.id === i.previousInstanceId);
  if (previous?.status === 'completed' && !previous.expiresOn) return 'Re-issued: review and sign';
  return i.renewalNumber > 0
    ? `Renewal ${i.renewalNumber}: review and sign`
    : 'Waiting for signature';
}

/** One worker: compliance banners, their documents, and the profile that pre-fills them. */
export function WorkerPage({ workerId }: { workerId: string }) {
  const docs = useDocuments();
  const state = useDocumentsState();
  const toast = useUi((s) => s.toast);
  const { data } = useServices();
  const act = useAct();
  const worker = useObservable(() => data.workers.watch(workerId), [data, workerId]);
  if (worker === undefined || !state) return <p className="empty">Loading worker…</p>;
  if (worker === null)
    return (
      <p className="empty">
        This worker does not exist. <a href="#/documents">Back to workers</a>
      </p>
    );
  const compliance = state.compliance(worker.id);
  const instances = state.instances
    .filter((i) => i.workerId === worker.id)
    .sort(
      (a, b) =>
        state.templateName(a.templateId).localeCompare(state.templateName(b.templateId)) ||
        b.renewalNumber - a.renewalNumber,
    );

  async function toggleActive() {
    await act(
      () => docs.setWorkerActive(worker!.id, !worker!.active),
      (saved) =>
        saved.active
          ? `${saved.fullName} is active again; assign their documents from Assign.`
          : `${saved.fullName} is deactivated and gets no renewal documents.`,
    );
  }

  return (
    <section className="page" aria-labelledby="worker-title">
      <header className="page-header">
        <div>
          <p className="crumbs">
            <a href="#/documents">Documents</a> /
          </p>
          <h1 id="worker-title" className="worker-line">
            {worker.fullName}
            <ComplianceBadge compliance={compliance} inactive={!worker.active} />
          </h1>
          <p className="subtle">
            {[worker.email, worker.profile.phone].filter(Boolean).join(' · ') ||
              'No contact details'}
          </p>
          <KeptByMigration kept={worker.keptByMigration} what="this worker" />
        </div>
        <div className="actions">
          {worker.active && (
            <a
              className="button"
              href={`#${workerViewRoute(worker.id)}`}
              title="Opens this worker's documents without the office's navigation, for a shared PC."
            >
              Open worker view
            </a>
          )}
          <button type="button" className="button" onClick={() => void toggleActive()}>
            {worker.active ? 'Deactivate' : 'Reactivate'}
          </button>
        </div>
      </header>
      <DocumentsTabs current="" />
      {compliance.reasons.map((reason) => (
        <div
          key={reason.templateId}
          role="alert"
          className={`doc-banner doc-banner-${reason.state}`}
        >
          <strong>{reason.message}</strong>
          {reason.state === 'grace' &&
            state.templates.find((t) => t.id === reason.templateId)?.versions.at(-1)?.blocking && (
              <span>
                {' '}
                {worker.fullName} can still be assigned jobs; from {reason.blockedFrom} they are
                blocked until it is signed.
              </span>
            )}
        </div>
      ))}
      <div className="two-columns">
        <div className="stack">
          <div className="card">
            <h2>Documents</h2>
            {instances.length === 0 ? (
              <p className="empty">
                No documents yet. <a href="#/documents/assign">Assign a template</a> to{' '}
                {worker.fullName}.
              </p>
            ) : (
              <ul className="list" aria-label="Documents of this worker">
                {instances.map((i) => {
                  const look = STATUS_LOOK[i.status];
                  return (
                    <li key={i.id} className={i.status === 'expired' ? 'doc-archived' : undefined}>
                      <a href={`#${routes.instance(i.id)}`} className="doc-row">
                        <span className="worker-line">
                          <strong>{state.templateName(i.templateId)}</strong>
                          <span className={look.className}>{look.label}</span>
                          <span className="subtle">version {i.templateVersion}</span>
                        </span>
                        <span className="subtle">{documentLine(i, instances)}</span>
                      </a>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
          <PlacementsPanel
            key={state.today}
            worker={worker}
            compliance={compliance}
            today={state.today}
          />
        </div>
        <WorkerForm
          key={worker.updatedAt}
          title="Profile"
          submitLabel="Save profile"
          initial={workerInputOf(worker)}
          onSave={async (input) => {
            const result = await docs.updateWorker(worker.id, input);
            if (result.ok)
              toast('info', 'Profile saved. New and renewed documents are pre-filled with it.');
            return result;
          }}
        />
      </div>
    </section>
  );
}
