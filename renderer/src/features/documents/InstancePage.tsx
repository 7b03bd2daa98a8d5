import { useEffect } from 'react';
import { templateVersion } from '../../../../shared/documents/template';
import { routes } from '../../../../shared/routes';
import { useAct, useObservable, useServices } from '../shared/services';
import { ComplianceBadge } from './ComplianceBadge';
import { RenewalActions } from './RenewalActions';
import { RenewalChain } from './RenewalChain';
import { SignedDocument } from './SignedDocument';
import { SigningForm, SubmittedDocument } from './SigningForm';
import { SigningLinkCard } from './SigningLinkCard';
import { STATUS_LOOK } from './status';
import { useDocuments, useDocumentsState } from './use-documents';
import { workerRoute } from './WorkersPage';
import './documents.css';

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
  if (!template || !version || !worker)
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
        ) : instance.status === 'submitted' ? (
          <SubmittedDocument instance={instance} version={version} />
        ) : instance.status === 'required' ? (
          <p className="card empty">Opening…</p>
        ) : (
          <SigningForm instance={instance} version={version} worker={worker} />
        )}
        <div className="stack no-print">
          <SigningLinkCard instance={instance} worker={worker} />
          <RenewalActions
            instance={instance}
            chain={chain}
            template={template}
            worker={worker}
            today={state.today}
            linkTo={routes.instance}
            office
          />
          <RenewalChain chain={chain} current={instance.id} linkTo={routes.instance} />
        </div>
      </div>
    </section>
  );
}
