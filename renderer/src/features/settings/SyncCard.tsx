import { useState, type FormEvent } from 'react';
import { formatLocalDateTime } from '../../../../shared/time';
import type { SyncStatus } from '../../sync/manager';
import type { JoinPlan } from '../../sync/manager';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useObservable, useServices } from '../shared/services';
import { useDirectory } from '../shared/use-directory';

type Errors = { url?: string; token?: string; form?: string };

/** What joining did, in the words of the toast. */
function joinedMessage(plan: JoinPlan): string {
  const office = plan.info.officeName;
  switch (plan.kind) {
    case 'upload':
      return `Connected to ${office}: this device's ${plan.localRecords} records are being sent to the office.`;
    case 'download':
      return `Connected to ${office}: its records are arriving on this device.`;
    case 'merge':
      return `Merging with ${office}: this device's records go up, the office's come down.`;
    case 'rejoin':
      return `Connected to ${office} again.`;
  }
}

/** One line on what sync is doing now, and what to do about it. */
function StatusLine({ status, zone }: { status: SyncStatus; zone: string }) {
  const at = (instant: string) => formatLocalDateTime(instant, zone).slice(11);
  switch (status.state) {
    case 'off':
      return null;
    case 'syncing':
      return (
        <p className="sync-status" data-state="syncing">
          Syncing with {status.office}…
        </p>
      );
    case 'synced':
      return (
        <p className="sync-status" data-state="synced">
          Synced with {status.office} · last at {at(status.lastSyncedAt)}
        </p>
      );
    case 'standby':
      return (
        <p className="sync-status" data-state="standby">
          Another NoLapse window on this device keeps it in sync with {status.office}.
        </p>
      );
    case 'offline':
      return (
        <p className="sync-status" data-state="offline">
          Offline since {at(status.since)}. Changes stay on this device and are sent when{' '}
          {status.office} is reachable again.
        </p>
      );
    case 'error':
      return (
        <div className="sync-status" data-state="error" role="alert">
          <strong>{status.reason}</strong>
          <span>{status.action}</span>
        </div>
      );
  }
}

/**
 * Settings → Sync: connect this device to the office server (address and device token), see
 * what sync is doing, and leave. Joining says first what will happen; merging this device's
 * records into an office that has its own is asked before anything is sent.
 */
export function SyncCard() {
  const { sync } = useServices();
  const { office, staffName } = useDirectory();
  const toast = useUi((s) => s.toast);
  const status = useObservable(() => sync.status$, [sync]) ?? { state: 'off' };
  const connection = useObservable(() => sync.connection$, [sync]) ?? null;
  const [url, setUrl] = useState(connection?.url ?? '');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<JoinPlan | null>(null);
  const [leaving, setLeaving] = useState(false);
  const needsForm = status.state === 'off' || (status.state === 'error' && status.stopped);

  async function join(plan: JoinPlan) {
    const joined = await sync.join(plan);
    setAsking(null);
    if (!joined.ok) return setErrors(joined.errors);
    setToken('');
    setErrors({});
    toast('info', joinedMessage(plan));
  }

  async function check(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const plan = await sync.plan(url || connection?.url || '', token);
    setBusy(false);
    if (!plan.ok) return setErrors(plan.errors);
    setErrors({});
    if (plan.value.kind === 'merge') setAsking(plan.value);
    else await join(plan.value);
  }

  async function leave() {
    if (sync.leaving === 'sign-out') {
      const sent = await sync.awaitInSync(3000);
      if (!sent && !leaving) {
        toast(
          'error',
          'Some changes have not reached the office yet; sign out again to drop them.',
        );
        setLeaving(true);
        return;
      }
    }
    await sync.leave();
    setLeaving(false);
    toast('info', sync.leaving === 'sign-out' ? 'Signed out.' : 'This device no longer syncs.');
  }

  return (
    <div className="card form narrow sync-card" aria-labelledby="sync-title">
      <h2 id="sync-title">Sync</h2>
      {status.state === 'off' && (
        <p className="subtle">
          Connect this device to your office server so everyone works on one queue. It keeps working
          offline and catches up when the server is back.
        </p>
      )}
      <StatusLine status={status} zone={office.timeZone} />
      {connection && (
        <dl className="sync-details">
          <dt>Office server</dt>
          <dd className="mono">{connection.url}</dd>
          <dt>Office</dt>
          <dd>{connection.officeName}</dd>
          <dt>This device's token</dt>
          <dd>
            {connection.role === 'admin' ? 'Office admin' : 'Staff'}
            {connection.staffId ? ` · ${staffName(connection.staffId)}` : ''}
          </dd>
        </dl>
      )}
      {asking ? (
        <div className="sync-question" role="group" aria-label="Merge with the office">
          <p>
            <strong>{asking.info.officeName}</strong> already has records, and this device has{' '}
            {asking.localRecords} of its own. Merging sends this device's records to the office and
            brings the office's here; the office's settings (name, time zone, staff) replace this
            device's. Records edited on both sides keep the office's version, noted on the timeline.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void join(asking)}
            >
              Merge and sync
            </button>
            <button type="button" className="button" onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : needsForm ? (
        <form onSubmit={check} noValidate aria-label="Connect to the office server">
          {connection ? null : (
            <Field label="Office server" error={errors.url} hint="The address your admin gave you">
              <input
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                placeholder="http://192.168.1.20:8787"
                spellCheck={false}
              />
            </Field>
          )}
          <Field
            label={connection ? 'New device token' : 'Device token'}
            error={errors.token ?? (connection ? errors.url : undefined)}
            hint="An office admin makes one in Settings → Sync → Devices"
          >
            <input
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              placeholder="nl_…"
            />
          </Field>
          {errors.form && (
            <span className="error" role="alert">
              {errors.form}
            </span>
          )}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Checking…' : 'Connect'}
          </button>
        </form>
      ) : null}
      {connection && !asking && (
        <div className="actions">
          {!needsForm && (
            <button type="button" className="button" onClick={() => sync.syncNow()}>
              Sync now
            </button>
          )}
          <button type="button" className="button" onClick={() => void leave()}>
            {sync.leaving === 'sign-out'
              ? leaving
                ? 'Sign out anyway'
                : 'Sign out'
              : 'Disconnect this device'}
          </button>
        </div>
      )}
    </div>
  );
}
