import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DeviceToken, NewDeviceToken } from '../../../../shared/sync/protocol';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useObservable, useServices } from '../shared/services';
import { useDirectory } from '../shared/use-directory';

type Errors = { label?: string; staffId?: string; role?: string; form?: string };

/**
 * Settings → Sync → Devices, for office admins: a token per device (named, for a staff member
 * whose reminders it gets), shown once when made; revoking one stops that device at its next
 * request.
 */
export function DevicesCard() {
  const { sync } = useServices();
  const connection = useObservable(() => sync.connection$, [sync]);
  const { office, staffName } = useDirectory();
  const toast = useUi((s) => s.toast);
  const [tokens, setTokens] = useState<DeviceToken[] | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [form, setForm] = useState({
    label: '',
    staffId: '',
    role: 'staff' as DeviceToken['role'],
  });
  const [errors, setErrors] = useState<Errors>({});
  const [made, setMade] = useState<NewDeviceToken | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const admin = connection?.role === 'admin' ? sync.admin() : null;

  const load = useCallback(async () => {
    if (!admin) return;
    const listed = await admin.list();
    if (listed.ok) {
      setTokens(listed.value);
      setLoadError(undefined);
    } else setLoadError(listed.errors.form);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [connection?.token]);
  useEffect(() => void load(), [load]);
  if (!admin) return null;

  async function create(event: FormEvent) {
    event.preventDefault();
    const result = await admin!.create({
      label: form.label,
      staffId: form.staffId || null,
      role: form.role,
    });
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    setMade(result.value);
    setForm({ label: '', staffId: '', role: 'staff' });
    await load();
  }

  async function revoke(token: DeviceToken) {
    const result = await admin!.revoke(token.id);
    setRevoking(null);
    if (!result.ok) return toast('error', result.errors.form ?? 'Could not revoke the token.');
    toast('info', `${token.label} can no longer sync.`);
    await load();
  }

  const active = tokens?.filter((t) => !t.revokedAt) ?? [];
  return (
    <div className="card form narrow devices-card" aria-labelledby="devices-title">
      <h2 id="devices-title">Devices</h2>
      <p className="subtle">
        Each device signs in with its own token. Name the staff member who uses it: their reminders
        go to it.
      </p>
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      {tokens && (
        <ul className="device-list" aria-label="Device tokens">
          {active.map((t) => (
            <li key={t.id}>
              <span>
                <strong>{t.label}</strong>
                {t.id === connection?.tokenId && <span className="this-device">this device</span>}
                <span className="subtle">
                  {' '}
                  · {t.role === 'admin' ? 'admin' : 'staff'}
                  {t.staffId ? ` · ${staffName(t.staffId)}` : ''} · since {t.createdAt.slice(0, 10)}
                </span>
              </span>
              {revoking === t.id ? (
                <span className="actions">
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => void revoke(t)}
                  >
                    Revoke {t.label}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setRevoking(null)}
                  >
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setRevoking(t.id)}
                  aria-label={`Revoke ${t.label}`}
                >
                  Revoke…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {made && (
        <div className="new-token" role="status">
          <p>
            Token for <strong>{made.label}</strong>. Copy it now: it is not shown again.
          </p>
          <code className="mono" aria-label="New device token">
            {made.token}
          </code>
          <div className="actions">
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(made.token)
                  .then(() => toast('info', 'Token copied.'))
                  .catch(() => toast('error', 'Could not copy; select the token and copy it.'))
              }
            >
              Copy
            </button>
            <button type="button" className="button button-small" onClick={() => setMade(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      <form onSubmit={create} noValidate aria-label="Make a device token">
        <div className="row device-form-row">
          <Field label="Device name" error={errors.label}>
            <input
              value={form.label}
              onChange={(e) => setForm({ ...form, label: e.target.value })}
              placeholder="Front desk PC"
            />
          </Field>
          <Field label="Used by" error={errors.staffId}>
            <select
              value={form.staffId}
              onChange={(e) => setForm({ ...form, staffId: e.target.value })}
            >
              <option value="">Nobody in particular</option>
              {office.staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Role" error={errors.role}>
            <select
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as DeviceToken['role'] })}
            >
              <option value="staff">Staff</option>
              <option value="admin">Office admin</option>
            </select>
          </Field>
        </div>
        {errors.form && (
          <span className="error" role="alert">
            {errors.form}
          </span>
        )}
        <button type="submit" className="button">
          Make a token
        </button>
      </form>
    </div>
  );
}
