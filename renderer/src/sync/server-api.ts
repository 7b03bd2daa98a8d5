import { invalid, ok, type Result } from '../../../shared/result';
import type {
  DeliveryClaim,
  DeliveryClaimed,
  DeviceToken,
  NewDeviceToken,
  SyncInfo,
} from '../../../shared/sync/protocol';

type Fetch = typeof fetch;

/**
 * The office server's address as people type it ("192.168.1.20:8787", "nolapse.office.lan"),
 * as an origin the app can call: http:// is assumed when no scheme is given; a path, a query or
 * a scheme other than http(s) is refused with what to type instead.
 */
export function normalizeServerUrl(text: string): Result<string, 'url'> {
  const trimmed = text.trim();
  if (trimmed === '')
    return invalid({ url: 'Enter the office server’s address, e.g. http://192.168.1.20:8787.' });
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return invalid({
      url: `"${trimmed}" is not an address; write it like http://192.168.1.20:8787.`,
    });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return invalid({ url: 'The address must start with http:// or https://.' });
  if (parsed.username || parsed.password)
    return invalid({ url: 'Leave the name and password out of the address; the token signs in.' });
  return ok(parsed.origin);
}

/** What a call to the office server came to, in words people can act on. */
export type CallFailure = { status: number | null; message: string };

async function call<T>(
  fetcher: Fetch,
  url: string,
  init: RequestInit & { token: string },
): Promise<{ ok: true; value: T } | { ok: false; failure: CallFailure }> {
  const { token, ...rest } = init;
  let response: Response;
  try {
    response = await fetcher(url, {
      ...rest,
      cache: 'no-store',
      headers: {
        ...(rest.body ? { 'content-type': 'application/json' } : {}),
        authorization: `Bearer ${token}`,
      },
    });
  } catch {
    return {
      ok: false,
      failure: {
        status: null,
        message: `Could not reach ${new URL(url).origin}: check the address, that the server is running and that this device is on the office network.`,
      },
    };
  }
  const body = (await response.json().catch(() => null)) as
    (T & { message?: string; fields?: Record<string, string> }) | null;
  if (response.ok) return { ok: true, value: body as T };
  return {
    ok: false,
    failure: {
      status: response.status,
      message:
        typeof body?.message === 'string'
          ? body.message
          : `The server answered ${response.status} ${response.statusText}.`,
    },
  };
}

/**
 * Who the token belongs to on the server at `url`. A wrong address and a refused token are
 * told apart, so Settings can put the message under the right field.
 */
export async function fetchSyncInfo(
  url: string,
  token: string,
  fetcher: Fetch = fetch,
): Promise<Result<SyncInfo, 'url' | 'token'>> {
  if (!token.trim()) return invalid({ token: 'Paste the device token an office admin gave you.' });
  const answer = await call<SyncInfo>(fetcher, `${url}/sync/info`, { token: token.trim() });
  if (answer.ok) {
    if (typeof answer.value?.officeId !== 'string')
      return invalid({ url: `${url} answered, but it is not a NoLapse office server.` });
    return ok(answer.value);
  }
  const { status, message } = answer.failure;
  if (status === 401)
    return invalid({
      token:
        'The server does not accept this token: it may be mistyped or revoked. Ask an office admin for a new one.',
    });
  if (status === null) return invalid({ url: message });
  if (status === 404)
    return invalid({ url: `${url} answered, but it is not a NoLapse office server.` });
  return invalid({ url: message });
}

/** What an office admin does on the server: device tokens, signing links. */
export function adminApi(connection: { url: string; token: string }, fetcher: Fetch = fetch) {
  const base = `${connection.url}/admin/tokens`;
  const token = connection.token;
  return {
    async list(): Promise<Result<DeviceToken[]>> {
      const answer = await call<{ items: DeviceToken[] }>(fetcher, base, { token });
      return answer.ok ? ok(answer.value.items) : invalid({ form: answer.failure.message });
    },
    async create(input: {
      label: string;
      staffId: string | null;
      role: DeviceToken['role'];
    }): Promise<Result<NewDeviceToken, 'label' | 'staffId' | 'role'>> {
      if (!input.label.trim()) return invalid({ label: 'Name the device, e.g. "Front desk PC".' });
      let response: Response;
      try {
        response = await fetcher(base, {
          method: 'POST',
          cache: 'no-store',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ ...input, label: input.label.trim() }),
        });
      } catch {
        return invalid({ form: 'Could not reach the office server; try again when it is online.' });
      }
      const body = (await response.json().catch(() => null)) as
        (NewDeviceToken & { message?: string; fields?: Record<string, string> }) | null;
      if (response.ok && body) return ok(body);
      const fields = body?.fields ?? {};
      const errors: Partial<Record<'label' | 'staffId' | 'role' | 'form', string>> = {};
      for (const key of ['label', 'staffId', 'role'] as const)
        if (fields[key]) errors[key] = fields[key];
      if (Object.keys(errors).length === 0)
        errors.form = body?.message ?? `The server answered ${response.status}.`;
      return { ok: false, errors };
    },
    /** A single-use link for a document's worker to sign it in a browser, without the app. */
    async signingLink(instanceId: string): Promise<Result<{ url: string; expiresAt: string }>> {
      const answer = await call<{ url: string; expiresAt: string }>(
        fetcher,
        `${connection.url}/admin/instances/${encodeURIComponent(instanceId)}/signing-link`,
        { method: 'POST', body: '{}', token },
      );
      return answer.ok
        ? ok({ url: answer.value.url, expiresAt: answer.value.expiresAt })
        : invalid({ form: answer.failure.message });
    },
    async revoke(id: string): Promise<Result<null>> {
      const answer = await fetcher(`${base}/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        cache: 'no-store',
        headers: { authorization: `Bearer ${token}` },
      }).catch(() => null);
      if (answer?.status === 204) return ok(null);
      const body = (await answer?.json().catch(() => null)) as { message?: string } | null;
      return invalid({
        form: body?.message ?? 'Could not reach the office server; try again when it is online.',
      });
    },
  };
}

/**
 * Asks the office server which notices nobody's other device showed to a person yet (and
 * records them as shown here): the ids this device may show, or null when the server could not
 * be asked.
 */
export async function claimDeliveries(
  connection: { url: string; token: string },
  claim: DeliveryClaim,
  fetcher: Fetch = fetch,
): Promise<string[] | null> {
  if (claim.ids.length === 0) return [];
  const answer = await call<DeliveryClaimed>(fetcher, `${connection.url}/sync/deliveries`, {
    token: connection.token,
    method: 'POST',
    body: JSON.stringify(claim),
  });
  return answer.ok && Array.isArray(answer.value?.claimed) ? answer.value.claimed : null;
}
