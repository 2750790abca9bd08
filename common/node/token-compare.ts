import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Constant-time equality of two secrets (tokens, verify tokens): both sides are hashed to 32 bytes
 * first, so neither their content nor their length leaks through timing.
 */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * A check against a fixed set of accepted tokens, hashed once: each call hashes only the
 * candidate (one SHA-256 on a request path) and compares it with every entry in constant time.
 */
export function createTokenCheck(accepted: readonly string[]): (candidate: string) => boolean {
  const digests = accepted.map(digest);
  return (candidate) => {
    const given = digest(candidate);
    let found = false;
    for (const d of digests) if (timingSafeEqual(given, d)) found = true;
    return found;
  };
}
