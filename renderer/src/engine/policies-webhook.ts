import type { WebhookPluginRef } from '../../../shared/policies/model';
import type { WebhookResult } from '../../../shared/policies/plugins';

/**
 * POSTs a webhook plugin's JSON body and reads the answer, giving up after the plugin's
 * `timeoutMs` (the whole exchange, body included). Never throws: a failure is a result.
 */
export async function postWebhook(plugin: WebhookPluginRef, body: string): Promise<WebhookResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), plugin.timeoutMs);
  try {
    const response = await fetch(plugin.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: controller.signal,
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
