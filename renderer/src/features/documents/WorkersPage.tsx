import { useState } from 'react';
import { useUi } from '../../store/ui-store';
import { ComplianceBadge } from './ComplianceBadge';
import { DocumentsTabs } from './DocumentsTabs';
import { useDocuments, useDocumentsState } from './use-documents';
import { WorkerForm } from './WorkerForm';

export function workerRoute(workerId: string): string {
  return `/documents/workers/${encodeURIComponent(workerId)}`;
}

/** Workers with their compliance state; the form adds one. */
export function WorkersPage() {
  const docs = useDocuments();
  const state = useDocumentsState();
  const navigate = useUi((s) => s.navigate);
  const toast = useUi((s) => s.toast);
  const [filter, setFilter] = useState('');
  const shown = (state?.workers ?? []).filter((w) =>
    w.fullName.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  return (
    <section className="page" aria-labelledby="workers-title">
      <header className="page-header">
        <div>
          <h1 id="workers-title">Documents</h1>
          <p className="subtle">
            Workers sign compliance documents; NoLapse reminds them and renews at expiry.
          </p>
        </div>
      </header>
      <DocumentsTabs current="/documents" />
      <div className="two-columns">
        <div className="card">
          <h2>Workers</h2>
          <label className="inline-search">
            <span className="visually-hidden">Find a worker</span>
            <input
              type="search"
              placeholder="Find a worker…"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </label>
          {!state ? (
            <p className="empty">Loading…</p>
          ) : shown.length === 0 ? (
            <p className="empty">
              {state.workers.length === 0
                ? 'No workers yet. Add your first one with the form.'
                : 'No worker matches that name.'}
            </p>
          ) : (
            <ul className="list" aria-label="Workers">
              {shown.map((w) => {
                const open = state.instances.filter(
                  (i) => i.workerId === w.id && i.status !== 'expired' && i.status !== 'completed',
                ).length;
                return (
                  <li key={w.id}>
                    <a href={`#${workerRoute(w.id)}`} className="worker-link">
                      <span className="worker-line">
                        <strong>{w.fullName}</strong>
                        <ComplianceBadge compliance={state.compliance(w.id)} inactive={!w.active} />
                      </span>
                      <span className="subtle">
                        {w.email || 'No email'}
                        {open ? ` · ${open} to sign` : ''}
                      </span>
                    </a>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <WorkerForm
          title="New worker"
          submitLabel="Add worker"
          onSave={async (input) => {
            const result = await docs.createWorker(input);
            if (result.ok) {
              toast('info', `${result.value.fullName} added.`);
              navigate(workerRoute(result.value.id));
            }
            return result;
          }}
        />
      </div>
    </section>
  );
}
