/**
 * How a client must treat each Graph API error code Meta documents for Cloud API (clients key on
 * `code`; the HTTP status varies in practice, 400 or 429 for limits). One table: the mock answers
 * with these codes, the reference connector retries by them, the reports judge the target by them.
 *
 * - `throughput-limit`: 130429, sends per second per business number (80 by default, up to 1000).
 * - `pair-rate`: 131056, messages to one user (about 1 per 6 s, bursts allowed).
 * - `account-limit`: 80007 (WhatsApp Business Account) and 4 (app) request limits.
 * - `transient`: 1, 2, 131000, 131016: retry with backoff.
 * - `do-not-retry`: the same request fails again: 100, 131008, 131009 (bad request), 131026
 *   (undeliverable), 131047 (24 h window closed), 131051 (unsupported type), 190 (access token,
 *   HTTP 401: a configuration error).
 */
export type GraphErrorClass = 'throughput-limit' | 'pair-rate' | 'account-limit' | 'transient' | 'do-not-retry';

export interface GraphErrorCode {
  class: GraphErrorClass;
  /** The HTTP status Cloud API usually sends it with (limits: 429, though 400 happens too). */
  httpStatus: number;
}

export const GRAPH_ERROR_CODES: Readonly<Record<number, GraphErrorCode>> = {
  130429: { class: 'throughput-limit', httpStatus: 429 },
  131056: { class: 'pair-rate', httpStatus: 429 },
  80007: { class: 'account-limit', httpStatus: 429 },
  4: { class: 'account-limit', httpStatus: 429 },
  1: { class: 'transient', httpStatus: 500 },
  2: { class: 'transient', httpStatus: 503 },
  131000: { class: 'transient', httpStatus: 500 },
  131016: { class: 'transient', httpStatus: 503 },
  100: { class: 'do-not-retry', httpStatus: 400 },
  131008: { class: 'do-not-retry', httpStatus: 400 },
  131009: { class: 'do-not-retry', httpStatus: 400 },
  131026: { class: 'do-not-retry', httpStatus: 400 },
  131047: { class: 'do-not-retry', httpStatus: 400 },
  131051: { class: 'do-not-retry', httpStatus: 400 },
  190: { class: 'do-not-retry', httpStatus: 401 },
};

const RATE_LIMITS: readonly GraphErrorClass[] = ['throughput-limit', 'pair-rate', 'account-limit'];

/** The class of a code, or undefined for a code the table does not know (judge it by HTTP status). */
export function graphErrorClass(code: number): GraphErrorClass | undefined {
  return GRAPH_ERROR_CODES[code]?.class;
}

/** Codes of the given classes, in ascending order. */
export function graphErrorCodesOf(...classes: GraphErrorClass[]): number[] {
  return Object.entries(GRAPH_ERROR_CODES)
    .filter(([, entry]) => classes.includes(entry.class))
    .map(([code]) => Number(code))
    .sort((a, b) => a - b);
}

/** A rate limit of any kind: slow down, honour Retry-After, then retry. */
export function isRateLimitCode(code: number): boolean {
  const cls = graphErrorClass(code);
  return cls !== undefined && RATE_LIMITS.includes(cls);
}

/** A rate limit or a transient error: a correct client retries it until Graph accepts. */
export function isRetryableGraphCode(code: number): boolean {
  return isRateLimitCode(code) || graphErrorClass(code) === 'transient';
}

/** The same request fails again: a correct client gives the message up (a retry is a defect). */
export function isDoNotRetryCode(code: number): boolean {
  return graphErrorClass(code) === 'do-not-retry';
}
