import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SigningDone, SigningPageData } from '../../../shared/documents/signing-link';
import { renderBody } from '../features/documents/document-body';
import { SignaturePad } from '../features/documents/SignaturePad';
import { Field } from '../features/shared/Field';
import { loadDocument, submitSignature, type LinkProblem } from './sign-api';
import '../features/documents/documents.css';
import './sign.css';

type Step =
  | { kind: 'loading' }
  | { kind: 'problem'; problem: LinkProblem }
  | { kind: 'ready'; data: SigningPageData }
  | { kind: 'done'; done: SigningDone };

/** "15 March 2026" in the reader's language, for a 'YYYY-MM-DD' date. */
function longDate(date: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "15 March 2026" in the reader's language and zone, for an instant. */
function longDay(instant: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(new Date(instant));
}

/** The one document a signing link opens: read it, check the details, sign; or why not. */
export function SigningPage({ token }: { token: string }) {
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void loadDocument(token).then((answer) => {
      if (!live) return;
      setStep(
        answer.ok
          ? { kind: 'ready', data: answer.value }
          : { kind: 'problem', problem: answer.problem },
      );
    });
    return () => {
      live = false;
    };
  }, [token, attempt]);

  useEffect(() => {
    if (step.kind === 'ready')
      document.title = `Sign ${step.data.document.name} · ${step.data.officeName}`;
    else if (step.kind === 'done') document.title = `Signed: ${step.done.documentName}`;
  }, [step]);

  const office =
    step.kind === 'ready'
      ? step.data.officeName
      : step.kind === 'done'
        ? step.done.officeName
        : null;

  return (
    <div className="signing">
      <header className="signing-bar">
        <span className="signing-office">{office ?? 'Document signing'}</span>
        <span className="signing-secure">Private signing link</span>
      </header>
      <main className="signing-main">
        {step.kind === 'loading' ? (
          <p className="card signing-note" role="status">
            Opening your document…
          </p>
        ) : step.kind === 'problem' ? (
          <ProblemCard
            problem={step.problem}
            onRetry={() => {
              setStep({ kind: 'loading' });
              setAttempt((n) => n + 1);
            }}
          />
        ) : step.kind === 'ready' ? (
          <SigningForm
            token={token}
            data={step.data}
            onDone={(done) => setStep({ kind: 'done', done })}
            onProblem={(problem) => setStep({ kind: 'problem', problem })}
          />
        ) : (
          <DoneCard done={step.done} />
        )}
      </main>
    </div>
  );
}

const PROBLEM_TITLES: Record<LinkProblem['code'], string> = {
  not_found: 'This link does not work',
  link_used: 'This link has already been used',
  link_expired: 'This link has expired',
  already_signed: 'This document is already signed',
  link_unavailable: 'This document is no longer waiting for you',
  unreachable: 'Could not open your document',
  failed: 'Could not open your document',
  refused: 'Could not sign your document',
};

