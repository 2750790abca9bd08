/** How one webhook attempt ended, from the HTTP status (0 = no answer) and k6's error code. */
export type Outcome = 'ok' | 'redirect' | 'client-error' | 'server-error' | 'timeout' | 'connection-error';

/** k6 error code for a request timeout (k6 docs: error codes, 1050). */
export const K6_TIMEOUT_ERROR_CODE = 1050;

export function classifyOutcome(status: number, errorCode: number): Outcome {
  if (status === 0) return errorCode === K6_TIMEOUT_ERROR_CODE ? 'timeout' : 'connection-error';
  if (status >= 200 && status < 300) return 'ok';
  if (status >= 300 && status < 400) return 'redirect';
  return status >= 500 ? 'server-error' : 'client-error';
}

/** Counted in the error rate: everything but a signed 2xx, a forged 401/403 or a forged 2xx (own gate). */
export function isErrorOutcome(outcome: Outcome, signed: boolean, status: number): boolean {
  if (outcome === 'ok') return false;
  return signed || !(status === 401 || status === 403);
}
