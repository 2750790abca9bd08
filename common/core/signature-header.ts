/** HMAC-SHA256 over the exact body bytes, hex-encoded; Node passes node:crypto, k6 passes k6/crypto. */
export type HmacSha256Hex = (secret: string, body: string) => string;

/** Builds the `X-Hub-Signature-256` header value Meta sends: `sha256=<hex>`. */
export function buildSignatureHeader(hmac: HmacSha256Hex, appSecret: string, body: string): string {
  return `sha256=${hmac(appSecret, body)}`;
}

/** A syntactically valid signature that cannot verify: same length, flipped digest. */
export function forgeSignatureHeader(validHeader: string): string {
  const hex = validHeader.slice('sha256='.length);
  let forged = '';
  for (const ch of hex) forged += ((parseInt(ch, 16) + 1) % 16).toString(16);
  return `sha256=${forged}`;
}

export const SIGNATURE_HEADER = 'X-Hub-Signature-256';
