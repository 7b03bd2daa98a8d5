import { useEffect, useState, type FormEvent } from 'react';
import {
  discardAutoRenewal,
  markDoNotRenew,
  nextTriggerAt,
  NO_PENDING_TRIGGER,
  reactivate,
} from '../../../../shared/policies/auto-renewal';
import { latestTerm, OPEN_AUTO_RENEWAL_STATES } from '../../../../shared/policies/model';
import type {
  AutoRenewal,
  AutoRenewalPlan,
  Policy,
  RenewalEvent,
  RenewalTransaction,
  Term,
} from '../../../../shared/policies/model';
import { issueBlocker, transitionBlocker } from '../../../../shared/policies/transactions';
import { addMonthsClamped, localDateIn } from '../../../../shared/time';
import { useObservable, useServices, useToday } from '../../app/services';
import type {
  ManualRenewalForm,
  RenewalFieldErrors,
  TriggerFieldErrors,
  TriggerTimesForm,
} from '../../engine/policies';
import { formatLocalDateTime, instantAtLocal } from '../../../../shared/time';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useDirectory } from '../shared/use-directory';
import {
  ActionBar,
  AutoRenewalBadge,
  officeTime,
  refusal,
  TransactionBadge,
  usePlans,
  usePolicies,
  type Action,
} from './policy-ui';

const DAY_MS = 86_400_000;

/** One policy: its terms, renewal transactions and auto-renewal, with every control. */
export function PolicyPage({ policyId }: { policyId: string }) {
  const { data } = useServices();
  const policies = usePolicies();
  const directory = useDirectory();
  const plans = usePlans();
  const policy = useObservable(() => policies.data.policies.watch(policyId), [policies, policyId]);
  const transactions = useObservable(
    () => policies.data.transactions.watchOfPolicy(policyId),
    [policies, policyId],
  );
  const autoRenewals = useObservable(
    () => policies.data.autoRenewals.watchOfPolicy(policyId),
    [policies, policyId],
  );
  const customerId = policy?.customerId ?? '';
  const customer = useObservable(() => data.customers.watch(customerId), [data, customerId]);
  if (policy === undefined || !transactions || !autoRenewals)
    return <p className="empty">Loading policy…</p>;
  if (policy === null)
    return (
      <p className="empty">
        This policy does not exist. <a href="#/policies">Back to policies</a>
      </p>
    );
  const { timeZone } = directory.office;
  const plan = plans?.find((p) => p.id === customer?.planId) ?? null;
  const dnr = autoRenewals.find((ar) => ar.state === 'doNotRenew');
  return (
    <section className="page" aria-labelledby="policy-title">
      <header className="page-header">
        <div>
          <p className="crumbs">
            <a href="#/policies">Policies</a> /{' '}
            <a href={`#/customers/${encodeURIComponent(policy.customerId)}`}>
              {directory.customerName(policy.customerId)}
            </a>{' '}
            /
          </p>
          <h1 id="policy-title">Policy {policy.number}</h1>
          <p className="subtle">
            {policy.productName} · Agent: {directory.staffName(policy.assigneeId)} · Plan:{' '}
            {plan ? plan.name : 'none'} · Times in {timeZone}
          </p>
        </div>
      </header>
      {dnr && (
        <p className="pol-banner pol-banner-dnr" role="status">
          <strong>Do not renew.</strong> No renewal of this policy can be issued until its
          auto-renewal (term {dnr.termNumber}) is reactivated.
        </p>
      )}
      <div className="stack">
        <TermsTimeline policy={policy} timeZone={timeZone} />
        <div className="two-columns">
          <div className="stack">
            <Transactions
              policy={policy}
              transactions={transactions}
              autoRenewals={autoRenewals}
              timeZone={timeZone}
            />
            <ManualRenewal policy={policy} timeZone={timeZone} />
          </div>
          <div className="stack">
            <AutoRenewalPanel
              policy={policy}
              autoRenewals={autoRenewals}
              plan={plan}
              timeZone={timeZone}
            />
            <Cancellation policy={policy} />
          </div>
        </div>
      </div>
    </section>
  );
}

type Segment =
  | { kind: 'term'; term: Term; start: number; end: number }
  | { kind: 'gap'; start: number; end: number };

