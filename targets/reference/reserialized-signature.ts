import { checkSignature, type SignatureCheck } from '../../common/node/index.ts';

/**
 * The reserialized-signature defect: HMAC over `JSON.stringify(JSON.parse(body))` instead of the
 * bytes Meta signed, so Meta's `\uXXXX` escapes never verify; unparseable bodies never verify.
 * The correct check is common/node's checkSignature.
 */
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
