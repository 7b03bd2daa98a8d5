import { useEffect, useState, type ReactNode } from 'react';
import { map } from 'rxjs';
import type { PermitInput } from '../../../../shared/customers/customer-input';
import { isInProgress, isSnoozed } from '../../../../shared/renewals/acknowledge';
import { urgencyOf } from '../../../../shared/renewals/queue';
import { checkRecurrence } from '../../../../shared/renewals/recurrence';
import { isOpen } from '../../../../shared/renewals/refresh';
import { serviceTypeLabel } from '../../../../shared/renewals/service-types';
import { PERMIT_STATES, type Customer } from '../../../../shared/schema/customer';
import type { Renewal } from '../../../../shared/schema/renewal';
import { useUi } from '../../store/ui-store';
import { AcknowledgeDialog, type Acknowledgement } from '../renewals/AcknowledgeDialog';
import { AcknowledgementBadge } from '../renewals/AcknowledgementBadge';
import { CompleteRenewalDialog } from '../renewals/CompleteRenewalDialog';
import { ReassignForm } from '../renewals/ReassignForm';
import { daysUntilDue } from '../../../../shared/time';
import { Field } from '../shared/Field';
import { useAct, useObservable, useServices, useToday } from '../shared/services';
import { useEntryForm } from '../shared/use-entry-form';
import { useDirectory } from '../shared/use-directory';
import { UrgencyBadge } from '../shared/UrgencyBadge';
import { RenewalForm } from './RenewalForm';
import { Timeline } from './Timeline';
import './customers.css';
import { LIMITS } from '../../../../shared/limits';
import { KeptByMigration } from '../shared/KeptByMigration';

/** One customer: renewals, tasks, timeline, permits, and what other domains add (`panels`). */
export function CustomerPage({
  customerId,
  highlight,
  panels,
}: {
  customerId: string;
  highlight?: string;
  panels?: (customerId: string) => ReactNode;
}) {
  const { data } = useServices();
  const customer = useObservable(() => data.customers.watch(customerId), [data, customerId]);
  const directory = useDirectory();
  if (customer === undefined) return <p className="empty">Loading customer…</p>;
  if (customer === null)
    return (
      <p className="empty">
        This customer does not exist. <a href="#/customers">Back to customers</a>
      </p>
    );
  return (
    <section className="page" aria-labelledby="customer-title">
      <header className="page-header">
        <div>
          <p className="crumbs">
            <a href="#/customers">Customers</a> /
          </p>
          <h1 id="customer-title">{customer.name}</h1>
          <p className="subtle">
            {[customer.email, customer.phone, customer.nationality].filter(Boolean).join(' · ') ||
              'No contact details'}{' '}
            · Agent: {directory.staffName(customer.assigneeId)}
          </p>
          <KeptByMigration kept={customer.keptByMigration} what="this customer" />
        </div>
      </header>
      <div className="two-columns">
        <div className="stack">
          <Renewals customer={customer} highlight={highlight} />
          <Tasks customerId={customer.id} />
          <Timeline customerId={customer.id} />
        </div>
        <div className="stack">
          <RenewalForm
            customerId={customer.id}
            defaultAssignee={customer.assigneeId}
            office={directory.office}
          />
          <Permits customer={customer} />
          {panels?.(customer.id)}
        </div>
      </div>
    </section>
  );
}

