import type { WebhookResult } from '../../shared/policies/plugins.js';
import type { WebhookCall } from '../../shared/jobs/ports.js';
import { postOutbound } from '../net/outbound-post.js';

/**
 * POSTs a webhook plugin's JSON from the office server under the webhook rules (see
 * server/net/outbound-post.ts); the office's allow-list comes with the call. Never throws.
 */
export function postWebhookFromServer(call: WebhookCall): Promise<WebhookResult> {
  return postOutbound({ ...call, expectJson: true });
}
