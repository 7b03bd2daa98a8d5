import type { WebhookRequest, WebhookResponse } from '../../../shared/ipc';
import {
  contentTypeRefusal,
  IDEMPOTENCY_HEADER,
  isJsonContentType,
  MAX_WEBHOOK_REPLY_BYTES,
  redirectRefusal,
  tooLargeRefusal,
  webhookUrlProblem,
} from '../../../shared/policies/webhook-rules';

/**
 * POSTs a webhook plugin's JSON from the browser (web mode without an office server) under the
 * webhook rules as far as a page can keep them: address literals that are not public and local
 * names (localhost, .local, …) are refused unless allow-listed, no redirect is followed, at most
 * 64 KiB is read (the stream is cancelled past it), one deadline covers the body, a 2xx reply
 * with a body must be application/json, and the Idempotency-Key header is sent. What a page
 * cannot do: resolve a name to check its addresses or pin the connection to them, so a public
 * name that resolves to a private address is not caught here (main and the server catch it).
 * The target must allow this page's origin, and the Idempotency-Key header, by CORS. Never throws.
 */
export async function postJson(request: WebhookRequest): Promise<WebhookResponse> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return {
      error: `The webhook address “${request.url}” is not a full http:// or https:// address.`,
      refused: true,
    };
  }
  const problem = webhookUrlProblem(url, request.allowedHosts);
  if (problem) return { error: problem, refused: true };
  const controller = new AbortController();
  let refusal: string | null = null;
  const refuse = (reason: string): WebhookResponse => {
    refusal = reason;
    controller.abort();
    return { error: reason, refused: true };
  };
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const response = await fetch(url.href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: request.idempotencyKey },
      body: request.body,
      signal: controller.signal,
      redirect: 'manual',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
    });
    // A browser hides a stopped redirect behind an opaque response; Node's fetch shows it.
    if (response.type === 'opaqueredirect') return refuse(redirectRefusal(null, null));
    if (response.status >= 300 && response.status <= 399)
      return refuse(redirectRefusal(response.status, response.headers.get('location')));
    if (response.status < 200 || response.status > 299) {
      void response.body?.cancel().catch(() => undefined);
      return { status: response.status, body: '' };
    }
    if (Number(response.headers.get('content-length') ?? NaN) > MAX_WEBHOOK_REPLY_BYTES)
      return refuse(tooLargeRefusal());
    const contentType = response.headers.get('content-type');
    const json = isJsonContentType(contentType);
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (!json && bytes > 0) {
        void reader.cancel().catch(() => undefined);
        return refuse(contentTypeRefusal(contentType));
      }
      if (bytes > MAX_WEBHOOK_REPLY_BYTES) {
        void reader.cancel().catch(() => undefined);
        return refuse(tooLargeRefusal());
      }
      chunks.push(value);
    }
    const all = new Uint8Array(bytes);
    let offset = 0;
    for (const chunk of chunks) {
      all.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { status: response.status, body: new TextDecoder().decode(all) };
  } catch (error) {
    if (refusal) return { error: refusal, refused: true };
    if (controller.signal.aborted) return { error: 'timeout' };
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    const message = cause ?? (error as Error).message;
    // Browsers say only "Failed to fetch" for every network or CORS failure.
    return {
      error: /failed to fetch/i.test(message)
        ? `${message} (the browser does not say why: the address may be down or not allow this page, and its Idempotency-Key header, by CORS)`
        : message,
    };
  } finally {
    clearTimeout(timer);
  }
}
