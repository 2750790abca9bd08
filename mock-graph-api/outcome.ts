import { formatGraphError, type GraphErrorSpec } from './graph-errors.ts';

/**
 * A transport-neutral request: both the Express adapter and the msw handlers build one of
 * these and hand it to the simulator, so the decision logic never sees Express or Fetch.
 */
export interface MockRequest {
  method: string;
  /** Path without the query string, e.g. `/v21.0/1234/messages`. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header lookup. */
  header(name: string): string | undefined;
  body: Uint8Array;
  /** Origin the client used (`http://127.0.0.1:8089`, `https://graph.facebook.com`), for media URLs. */
  origin: string;
}

/** What the transport must do: answer, drop the connection, or hold it until the client gives up. */
export interface MockOutcome {
  action: 'respond' | 'reset' | 'hold';
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** Wait this long before acting (latency faults). */
  delayMs: number;
  /** For `hold`: how long before the connection is dropped. */
  holdMs: number;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

/** A JSON answer. */
export function respondJson(status: number, body: unknown): MockOutcome {
  return { action: 'respond', status, headers: JSON_HEADERS, body: JSON.stringify(body), delayMs: 0, holdMs: 0 };
}

/** A Graph error answer (envelope + Retry-After when asked). */
export function respondGraphError(spec: GraphErrorSpec): MockOutcome {
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (spec.status === 401) headers['www-authenticate'] = 'OAuth "Facebook Platform" "invalid_token"';
  if (spec.retryAfterS !== undefined) headers['retry-after'] = String(spec.retryAfterS);
  return { action: 'respond', status: spec.status, headers, body: formatGraphError(spec), delayMs: 0, holdMs: 0 };
}
