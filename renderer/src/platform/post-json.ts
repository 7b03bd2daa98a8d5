import type { WebhookRequest, WebhookResponse } from '../../../shared/ipc';

/**
 * POSTs JSON and reads the answer, giving up after `timeoutMs` (the whole exchange, body
 * included). Never throws: a failure is a result. main/post-json.ts is the same for Electron's
 * main process, which the renderer's modules cannot be imported into.
 */
export async function postJson(request: WebhookRequest): Promise<WebhookResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request.body,
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
