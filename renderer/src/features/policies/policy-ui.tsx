import { useId, useState } from 'react';
import type {
  AutoRenewalPlan,
  AutoRenewalState,
  Instant,
  Policy,
  TransactionState,
} from '../../../../shared/policies/model';
import { PLANS_CONFIG_ID, type PlansConfig } from '../../../../shared/policies/plan';
import { firstError, type Result } from '../../../../shared/result';
import { routes } from '../../../../shared/routes';
import { formatLocalDateTime } from '../../../../shared/time';
import { useUi } from '../../store/ui-store';
import { useObservable, useServices } from '../shared/services';

export const policyRoute = routes.policy;

/** The policy operations (issue, cancel, plans, …), each happening when it is called. */
export function usePolicies() {
  return useServices().jobs.policies;
}

export function usePlans(): AutoRenewalPlan[] | undefined {
  const { data } = useServices();
  const config = useObservable(() => data.config.watchValue<PlansConfig>(PLANS_CONFIG_ID), [data]);
  return config === undefined ? undefined : (config?.plans ?? []);
}

/** An instant as the office sees it: a date, with the time when it is not midnight. */
export function officeTime(instant: Instant | null | undefined, timeZone: string): string {
  return instant ? formatLocalDateTime(instant, timeZone) : '—';
}

const AUTO_RENEWAL_LABEL: Record<AutoRenewalState, string> = {
  active: 'Active',
  issued: 'Issued',
  doNotRenew: 'Do not renew',
  terminated: 'Terminated',
  discarded: 'Discarded',
  error: 'Error',
};
const AUTO_RENEWAL_BADGE: Record<AutoRenewalState, string> = {
  active: 'badge-month',
  issued: 'badge-closed',
  doNotRenew: 'badge-overdue',
  terminated: 'badge-later',
  discarded: 'badge-later',
  error: 'badge-week',
};

export function AutoRenewalBadge({
  state,
  invalidated,
}: {
  state: AutoRenewalState;
  invalidated?: boolean;
}) {
  return (
    <span
      className={`badge ${invalidated ? 'badge-fortnight' : AUTO_RENEWAL_BADGE[state]}`}
      data-state={state}
    >
      {AUTO_RENEWAL_LABEL[state]}
      {invalidated ? ' · invalidated' : ''}
    </span>
  );
}

/** "Cancelled" next to a cancelled policy's number; nothing for an active one. */
export function PolicyStateBadge({ policy }: { policy: Policy }) {
  return policy.state === 'cancelled' ? (
    <span className="badge badge-overdue pol-state" data-state="cancelled">
      Cancelled
    </span>
  ) : null;
}

const TX_BADGE: Record<TransactionState, string> = {
  draft: 'badge-later',
  accepted: 'badge-month',
  issued: 'badge-closed',
  invalidated: 'badge-fortnight',
  rejected: 'badge-overdue',
  refused: 'badge-overdue',
  discarded: 'badge-later',
};

export function TransactionBadge({ state }: { state: TransactionState }) {
  return <span className={`badge ${TX_BADGE[state]}`}>{state}</span>;
}

export type Action = {
  label: string;
  /** Why the action is not allowed now; null when it is. */
  blocker: string | null;
  run: () => Promise<Result<string>>;
  primary?: boolean;
};

/**
 * Buttons for `actions`; a disabled one says why in its tooltip and in a visible line under
 * the buttons, tied to it for screen readers.
 */
export function ActionBar({ actions, label }: { actions: Action[]; label: string }) {
  const id = useId();
  const toast = useUi((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function run(action: Action) {
    setBusy(true);
    setFailure(null);
    try {
      const result = await action.run();
      if (result.ok) toast('info', result.value);
      else setFailure(firstError(result.errors));
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const blocked = actions.filter((a) => a.blocker);
  return (
    <div className="pol-actions" role="group" aria-label={label}>
      <div className="actions">
        {actions.map((action, i) => (
          <button
            key={action.label}
            type="button"
            className={`button button-small${action.primary && !action.blocker ? ' button-primary' : ''}`}
            disabled={busy || action.blocker !== null}
            title={action.blocker ?? undefined}
            aria-describedby={action.blocker ? `${id}-why-${i}` : undefined}
            onClick={() => void run(action)}
          >
            {action.label}
          </button>
        ))}
      </div>
      {failure && (
        <p className="pol-refused" role="alert">
          {failure}
        </p>
      )}
      {blocked.length > 0 && (
        <ul className="pol-blockers">
          {actions.map((action, i) =>
            action.blocker ? (
              <li key={action.label} id={`${id}-why-${i}`}>
                <strong>{action.label}:</strong> {action.blocker}
              </li>
            ) : null,
          )}
        </ul>
      )}
    </div>
  );
}
