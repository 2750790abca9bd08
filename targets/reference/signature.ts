import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER_FORMAT = /^sha256=([0-9a-fA-F]{64})$/;

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/**
 * Checks `X-Hub-Signature-256` over the exact bytes Meta signed, in constant time. Comparing
 * over a parsed and re-serialised body would fail on Meta's `\uXXXX` escapes (see the
 * reserialized-signature defect).
 */
export function checkSignature(rawBody: Buffer, header: string | undefined, appSecret: string): SignatureCheck {
  if (header === undefined || header === '') return 'missing';
  const match = HEADER_FORMAT.exec(header.trim());
  if (!match?.[1]) return 'invalid';
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
}

/** The defect: HMAC over `JSON.stringify(JSON.parse(body))`; unparseable bodies never verify. */
export function checkReserializedSignature(
  rawBody: Buffer,
  header: string | undefined,
  appSecret: string,
): SignatureCheck {
  let reserialized: Buffer;
  try {
    reserialized = Buffer.from(JSON.stringify(JSON.parse(rawBody.toString('utf8'))), 'utf8');
  } catch {
    return header ? 'invalid' : 'missing';
  }
  return checkSignature(reserialized, header, appSecret);
}
