import type { WebhookRequest, WebhookResponse } from '../shared/ipc';
import { postOutbound } from '../server/net/outbound-post';

/**
 * POSTs a webhook plugin's JSON from Electron's main process, under the webhook rules the office
 * server follows too (one Node implementation, server/net/outbound-post.ts): no redirects, private
 * targets only when allow-listed (checked after DNS, connection pinned), 64 KiB of JSON at most,
 * one deadline. Never throws: a failure is a result.
 */
export function postJson(request: WebhookRequest): Promise<WebhookResponse> {
  return postOutbound({ ...request, expectJson: true });
}
