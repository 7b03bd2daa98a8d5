import type { WebhookResult } from '../../shared/policies/plugins.js';
import type { WebhookCall } from '../../shared/jobs/ports.js';

/** POSTs a webhook plugin's JSON from the server, giving up after its timeout. Never throws. */
export async function postWebhookFromServer(call: WebhookCall): Promise<WebhookResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), call.timeoutMs);
  try {
    const response = await fetch(call.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: call.body,
      signal: controller.signal,
      redirect: 'manual',
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    if (controller.signal.aborted) return { error: 'timeout' };
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return { error: cause ?? (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