function TermsTimeline({ policy, timeZone }: { policy: Policy; timeZone: string }) {
  const today = useToday();
  const terms = [...policy.terms].sort((a, b) => a.termNumber - b.termNumber);
  const segments: Segment[] = [];
  terms.forEach((term, i) => {
    const previous = terms[i - 1];
    if (previous && term.startTime > previous.endTime)
      segments.push({
        kind: 'gap',
        start: Date.parse(previous.endTime),
        end: Date.parse(term.startTime),
      });
    segments.push({
      kind: 'term',
      term,
      start: Date.parse(term.startTime),
      end: Date.parse(term.endTime),
    });
  });
  const from = segments[0]!.start;
  const to = segments[segments.length - 1]!.end;
  const span = Math.max(to - from, 1);
  const pct = (ms: number) => `${(((ms - from) / span) * 100).toFixed(3)}%`;
  const todayMs = today ? Date.parse(instantAtLocal(today, timeZone)) : null;
  const latest = latestTerm(policy).termNumber;
  return (
    <div className="card" aria-labelledby="terms-title">
      <h2 id="terms-title">Terms</h2>
      <div className="pol-bar" aria-hidden>
        {segments.map((s) => (
          <div
            key={s.kind === 'term' ? `t${s.term.termNumber}` : `g${s.start}`}
            className={`pol-seg pol-seg-${s.kind}${s.kind === 'term' && s.term.termNumber === latest ? ' pol-seg-latest' : ''}`}
            style={{ left: pct(s.start), width: `calc(${pct(s.end)} - ${pct(s.start)})` }}
          >
            {s.kind === 'term' ? `Term ${s.term.termNumber}` : 'Gap'}
          </div>
        ))}
        {todayMs !== null && todayMs >= from && todayMs <= to && (
          <div className="pol-today" style={{ left: pct(todayMs) }} title={`Today ${today}`} />
        )}
      </div>
      <ol className="list pol-terms" aria-label="Terms">
        {segments.map((s) =>
          s.kind === 'term' ? (
            <li key={`t${s.term.termNumber}`}>
              <strong>Term {s.term.termNumber}</strong>
              <span className="mono">
                {officeTime(s.term.startTime, timeZone)} → {officeTime(s.term.endTime, timeZone)}
              </span>
              {s.term.termNumber === latest && <span className="badge badge-month">Current</span>}
            </li>
          ) : (
            <li key={`g${s.start}`} className="pol-gap">
              <strong>Gap</strong>
              <span className="mono">
                {formatLocalDateTime(new Date(s.start).toISOString(), timeZone)} →{' '}
                {formatLocalDateTime(new Date(s.end).toISOString(), timeZone)}
              </span>
              <span>{Math.round((s.end - s.start) / DAY_MS)} days not covered by any term</span>
            </li>
          ),
        )}
      </ol>
    </div>
  );
}

