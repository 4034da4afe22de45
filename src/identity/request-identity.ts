/**
 * One request to get-identity, read into a card state: the identity card and the inspector's
 * "Use my current session" both ask Access this way. Aborting `controller` (a newer request)
 * ends it; after `timeoutMs` it gives up as an error.
 */
import { classifyAnswer, type IdentityOutcome } from './classify-answer.ts';

export const TIMEOUT_MS = 8000;

export async function requestIdentity(endpoint: string, controller: AbortController, timeoutMs = TIMEOUT_MS): Promise<IdentityOutcome> {
  const timer = setTimeout(() => controller.abort('timeout'), timeoutMs);
  try {
    const response = await fetch(endpoint, {
      credentials: 'same-origin',
      cache: 'no-store',
      // Access answers an expired session with a redirect to its login page; "manual" keeps
      // that from becoming an opaque cross-origin failure, and the header asks Access for a
      // 401 instead (Cloudflare docs, session management, "AJAX").
      redirect: 'manual',
      headers: { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
      signal: controller.signal,
    });
    const redirected = response.type === 'opaqueredirect';
    return classifyAnswer({
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: redirected ? '' : await response.text(),
      redirected,
    });
  } catch {
    return {
      state: 'error',
      detail: controller.signal.reason === 'timeout' ? `no answer within ${timeoutMs / 1000} seconds` : 'the network request failed',
    };
  } finally {
    clearTimeout(timer);
  }
}
