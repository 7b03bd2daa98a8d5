import { useState, type FormEvent } from 'react';
import { assignmentCheck, type AssignCheck } from '../../../../shared/documents/assign';
import type { AssignOutcome } from '../../../../shared/jobs';
import { firstError } from '../../../../shared/result';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { ComplianceBadge } from './ComplianceBadge';
import { DocumentsTabs } from './DocumentsTabs';
import { useDocuments, useDocumentsState } from './use-documents';

type Reissue = { workerId: string; name: string; message: string };

/**
 * Assign a template's latest version to one or more workers. A worker who already signed a
 * one-time document gets it again only after the admin confirms the re-issue.
 */
export function AssignPage() {
  const docs = useDocuments();
  const state = useDocumentsState();
  const toast = useUi((s) => s.toast);
  const [templateId, setTemplateId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ template?: string; workers?: string }>({});
  const [results, setResults] = useState<AssignOutcome[]>([]);
  const [confirming, setConfirming] = useState<Reissue[] | null>(null);
  const [busy, setBusy] = useState(false);
  const template = state?.templates.find((t) => t.id === templateId);

  function checkOf(workerId: string): AssignCheck | null {
    const worker = state?.workers.find((w) => w.id === workerId);
    return template && worker && state ? assignmentCheck(template, worker, state.instances) : null;
  }

  async function assign(reissueIds: readonly string[]) {
    setBusy(true);
    try {
      const plain = chosen.filter((id) => !reissueIds.includes(id));
      const outcomes: AssignOutcome[] = [];
      for (const [ids, reissue] of [
        [plain, false],
        [reissueIds, true],
      ] as const) {
        if (ids.length === 0) continue;
        const done = await docs.assign(templateId, ids, { reissue });
        if (!done.ok) {
          setErrors({ template: firstError(done.errors) });
          return;
        }
        outcomes.push(...done.value);
      }
      setResults(outcomes);
      setChosen(outcomes.filter((r) => !r.ok).map((r) => r.workerId));
      setConfirming(null);
    } catch (error) {
      toast('error', (error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      ...(templateId ? {} : { template: 'Choose the template to assign.' }),
      ...(chosen.length ? {} : { workers: 'Tick at least one worker.' }),
    };
    setErrors(next);
    if (next.template || next.workers) return;
    const reissues = chosen.flatMap((workerId) => {
      const check = checkOf(workerId);
      const name = state?.workers.find((w) => w.id === workerId)?.fullName ?? workerId;
      return check?.kind === 'reissue' ? [{ workerId, name, message: check.message }] : [];
    });
    if (reissues.length > 0) setConfirming(reissues);
    else await assign([]);
  }

  const names = new Map(state?.workers.map((w) => [w.id, w.fullName]));
  return (
    <section className="page" aria-labelledby="assign-title">
      <header className="page-header">
        <div>
          <h1 id="assign-title">Assign documents</h1>
          <p className="subtle">
            Each worker gets the latest version as a document to sign, pre-filled from their
            profile. A worker holds at most one open copy of a template; a signed one-time document
            can be re-issued.
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
              <select
                value={templateId}
                onChange={(e) => {
                  setTemplateId(e.target.value);
                  setConfirming(null);
                }}
              >
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
              {state.workers.map((w) => {
                const check = checkOf(w.id);
                return (
                  <label key={w.id} className="check">
                    <input
                      type="checkbox"
                      checked={chosen.includes(w.id)}
                      disabled={!w.active || busy}
                      onChange={(e) => {
                        setConfirming(null);
                        setChosen(
                          e.target.checked ? [...chosen, w.id] : chosen.filter((id) => id !== w.id),
                        );
                      }}
                    />
                    {w.fullName}
                    <ComplianceBadge compliance={state.compliance(w.id)} inactive={!w.active} />
                    {check?.kind === 'reissue' && (
                      <span className="subtle">signed {check.signed.signedOn}: re-issue</span>
                    )}
                    {check?.kind === 'refused' && w.active && (
                      <span className="subtle" title={check.reason}>
                        has it already
                      </span>
                    )}
                  </label>
                );
              })}
              {errors.workers && (
                <span id="assign-workers-error" className="error" role="alert">
                  {errors.workers}
                </span>
              )}
            </fieldset>
            {confirming ? (
              <div role="alertdialog" aria-label="Confirm re-issue" className="doc-confirm">
                <p>
                  <strong>
                    Re-issue “{template?.name}” to{' '}
                    {confirming.length === 1 ? confirming[0]!.name : `${confirming.length} workers`}
                    ?
                  </strong>
                </p>
                <ul className="reissue-list">
                  {confirming.map((r) => (
                    <li key={r.workerId}>{r.message}</li>
                  ))}
                </ul>
                <div className="actions">
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={busy}
                    onClick={() => void assign(confirming.map((r) => r.workerId))}
                  >
                    {busy ? 'Assigning…' : 'Re-issue and assign'}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(null)}>
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <button type="submit" className="button button-primary" disabled={busy}>
                {busy ? 'Assigning…' : 'Assign'}
              </button>
            )}
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