function ProblemCard({ problem, onRetry }: { problem: LinkProblem; onRetry(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const canRetry = problem.code === 'unreachable' || problem.code === 'failed';
  return (
    <section className="card signing-card signing-problem" aria-labelledby="problem-title">
      <h1 id="problem-title" ref={heading} tabIndex={-1}>
        {PROBLEM_TITLES[problem.code]}
      </h1>
      <p>{problem.message}</p>
      {canRetry && (
        <div className="actions">
          <button type="button" className="button button-primary" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
    </section>
  );
}

function DoneCard({ done }: { done: SigningDone }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card signing-card signing-done" aria-labelledby="done-title">
      <span className="signing-done-mark" aria-hidden>
        ✓
      </span>
      <h1 id="done-title" ref={heading} tabIndex={-1}>
        {done.documentName} is signed
      </h1>
      <p>
        Thank you, {done.signedBy}. {done.officeName} now has your signed document, dated{' '}
        {longDate(done.signedOn)}
        {done.expiresOn ? `; it is valid until ${longDate(done.expiresOn)}` : ''}.
      </p>
      <p className="subtle">There is nothing more to do. You can close this page.</p>
    </section>
  );
}

type Errors = { fields: Record<string, string>; name?: string; drawing?: string; form?: string };

function SigningForm({
  token,
  data,
  onDone,
  onProblem,
}: {
  token: string;
  data: SigningPageData;
  onDone(done: SigningDone): void;
  onProblem(problem: LinkProblem): void;
}) {
  const { document: doc } = data;
  const [values, setValues] = useState<Record<string, string>>(data.values);
  const [typedName, setTypedName] = useState('');
  const [signature, setSignature] = useState('');
  const [errors, setErrors] = useState<Errors>({ fields: {} });
  const [busy, setBusy] = useState(false);

  async function sign(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const answer = await submitSignature(token, { fields: values, typedName, signature });
    setBusy(false);
    if (answer.ok) return onDone(answer.value);
    const { problem } = answer;
    if (problem.code !== 'refused' && problem.code !== 'unreachable' && problem.code !== 'failed')
      return onProblem(problem);
    const next: Errors = { fields: {} };
    for (const [key, message] of Object.entries(problem.fields ?? {})) {
      if (key.startsWith('fields.')) next.fields[key.slice('fields.'.length)] = message;
      else if (key === 'typedName') next.name = message;
      else if (key === 'signature') next.drawing = message;
    }
    // A message no single field shows (the server unreachable, the document changed) stays on top.
    const shown = Object.keys(next.fields).length > 0 || next.name || next.drawing;
    if (!shown || problem.fields?.form) next.form = problem.fields?.form ?? problem.message;
    setErrors(next);
  }

  return (
    <form
      className="card signing-card form"
      onSubmit={sign}
      aria-labelledby="signing-title"
      noValidate
    >
      <div className="signing-head">
        <p className="signing-eyebrow">Document to sign</p>
        <h1 id="signing-title">{doc.name}</h1>
        <p className="subtle">
          For {data.workerName} · from {data.officeName}
        </p>
      </div>
      <p className="signing-intro">
        Read the document, check your details, then type your name and draw your signature. This
        link works once, until {longDay(data.expiresAt)}.
      </p>

      <section className="signing-section" aria-labelledby="document-text">
        <h2 id="document-text">The document</h2>
        <p className="doc-body">{renderBody(doc.body, values)}</p>
      </section>

      {doc.fields.length > 0 && (
        <section className="signing-section" aria-labelledby="your-details">
          <h2 id="your-details">Your details</h2>
          <p className="subtle signing-section-hint">
            Filled in from what your office has on file. Correct anything that is wrong.
          </p>
          {doc.fields.map((f) => (
            <Field
              key={f.key}
              label={f.required ? f.label : `${f.label} (optional)`}
              error={errors.fields[f.key]}
            >
              <input
                type={f.type === 'number' ? 'text' : f.type}
                inputMode={f.type === 'number' ? 'decimal' : undefined}
                value={values[f.key] ?? ''}
                onChange={(e) => {
                  setValues({ ...values, [f.key]: e.target.value });
                  setErrors({ ...errors, fields: { ...errors.fields, [f.key]: '' } });
                }}
              />
            </Field>
          ))}
        </section>
      )}

      <section className="signing-section" aria-labelledby="your-signature">
        <h2 id="your-signature">Your signature</h2>
        <Field
          label="Type your full name"
          error={errors.name}
          hint={`As your office has it: ${data.workerName}`}
        >
          <input
            value={typedName}
            onChange={(e) => {
              setTypedName(e.target.value);
              setErrors({ ...errors, name: undefined });
            }}
            autoComplete="name"
          />
        </Field>
        <div className={`field${errors.drawing ? ' field-invalid' : ''}`}>
          <span className="field-label">Draw your signature with your finger or mouse</span>
          <SignaturePad
            onChange={(image) => {
              setSignature(image);
              setErrors({ ...errors, drawing: undefined });
            }}
            invalid={Boolean(errors.drawing)}
            describedBy={errors.drawing ? 'drawing-error' : undefined}
          />
          {errors.drawing && (
            <span id="drawing-error" className="error" role="alert">
              {errors.drawing}
            </span>
          )}
        </div>
      </section>

      {errors.form && (
        <p className="error signing-form-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" className="button button-primary signing-submit" disabled={busy}>
        {busy ? 'Signing…' : `Sign ${doc.name}`}
      </button>
    </form>
  );
}
