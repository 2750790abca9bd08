import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER_FORMAT = /^sha256=([0-9a-fA-F]{64})$/;

/** What an `X-Hub-Signature-256` header says about a body. */
export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/**
 * Checks `X-Hub-Signature-256` over the exact bytes Meta signed (a string is taken as its UTF-8
 * bytes), in constant time. The reference connector verifies webhooks with it, capture verifies
 * recorded traffic with it. Comparing over a parsed and re-serialised body would fail on Meta's
 * `\uXXXX` escapes.
 */
export function checkSignature(
  rawBody: Buffer | string,
  header: string | undefined,
  appSecret: string,
): SignatureCheck {
  if (header === undefined || header === '') return 'missing';
  const match = HEADER_FORMAT.exec(header.trim());
  if (!match?.[1]) return 'invalid';
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
}