function Renewals({ customer, highlight }: { customer: Customer; highlight?: string | undefined }) {
  const { data, jobs } = useServices();
  const act = useAct();
  const toast = useUi((s) => s.toast);
  const today = useToday();
  const directory = useDirectory();
  const renewals = useObservable(
    () => data.renewals.watchOfCustomer(customer.id),
    [data, customer.id],
  );
  useEffect(() => {
    if (highlight)
      document.getElementById(`renewal-${highlight}`)?.scrollIntoView({ block: 'center' });
  }, [highlight, renewals]);

  const [completing, setCompleting] = useState<Renewal | null>(null);
  const [acknowledging, setAcknowledging] = useState<{
    kind: Acknowledgement;
    renewal: Renewal;
  } | null>(null);
  const cancel = (id: string) =>
    act(
      () => jobs.renewals.cancelRenewal(id),
      () => 'Renewal cancelled; it stays in the history.',
    );
  const clearSnooze = (id: string) =>
    act(
      () => jobs.renewals.clearSnooze(id),
      () => 'Snooze cleared: reminders resumed.',
    );
  const clearInProgress = (id: string) =>
    act(
      () => jobs.renewals.clearInProgress(id),
      () => 'No longer in progress: reminders resumed.',
    );

  return (
    <div className="card" aria-labelledby="renewals-title">
      <h2 id="renewals-title">Renewals</h2>
      {!renewals || !today ? (
        <p className="empty">Loading…</p>
      ) : renewals.length === 0 ? (
        <p className="empty">
          No renewals yet. Create one with the form, or add a permit: an approved residence permit
          or an issued work permit gets its renewal automatically.
        </p>
      ) : (
        <ul className="list renewals" aria-label="Renewals of this customer">
          {renewals.map((r) => (
            <li
              key={r.id}
              id={`renewal-${r.id}`}
              className={r.id === highlight ? 'highlight' : undefined}
              aria-current={r.id === highlight ? 'true' : undefined}
            >
              <div className="renewal-line">
                <UrgencyBadge
                  urgency={urgencyOf(r, today)}
                  days={daysUntilDue(r.dueDate, today)}
                  status={r.status}
                />
                <strong>{serviceTypeLabel(r.serviceType)}</strong>
                <span className="mono">due {r.dueDate}</span>
                {r.complianceFlag && <span className="flag">Compliance flag</span>}
                <AcknowledgementBadge renewal={r} today={today} />
              </div>
              <Acknowledged renewal={r} today={today} staffName={directory.staffName} />
              <div className="renewal-meta subtle">
                {directory.staffName(r.assigneeId)}
                {r.policyId ? ` · Policy ${r.policyId}` : ''}
                {r.recurrence ? ` · ${repeatsText(r.recurrence)}` : ''}
                {r.previousRenewalId ? ' · Follows an earlier renewal' : ''}
                {r.notes ? ` · ${r.notes}` : ''}
              </div>
              <KeptByMigration kept={r.keptByMigration} what="this renewal" />
              {isOpen(r) && (
                <div className="actions">
                  <button
                    type="button"
                    className="button button-small button-primary"
                    onClick={() => setCompleting(r)}
                  >
                    Complete
                  </button>
                  {isSnoozed(r, today) ? (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => void clearSnooze(r.id)}
                    >
                      Clear snooze
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setAcknowledging({ kind: 'snooze', renewal: r })}
                    >
                      Snooze…
                    </button>
                  )}
                  {isInProgress(r) ? (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => void clearInProgress(r.id)}
                    >
                      Clear in progress
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setAcknowledging({ kind: 'in-progress', renewal: r })}
                    >
                      Mark in progress…
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => void cancel(r.id)}
                  >
                    Cancel renewal
                  </button>
                  <ReassignForm
                    what={`${serviceTypeLabel(r.serviceType)} due ${r.dueDate}`}
                    current={r.assigneeId}
                    staff={directory.office.staff}
                    onReassign={(input) => jobs.renewals.reassignRenewal(r.id, input)}
                    onDone={(renewal) =>
                      toast(
                        'info',
                        `Now with ${directory.staffName(renewal.assigneeId)}; its open tasks followed.`,
                      )
                    }
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {completing && (
        <CompleteRenewalDialog
          renewal={completing}
          customerName={customer.name}
          onClose={() => setCompleting(null)}
        />
      )}
      {acknowledging && (
        <AcknowledgeDialog
          kind={acknowledging.kind}
          renewal={acknowledging.renewal}
          customerName={customer.name}
          onClose={() => setAcknowledging(null)}
        />
      )}
    </div>
  );
}

/** Who marked it in progress and why, or the snooze's note: what the badge stands for. */
function Acknowledged({
  renewal,
  today,
  staffName,
}: {
  renewal: Renewal;
  today: string;
  staffName: (id: string) => string;
}) {
  if (isInProgress(renewal))
    return (
      <p className="ack-note">
        {`In progress since ${renewal.inProgressSince!.slice(0, 10)}${
          renewal.inProgressBy ? ` (${staffName(renewal.inProgressBy)})` : ''
        }: “${renewal.inProgressNote ?? ''}”`}
      </p>
    );
  if (isSnoozed(renewal, today))
    return (
      <p className="ack-note">
        Reminders resume on {renewal.snoozedUntil}
        {renewal.snoozeNote ? `: “${renewal.snoozeNote}”` : ''}
      </p>
    );
  return null;
}

function repeatsText(recurrence: string): string {
  const check = checkRecurrence(recurrence);
  return check.ok ? `Repeats ${check.text}` : 'Repeats';
}

function Tasks({ customerId }: { customerId: string }) {
  const { data } = useServices();
  const directory = useDirectory();
  const tasks = useObservable(
    () => data.tasks.watchOpen().pipe(map((all) => all.filter((t) => t.customerId === customerId))),
    [data, customerId],
  );
  if (!tasks || tasks.length === 0) return null;
  return (
    <div className="card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">Open tasks</h2>
      <ul className="list" aria-label="Open tasks">
        {tasks.map((t) => (
          <li key={t.id}>
            <span className={`priority priority-${t.priority.toLowerCase()}`}>{t.priority}</span>{' '}
            {t.title}
            <span className="subtle"> · {directory.staffName(t.assigneeId)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Permits({ customer }: { customer: Customer }) {
  const { jobs } = useServices();
  const act = useAct();
  const empty: PermitInput = {
    kind: 'RESIDENCE_PERMIT',
    number: '',
    state: 'APPLIED',
    expiresOn: '',
  };
  const { form, errors, set, submit } = useEntryForm(
    empty,
    (typed) => jobs.renewals.addPermit(customer.id, typed),
    () => empty,
  );

  async function changePermitState(permitId: string, state: PermitInput['state']) {
    const permit = customer.permits.find((p) => p.id === permitId);
    await act(
      () => jobs.renewals.setPermitState(customer.id, permitId, state),
      (renewal) =>
        renewal
          ? `Renewal due ${renewal.dueDate} created for this permit.`
          : permit?.kind === 'WORK_PERMIT' && state === 'APPROVED'
            ? 'A work permit gets its renewal once it is issued: set it to Issued then.'
            : `Permit ${permit?.number ?? ''} is now ${state.toLowerCase()}.`,
    );
  }

  return (
    <div className="card" aria-labelledby="permits-title">
      <h2 id="permits-title">Permits</h2>
      {customer.permits.length > 0 && (
        <ul className="list permits" aria-label="Permits">
          {customer.permits.map((p) => (
            <li key={p.id} className="permit">
              <span>
                <strong>
                  {p.kind === 'RESIDENCE_PERMIT' ? 'Residence' : 'Work'} permit {p.number}
                </strong>
                <span className="subtle"> · expires {p.expiresOn}</span>
              </span>
              <label>
                <span className="visually-hidden">State of permit {p.number}</span>
                <select
                  value={p.state}
                  onChange={(e) =>
                    void changePermitState(p.id, e.target.value as PermitInput['state'])
                  }
                >
                  {PERMIT_STATES.map((s) => (
                    <option key={s} value={s}>
                      {s.charAt(0) + s.slice(1).toLowerCase()}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
      )}
      <form className="form compact" onSubmit={submit} noValidate aria-label="Add permit">
        <div className="row">
          <Field label="Permit" error={errors.kind}>
            <select value={form.kind} onChange={set('kind')}>
              <option value="RESIDENCE_PERMIT">Residence permit</option>
              <option value="WORK_PERMIT">Work permit</option>
            </select>
          </Field>
          <Field label="Number" error={errors.number}>
            <input value={form.number} onChange={set('number')} maxLength={LIMITS.number} />
          </Field>
        </div>
        <div className="row">
          <Field label="State" error={errors.state}>
            <select value={form.state} onChange={set('state')}>
              {PERMIT_STATES.map((s) => (
                <option key={s} value={s}>
                  {s.charAt(0) + s.slice(1).toLowerCase()}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Expires on" error={errors.expiresOn}>
            <input value={form.expiresOn} onChange={set('expiresOn')} placeholder="2027-01-31" />
          </Field>
        </div>
        <p className="hint">
          An approved residence permit or an issued work permit gets its renewal automatically.
        </p>
        <button type="submit" className="button">
          Add permit
        </button>
      </form>
    </div>
  );
}
