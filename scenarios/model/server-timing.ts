const DEDUPE = /(?:^|,)\s*dedupe\s*(?:;[^,]*?)?;\s*dur\s*=\s*"?([0-9]+(?:\.[0-9]+)?)/i;

/**
 * Dedupe overhead in ms from a `Server-Timing` header value (`dedupe;dur=1.8`, possibly among
 * other metrics: `db;dur=3, dedupe;desc="redis";dur=0.7`); undefined when absent or malformed.
 */
export function parseDedupeMs(header: string | readonly string[] | undefined | null): number | undefined {
  if (header === undefined || header === null) return undefined;
  const value = typeof header === 'string' ? header : header.join(',');
  const match = DEDUPE.exec(value);
  return match ? Number(match[1]) : undefined;
}
