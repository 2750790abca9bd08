import type { Counters } from '../../common/contracts/index.ts';

/**
 * When most signed attempts were refused with 4xx, the likeliest cause is a signature the target
 * cannot verify: the harness signs with WA_APP_SECRET, the target with its own app secret. The
 * run record counts 4xx without the status, so a 404 (wrong path) is named too. Pure.
 *
 * @example diagnoseRefusedSignature(counters) // 'The target refused 98 of 100 signed attempts with 4xx: …'
 */
export function diagnoseRefusedSignature(c: Counters): string | undefined {
  const signed = Math.max(0, c.sent - c.forgedSent);
  const refused = Math.max(0, c.status4xx - c.forgedRejected);
  if (signed === 0 || refused * 2 <= signed) return undefined;
  return `The target refused ${refused} of ${signed} signed attempts with 4xx: if they were 401/403, the target refused the signature: is WA_APP_SECRET the connector's app secret? (A 404 means the webhook path is wrong: check --path or the preset's pathTemplate.)`;
}
