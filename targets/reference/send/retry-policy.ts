import { graphErrorClass, isRateLimitCode, type Rng } from '../../../common/core/index.ts';

/** What one Graph API attempt came back with, reduced to what the retry decision needs. */
export type AttemptResult =
  | { kind: 'ok'; status: number }
  | { kind: 'http-error'; status: number; code: number | undefined; retryAfterMs: number | undefined }
  | { kind: 'network-error'; reason: string }
  | { kind: 'timeout' };

/** retry: transient; rate-limit: slow down (honour Retry-After); fatal: never retry. */
export type ErrorClass = 'retry' | 'rate-limit' | 'fatal';

/**
 * Classifies a failed attempt by Meta's error code first (common/core's taxonomy: HTTP status
 * varies in practice for limits), then by status: 429 rate-limit, 5xx transient, any other 4xx final.
 */
export function classifyFailure(result: Exclude<AttemptResult, { kind: 'ok' }>): ErrorClass {
  if (result.kind !== 'http-error') return 'retry';
  if (result.code !== undefined && isRateLimitCode(result.code)) return 'rate-limit';
  if (result.status === 429) return 'rate-limit';
  if (result.code !== undefined && graphErrorClass(result.code) === 'transient') return 'retry';
  if (result.status >= 500) return 'retry';
  return 'fatal';
}

export interface BackoffTuning {
  retryBaseMs: number;
  retryMaxDelayMs: number;
  rateLimitBaseMs: number;
  rateLimitMaxDelayMs: number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry): exponential with full jitter in
 * [cap/2, cap], so replicas hit by the same outage do not retry in lockstep. A Retry-After
 * header wins over the computed delay for rate limits (bounded by the rate-limit cap).
 */
export function computeBackoffMs(
  errorClass: 'retry' | 'rate-limit',
  attempt: number,
  rng: Rng,
  tuning: BackoffTuning,
  retryAfterMs?: number,
): number {
  const base = errorClass === 'rate-limit' ? tuning.rateLimitBaseMs : tuning.retryBaseMs;
  const max = errorClass === 'rate-limit' ? tuning.rateLimitMaxDelayMs : tuning.retryMaxDelayMs;
  if (errorClass === 'rate-limit' && retryAfterMs !== undefined) return Math.min(retryAfterMs, max);
  const cap = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + rng.next() * (cap / 2));
}

/** Parses Retry-After: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
