import { useState, type FormEvent } from 'react';
import { Field } from '../features/shared/Field';
import { saveConnection, type ConnectionStorage } from '../sync/connection';
import { fetchSyncInfo } from '../sync/server-api';
import './sign-in.css';

/**
 * The office web app's door: the server that served this page is the office, so a device
 * token is all it asks. The token is checked with the server before it is kept; a refused one
 * says what to do, and nothing typed is cleared.
 */
export function SignIn({
  storage,
  onSignedIn,
}: {
  storage: ConnectionStorage;
  onSignedIn(): void;
}) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const info = await fetchSyncInfo(location.origin, token);
    setBusy(false);
    if (!info.ok) {
      setError(info.errors.token ?? info.errors.url ?? info.errors.form);
      return;
    }
    saveConnection(storage, {
      url: location.origin,
      token: token.trim(),
      officeId: info.value.officeId,
      officeName: info.value.officeName,
      staffId: info.value.staffId,
      role: info.value.role,
      tokenId: info.value.tokenId,
      joinedAt: new Date().toISOString(),
    });
    onSignedIn();
  }

  return (
    <main className="sign-in">
      <form className="card form sign-in-card" onSubmit={submit} noValidate aria-label="Sign in">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ✓
          </span>
          NoLapse
        </div>
        <h1>Sign in to your office</h1>
        <p className="subtle">
          Paste the device token an office admin made for you. It stays in this browser until you
          sign out.
        </p>
        <Field
          label="Device token"
          error={error}
          hint="Admins make tokens in Settings → Sync → Devices"
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
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
