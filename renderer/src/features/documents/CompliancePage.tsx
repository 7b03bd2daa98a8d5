import { ComplianceBadge } from './ComplianceBadge';
import { DocumentsTabs } from './DocumentsTabs';
import { useDocumentsState } from './use-documents';
import { workerRoute } from './WorkersPage';

const ORDER = { blocked: 0, grace: 1, valid: 2 } as const;

/** Who may be assigned jobs today: blocked first, then in grace, then valid. */
export function CompliancePage() {
  const state = useDocumentsState();
  const rows = (state?.workers ?? [])
    .filter((w) => w.active)
    .map((w) => ({ worker: w, compliance: state!.compliance(w.id) }))
    .sort(
      (a, b) =>
        ORDER[a.compliance.state] - ORDER[b.compliance.state] ||
        a.worker.fullName.localeCompare(b.worker.fullName),
    );
  const count = (s: keyof typeof ORDER) => rows.filter((r) => r.compliance.state === s).length;
  return (
    <section className="page" aria-labelledby="compliance-title">
      <header className="page-header">
        <div>
          <h1 id="compliance-title">Compliance overview</h1>
          <p className="subtle">
            Blocked workers cannot be assigned jobs until they renew; workers in grace still can.
          </p>
        </div>
      </header>
      <DocumentsTabs current="/documents/compliance" />
      {!state ? (
        <p className="empty">Loading…</p>
      ) : (
        <>
          <div className="buckets compliance-counts" role="group" aria-label="Workers by state">
            <div className="bucket bucket-overdue">
              <span className="bucket-count">{count('blocked')}</span>
              <span className="bucket-label">Blocked</span>
            </div>
            <div className="bucket bucket-fortnight">
              <span className="bucket-count">{count('grace')}</span>
              <span className="bucket-label">In grace</span>
            </div>
            <div className="bucket bucket-later">
              <span className="bucket-count">{count('valid')}</span>
              <span className="bucket-label">Valid</span>
            </div>
          </div>
          <div className="card">
            {rows.length === 0 ? (
              <p className="empty">No active workers yet.</p>
            ) : (
              <ul className="list" aria-label="Compliance by worker">
                {rows.map(({ worker, compliance }) => (
                  <li key={worker.id}>
                    <a href={`#${workerRoute(worker.id)}`}>
                      <span className="worker-line">
                        <strong>{worker.fullName}</strong>
                        <ComplianceBadge compliance={compliance} />
                      </span>
                      <span className="subtle">
                        {compliance.reasons.map((r) => r.message).join(' ') ||
                          'Every document is valid.'}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </section>
  );
}