function Transactions({
  policy,
  transactions,
  autoRenewals,
  timeZone,
}: {
  policy: Policy;
  transactions: RenewalTransaction[];
  autoRenewals: AutoRenewal[];
  timeZone: string;
}) {
  const policies = usePolicies();
  return (
    <div className="card" aria-labelledby="transactions-title">
      <h2 id="transactions-title">Renewal transactions</h2>
      {transactions.length === 0 ? (
        <p className="empty">
          No renewals yet. Draft one below, or let the auto-renewal create it.
        </p>
      ) : (
        <ul className="list" aria-label="Renewal transactions">
          {transactions.map((tx) => {
            const renewed = policy.terms.find((t) => t.termNumber === tx.termNumber);
            const gap = renewed && tx.effectiveTime > renewed.endTime;
            const managedBy = autoRenewals.find((ar) => ar.transactionId === tx.id);
            const open = tx.state === 'draft' || tx.state === 'accepted';
            const actions: Action[] = [
              {
                label: 'Accept',
                blocker: transitionBlocker(tx, 'accept'),
                run: () => policies.act(tx.id, 'accept'),
                primary: true,
              },
              {
                label: 'Issue',
                blocker: issueBlocker(tx, { policy, autoRenewals }),
                run: () => policies.issue(tx.id),
                primary: true,
              },
              {
                label: 'Refuse',
                blocker: transitionBlocker(tx, 'refuse'),
                run: () => policies.act(tx.id, 'refuse'),
              },
              {
                label: 'Reject',
                blocker: transitionBlocker(tx, 'reject'),
                run: () => policies.act(tx.id, 'reject'),
              },
              {
                label: 'Discard',
                blocker: transitionBlocker(tx, 'discard'),
                run: () => policies.act(tx.id, 'discard'),
              },
            ];
            return (
              <li key={tx.id} aria-label={`Renewal of term ${tx.termNumber}, ${tx.state}`}>
                <div className="renewal-line">
                  <TransactionBadge state={tx.state} />
                  <strong>
                    Renews term {tx.termNumber} to {officeTime(tx.endTime, timeZone)}
                  </strong>
                  <span className="subtle">
                    {tx.type} · {tx.createdBy === 'auto' ? 'created automatically' : 'manual'}
                    {managedBy ? ' · managed by the auto-renewal' : ''}
                  </span>
                </div>
                <div className="renewal-meta subtle">
                  New term starts {officeTime(tx.effectiveTime, timeZone)}
                  {gap ? (
                    <span className="pol-gap-note">
                      {' '}
                      · with a gap after {officeTime(renewed.endTime, timeZone)}
                    </span>
                  ) : null}
                </div>
                <details className="pol-history">
                  <summary>History ({tx.history.length})</summary>
                  <ol>
                    {tx.history.map((h, i) => (
                      <li key={i}>
                        <span className="mono">{officeTime(h.at, timeZone)}</span>{' '}
                        {h.from ? `${h.from} → ` : ''}
                        {h.to} · {h.manual ? 'by hand' : 'automatic'}
                        {h.reason ? ` · ${h.reason}` : ''}
                      </li>
                    ))}
                  </ol>
                </details>
                {open ? (
                  <ActionBar
                    actions={actions}
                    label={`Actions on renewal of term ${tx.termNumber}`}
                  />
                ) : (
                  <p className="subtle pol-final">No actions: this renewal is {tx.state}.</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function ManualRenewal({ policy, timeZone }: { policy: Policy; timeZone: string }) {
  const policies = usePolicies();
  const toast = useUi((s) => s.toast);
  const empty: ManualRenewalForm = { endDate: '', effectiveDate: '', type: 'renewal' };
  const [form, setForm] = useState<ManualRenewalForm>(empty);
  const [errors, setErrors] = useState<RenewalFieldErrors>({});
  const set = (key: keyof ManualRenewalForm) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const end = officeTime(latestTerm(policy).endTime, timeZone);
  const suggestedEnd = addMonthsClamped(localDateIn(latestTerm(policy).endTime, timeZone), 12);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const result = await policies.draftRenewal(policy.id, form);
      if (!result.ok) return setErrors(result.errors);
      setErrors({});
      setForm(empty);
      toast('info', 'Renewal drafted; accept it, then issue it.');
    } catch (error) {
      setErrors({ form: (error as Error).message });
    }
  }

  return (
    <form
      className="card form pol-form"
      onSubmit={submit}
      aria-labelledby="manual-title"
      noValidate
    >
      <h2 id="manual-title">Renew by hand</h2>
      <p className="subtle pol-lead">
        The current term ends {end}. The new end must be later; a start after {end} leaves a gap
        that no term covers.
      </p>
      <div className="row">
        <Field label="New end" error={errors.endDate} hint="YYYY-MM-DD">
          <input
            value={form.endDate}
            onChange={set('endDate')}
            placeholder={suggestedEnd}
            autoComplete="off"
          />
        </Field>
        <Field
          label="New term starts"
          error={errors.effectiveDate}
          hint={`Optional; empty = ${end}`}
        >
          <input
            value={form.effectiveDate}
            onChange={set('effectiveDate')}
            placeholder={end}
            autoComplete="off"
          />
        </Field>
      </div>
      <Field label="Renewal type" error={errors.type}>
        <input value={form.type} onChange={set('type')} />
      </Field>
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" className="button button-primary">
        Draft renewal
      </button>
    </form>
  );
}

const EVENT_LABEL: Record<RenewalEvent, string> = {
  create: 'Create',
  accept: 'Accept',
  issue: 'Issue',
};
const TIME_KEY: Record<RenewalEvent, keyof TriggerTimesForm> = {
  create: 'createTime',
  accept: 'acceptTime',
  issue: 'issueTime',
};

function AutoRenewalPanel({
  policy,
  autoRenewals,
  plan,
  timeZone,
}: {
  policy: Policy;
  autoRenewals: AutoRenewal[];
  plan: AutoRenewalPlan | null;
  timeZone: string;
}) {
  const policies = usePolicies();
  const latest = latestTerm(policy);
  const current = autoRenewals.find((ar) => ar.termNumber === latest.termNumber);
  const earlier = autoRenewals.filter((ar) => ar !== current);
  return (
    <div className="card" aria-labelledby="auto-renewal-title">
      <h2 id="auto-renewal-title">Auto-renewal</h2>
      {current ? (
        <AutoRenewalDetail autoRenewal={current} timeZone={timeZone} />
      ) : (
        <>
          <p className="subtle">
            Term {latest.termNumber} has no auto-renewal.{' '}
            {plan
              ? `Create one from plan “${plan.name}” to renew it automatically.`
              : 'Assign the customer a plan first.'}
          </p>
          <ActionBar
            label="Auto-renewal actions"
            actions={[
              {
                label: 'Create auto-renewal',
                primary: true,
                blocker: plan
                  ? null
                  : 'This customer has no auto-renewal plan; assign one on the customer page or under Policies → Auto-renewal plans.',
                run: () => policies.createAutoRenewal(policy.id),
              },
            ]}
          />
        </>
      )}
      {earlier.length > 0 && (
        <div className="pol-earlier">
          <h3>Earlier terms</h3>
          <ul className="list" aria-label="Earlier auto-renewals">
            {earlier.map((ar) => (
              <li key={ar.id}>
                Term {ar.termNumber}{' '}
                <AutoRenewalBadge state={ar.state} invalidated={ar.invalidatedAt !== null} />{' '}
                <span className="subtle">{ar.pluginLog.length} plugin call(s)</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function AutoRenewalDetail({
  autoRenewal: ar,
  timeZone,
}: {
  autoRenewal: AutoRenewal;
  timeZone: string;
}) {
  const policies = usePolicies();
  const open = OPEN_AUTO_RENEWAL_STATES.includes(ar.state);
  const next = nextTriggerAt(ar);
  const running = ar.state === 'active' && ar.invalidatedAt === null;
  const at = ar.updatedAt;
  const actions: Action[] = [
    {
      label: 'Do not renew',
      blocker:
        ar.state === 'doNotRenew'
          ? 'Already marked Do not renew.'
          : refusal(() => markDoNotRenew(ar, at)),
      run: () => policies.doNotRenew(ar.id),
    },
    {
      label: 'Reactivate',
      blocker: running
        ? 'Nothing to reactivate: the auto-renewal is active and not held by a cancellation.'
        : refusal(() => reactivate(ar, at)),
      run: () => policies.reactivate(ar.id),
      primary: true,
    },
    {
      label: 'Discard auto-renewal',
      blocker: refusal(() => discardAutoRenewal(ar, at)),
      run: () => policies.discardAutoRenewal(ar.id),
    },
  ];
  return (
    <div className="pol-ar" aria-label={`Auto-renewal of term ${ar.termNumber}`}>
      <div className="renewal-line">
        <span className="subtle">Term {ar.termNumber}</span>
        <AutoRenewalBadge state={ar.state} invalidated={ar.invalidatedAt !== null} />
        <span className="subtle">
          {ar.transactionType} · new term of {ar.newTermDurationMonths} months
        </span>
      </div>
      {ar.state === 'error' && (
        <p className="pol-banner pol-banner-error" role="alert">
          <strong>Stopped by an error:</strong> {ar.errorReason ?? 'unknown'}. Edit the trigger
          times (or save them unchanged) to make it active again.
        </p>
      )}
      {ar.invalidatedAt && (
        <p className="pol-banner pol-banner-held">
          Invalidated by a cancellation on {officeTime(ar.invalidatedAt, timeZone)}: nothing runs
          until you reactivate it; it then resumes at the next pending trigger.
        </p>
      )}
      <table className="pol-triggers" aria-label="Trigger times">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Scheduled</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {(['create', 'accept', 'issue'] as const).map((event) => {
            const time = ar[TIME_KEY[event]];
            const done = ar.done[event];
            return (
              <tr key={event}>
                <th scope="row">{EVENT_LABEL[event]}</th>
                <td className="mono">{time ? officeTime(time, timeZone) : 'no action'}</td>
                <td>
                  {done ? (
                    <span className="pol-fired">fired {officeTime(done, timeZone)}</span>
                  ) : time === null ? (
                    <span className="subtle">—</span>
                  ) : !running ? (
                    <span className="subtle">
                      held (
                      {ar.invalidatedAt
                        ? 'invalidated'
                        : ar.state === 'doNotRenew'
                          ? 'Do not renew'
                          : ar.state}
                      )
                    </span>
                  ) : next === time ? (
                    <span className="pol-next">next</span>
                  ) : (
                    <span className="subtle">pending</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="subtle">
        {next === NO_PENDING_TRIGGER
          ? running
            ? 'No trigger pending.'
            : 'No trigger will fire in this state.'
          : `Next trigger: ${officeTime(next, timeZone)}.`}
      </p>
      <ActionBar actions={actions} label="Auto-renewal actions" />
      {open && <TriggerTimes autoRenewal={ar} timeZone={timeZone} />}
      <h3>Plugin log</h3>
      {ar.pluginLog.length === 0 ? (
        <p className="subtle">No plugin has run yet.</p>
      ) : (
        <ol className="pol-log" aria-label="Plugin log">
          {ar.pluginLog.map((entry, i) => (
            <li key={i} data-error={entry.outcome.startsWith('error') ? 'true' : undefined}>
              <span className="mono">{officeTime(entry.at, timeZone)}</span>
              <span className="event-type">{entry.event}</span>
              <span>{entry.plugin}</span>
              <span className="subtle">{entry.outcome}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function TriggerTimes({
  autoRenewal: ar,
  timeZone,
}: {
  autoRenewal: AutoRenewal;
  timeZone: string;
}) {
  const policies = usePolicies();
  const toast = useUi((s) => s.toast);
  const initial = (): TriggerTimesForm => ({
    createTime: ar.createTime ? formatLocalDateTime(ar.createTime, timeZone) : '',
    acceptTime: ar.acceptTime ? formatLocalDateTime(ar.acceptTime, timeZone) : '',
    issueTime: ar.issueTime ? formatLocalDateTime(ar.issueTime, timeZone) : '',
  });
  const [form, setForm] = useState<TriggerTimesForm>(initial);
  const [errors, setErrors] = useState<TriggerFieldErrors>({});
  const key = `${ar.createTime}|${ar.acceptTime}|${ar.issueTime}|${timeZone}`;
  // A change made elsewhere (a plugin, another device) refreshes the form.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setForm(initial()), [key]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await policies.editTriggerTimes(ar.id, form);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    toast('info', 'Trigger times saved.');
  }

  return (
    <details className="pol-edit" open={ar.state === 'error' || undefined}>
      <summary>Edit trigger times</summary>
      <form className="form pol-form" onSubmit={submit} aria-label="Trigger times" noValidate>
        {(['create', 'accept', 'issue'] as const).map((event) => {
          const done = ar.done[event];
          return (
            <Field
              key={event}
              label={`${EVENT_LABEL[event]} at`}
              error={errors[TIME_KEY[event]]}
              hint={
                done
                  ? `Fired ${officeTime(done, timeZone)}; it cannot move`
                  : 'YYYY-MM-DD or YYYY-MM-DD HH:MM; empty = no automatic action'
              }
            >
              <input
                value={form[TIME_KEY[event]]}
                disabled={done !== undefined}
                onChange={(e) => setForm({ ...form, [TIME_KEY[event]]: e.target.value })}
                autoComplete="off"
              />
            </Field>
          );
        })}
        {errors.form && (
          <p className="error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" className="button button-small button-primary">
          Save trigger times
        </button>
      </form>
    </details>
  );
}

function Cancellation({ policy }: { policy: Policy }) {
  const policies = usePolicies();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="card" aria-labelledby="cancel-title">
      <h2 id="cancel-title">Cancellation</h2>
      <p className="subtle pol-lead">
        Recording a cancellation puts an accepted renewal managed by the auto-renewal back to draft
        and invalidates the auto-renewal until you reactivate it.
      </p>
      {confirming ? (
        <ActionBar
          label="Confirm cancellation"
          actions={[
            {
              label: `Yes, cancel policy ${policy.number}`,
              blocker: null,
              run: async () => {
                setConfirming(false);
                return policies.cancelPolicy(policy.id);
              },
            },
            {
              label: 'Keep the policy',
              blocker: null,
              run: async () => {
                setConfirming(false);
                return { ok: true, message: 'Nothing was changed.' };
              },
            },
          ]}
        />
      ) : (
        <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
          Cancel policy…
        </button>
      )}
    </div>
  );
}
