import { placementBlocker, type PlacementInput } from '../../../../shared/documents/placement';
import type { WorkerCompliance } from '../../../../shared/documents/sweep';
import type { Worker } from '../../../../shared/schema/worker';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useEntryForm } from '../shared/use-entry-form';
import { useDocuments } from './use-documents';
import { LIMITS } from '../../../../shared/limits';

/**
 * The jobs a worker was placed in, and the form that records a new placement: refused with the
 * reason while the worker is blocked, recorded with a warning while a document is in grace.
 */
export function PlacementsPanel({
  worker,
  compliance,
  today,
}: {
  worker: Worker;
  compliance: WorkerCompliance;
  today: string;
}) {
  const docs = useDocuments();
  const toast = useUi((s) => s.toast);
  const empty: PlacementInput = { jobTitle: '', startDate: today };
  const { form, errors, saving, set, submit } = useEntryForm(
    empty,
    (input) => docs.place(worker.id, input),
    ({ placement }) => {
      const placed = `${worker.fullName} placed as ${placement.jobTitle} from ${placement.startDate}.`;
      toast('info', placement.warning ? `${placed} Warning: ${placement.warning}` : placed);
      return empty;
    },
  );
  const blocker = placementBlocker(worker, compliance);
  const placements = [...worker.placements].reverse();

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="placements-title" noValidate>
      <h2 id="placements-title">Placements</h2>
      {blocker ? (
        <p role="alert" className="placement-note placement-note-blocked">
          {blocker}
        </p>
      ) : compliance.state === 'grace' ? (
        <p className="placement-note placement-note-grace">
          {worker.fullName} can still be placed during the grace period; the placement records the
          warning.
        </p>
      ) : null}
      <div className="row">
        <Field label="Job title" error={errors.jobTitle}>
          <input
            value={form.jobTitle}
            onChange={set('jobTitle')}
            autoComplete="off"
            maxLength={LIMITS.name}
          />
        </Field>
        <Field label="Start date" error={errors.startDate}>
          <input type="date" value={form.startDate} onChange={set('startDate')} />
        </Field>
      </div>
      <button type="submit" className="button button-primary" disabled={saving || blocker !== null}>
        {saving ? 'Placing…' : 'Record placement'}
      </button>
      <h3 className="section-subtitle">Recorded placements</h3>
      {placements.length === 0 ? (
        <p className="hint">No placements yet.</p>
      ) : (
        <ul className="list" aria-label="Placements of this worker">
          {placements.map((p) => (
            <li key={p.id}>
              <span className="worker-line">
                <strong>{p.jobTitle}</strong>
                <span className="subtle">starts {p.startDate}</span>
                {p.compliance === 'grace' && (
                  <span className="badge badge-fortnight">Placed in grace</span>
                )}
              </span>
              <span className="subtle">Placed {p.placedAt.slice(0, 10)}</span>
              {p.warning && <p className="placement-warning">{p.warning}</p>}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
