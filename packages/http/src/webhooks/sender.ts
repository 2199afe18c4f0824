import { WebhookTimeout, type WebhookSender } from '@motcua/core';

/** Posts with the platform's `fetch`, no redirects followed, the answer's body discarded. */
export const fetchWebhookSender: WebhookSender = async ({ url, headers, body, timeoutMs }) => {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw new WebhookTimeout(`no answer from the receiver within ${timeoutMs} ms`, { cause: error });
    // `fetch failed` alone does not say why: name the cause (ECONNREFUSED, a timeout…).
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const why = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : (error as Error).name;
    throw new Error(`no answer from the receiver (${why})`, { cause: error });
  }
  await response.body?.cancel().catch(() => undefined);
  return response.status;
};
