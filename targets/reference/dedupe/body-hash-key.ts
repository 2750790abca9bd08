import { createHash } from 'node:crypto';

/**
 * The body-hash-dedupe defect's key: a hash of the whole request body, with the message id so
 * two messages of one body stay apart. Byte-identical copies are caught; the same message inside
 * a different batch has new bytes, so it is processed again. A dedupe key must be the id alone.
 */
export function bodyHashKey(raw: Buffer): (message: { id: string }) => string {
  const hash = createHash('sha256').update(raw).digest('hex');
  return (message) => `body:${hash}:${message.id}`;
}
