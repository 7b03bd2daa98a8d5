import { useState, type FormEvent } from 'react';
import type { AssignOutcome } from '../../../../shared/jobs';
import { firstError } from '../../../../shared/result';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { ComplianceBadge } from './ComplianceBadge';
import { DocumentsTabs } from './DocumentsTabs';
import { useDocuments, useDocumentsState } from './use-documents';

/** Assign a template's latest version to one or more workers. */
export function AssignPage() {
  const docs = useDocuments();
  const state = useDocumentsState();
  const toast = useUi((s) => s.toast);
  const [templateId, setTemplateId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ template?: string; workers?: string }>({});
  const [results, setResults] = useState<AssignOutcome[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      ...(templateId ? {} : { template: 'Choose the template to assign.' }),
      ...(chosen.length ? {} : { workers: 'Tick at least one worker.' }),
    };
    setErrors(next);
    if (next.template || next.workers) return;
    setBusy(true);
    try {
      const done = await docs.assign(templateId, chosen);
      if (!done.ok) {
        setErrors({ template: firstError(done.errors) });
        return;
      }
      setResults(done.value);
      setChosen(done.value.filter((r) => !r.ok).map((r) => r.workerId));
    } catch (error) {
      toast('error', (error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const names = new Map(state?.workers.map((w) => [w.id, w.fullName]));
  return (
    <section className="page" aria-labelledby="assign-title">
      <header className="page-header">
        <div>
          <h1 id="assign-title">Assign documents</h1>
          <p className="subtle">
            Each worker gets the latest version as a document to sign, pre-filled from their
            profile. A worker holds at most one open copy of a template.
          </p>
        </div>
      </header>
      <DocumentsTabs current="/documents/assign" />
      {!state ? (
        <p className="empty">Loading…</p>
      ) : (
        <div className="two-columns">
          <form className="card form" onSubmit={submit} aria-labelledby="assign-form" noValidate>
            <h2 id="assign-form">Assign a template</h2>
            <Field label="Template" error={errors.template}>
              <select value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                <option value="">Choose a template…</option>
                {state.templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} (version {t.latestVersion})
                  </option>
                ))}
              </select>
            </Field>
            <fieldset aria-describedby={errors.workers ? 'assign-workers-error' : undefined}>
              <legend>Workers</legend>
              {state.workers.length === 0 && (
                <p className="hint">
                  No workers yet. <a href="#/documents">Add a worker</a> first.
                </p>
              )}
              {state.workers.map((w) => (
                <label key={w.id} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(w.id)}
                    disabled={!w.active}
                    onChange={(e) =>
                      setChosen(
                        e.target.checked ? [...chosen, w.id] : chosen.filter((id) => id !== w.id),
                      )
                    }
                  />
                  {w.fullName}
                  <ComplianceBadge compliance={state.compliance(w.id)} inactive={!w.active} />
                </label>
              ))}
              {errors.workers && (
                <span id="assign-workers-error" className="error" role="alert">
                  {errors.workers}
                </span>
              )}
            </fieldset>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Assigning…' : 'Assign'}
            </button>
          </form>
          <div className="card">
            <h2>Result</h2>
            {results.length === 0 ? (
              <p className="empty">Nothing assigned yet in this session.</p>
            ) : (
              <ul className="list" aria-label="Assignment results">
                {results.map((r) => (
                  <li key={r.workerId} className={r.ok ? 'assign-ok' : 'assign-refused'}>
                    <strong>
                      {r.ok ? '✓' : '✗'} {names.get(r.workerId) ?? r.workerId}
                    </strong>
                    <div>{r.message}</div>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
