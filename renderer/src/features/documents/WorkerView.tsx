import { useEffect } from 'react';
import { workerBannerText } from '../../../../shared/documents/banner';
import { workerCompliance } from '../../../../shared/documents/sweep';
import { templateVersion } from '../../../../shared/documents/template';
import { useAct, useObservable, useServices, useToday } from '../shared/services';
import { RenewalActions } from './RenewalActions';
import { SignedDocument } from './SignedDocument';
import { SigningForm, SubmittedDocument } from './SigningForm';
import { STATUS_LOOK } from './status';
import { useDocuments } from './use-documents';
import { workerViewRoute, type WorkerViewState } from './worker-view-route';
import { WorkerViewHome } from './WorkerViewHome';
import './documents.css';
import './worker-view.css';

export { workerViewOf, workerViewRoute } from './worker-view-route';

/**
 * One worker's documents on a shared office PC, kiosk style: no office navigation, nothing of
 * anyone else; their banners, what to sign, renewals they can start, and what they signed.
 */
export function WorkerView({ workerId, instanceId }: { workerId: string; instanceId?: string }) {
  const { data } = useServices();
  const today = useToday();
  const worker = useObservable(() => data.workers.watch(workerId), [data, workerId]);
  const instances = useObservable(() => data.instances.watchOfWorker(workerId), [data, workerId]);
  const templates = useObservable(() => data.templates.watchAll(), [data]);
  const loading = worker === undefined || !instances || !templates || !today;

  return (
    <div className="kiosk">
      <header className="kiosk-bar">
        <span className="kiosk-brand">
          <span className="brand-mark" aria-hidden>
            ✓
          </span>
          NoLapse
        </span>
        {worker && <span className="kiosk-who">Documents of {worker.fullName}</span>}
        {today && <span className="kiosk-today">Today {today}</span>}
      </header>
      <main className="kiosk-main">
        {loading ? (
          <p className="empty">Loading your documents…</p>
        ) : !worker || !worker.active ? (
          <p className="card empty">
            This worker view is not available. Ask the office for the right link.
          </p>
        ) : instanceId ? (
          <WorkerViewDocument
            state={{ worker, instances, templates, today }}
            instanceId={instanceId}
          />
        ) : (
          <WorkerViewHome
            state={{ worker, instances, templates, today }}
            banners={workerCompliance(worker, instances, templates, today).reasons.map(
              (reason) => ({ reason, text: workerBannerText(reason) }),
            )}
          />
        )}
      </main>
    </div>
  );
}

/** One of the worker's documents: sign it, or read it as signed; only their own open here. */
function WorkerViewDocument({ state, instanceId }: { state: WorkerViewState; instanceId: string }) {
  const docs = useDocuments();
  const act = useAct();
  const instance = state.instances.find((i) => i.id === instanceId);

  useEffect(() => {
    if (instance?.status === 'required') void act(() => docs.open(instance.id));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docs, instance?.id, instance?.status]);

  const back = (
    <a className="kiosk-back" href={`#${workerViewRoute(state.worker.id)}`}>
      ← All my documents
    </a>
  );
  const template = instance && state.templates.find((t) => t.id === instance.templateId);
  const version = instance && template && templateVersion(template, instance.templateVersion);
  if (!instance || !template || !version)
    return (
      <>
        {back}
        <p className="card empty">This document is not among yours.</p>
      </>
    );
  const chain = state.instances.filter((i) => i.templateId === instance.templateId);
  const signed = instance.status === 'completed' || instance.status === 'expired';
  const look = STATUS_LOOK[instance.status];
  return (
    <>
      {back}
      <h1 className="worker-line kiosk-title">
        {version.name}
        <span className={look.className}>{look.label}</span>
      </h1>
      <div className="kiosk-document">
        {signed ? (
          <SignedDocument instance={instance} version={version} worker={state.worker} />
        ) : instance.status === 'submitted' ? (
          <SubmittedDocument instance={instance} version={version} />
        ) : instance.status === 'required' ? (
          <p className="card empty">Opening…</p>
        ) : (
          <SigningForm instance={instance} version={version} worker={state.worker} />
        )}
        <RenewalActions
          instance={instance}
          chain={chain}
          template={template}
          worker={state.worker}
          today={state.today}
          linkTo={(id) => workerViewRoute(state.worker.id, id)}
          office={false}
        />
      </div>
    </>
  );
}
