import type { WebhookPluginRef } from '../../../shared/policies/model';
import type { WebhookResult } from '../../../shared/policies/plugins';
import { postJson } from '../platform/post-json';

/** POSTs a webhook plugin's JSON body directly (tests, and web mode through the same code). */
export function postWebhook(plugin: WebhookPluginRef, body: string): Promise<WebhookResult> {
  return postJson({ url: plugin.url, body, timeoutMs: plugin.timeoutMs });
}
