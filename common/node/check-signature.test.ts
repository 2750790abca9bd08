import { describe, expect, it } from 'vitest';
import { signBody } from '../../test/helpers/connector/webhooks.ts';
import { checkSignature } from './check-signature.ts';

const secret = 'app-secret';
const metaBody = '{"text":{"body":"caf\\u00e9 \\ud83d\\ude00 a\\/b"}}';

describe('checkSignature', () => {
  it('accepts the HMAC of the exact bytes, Meta-escaped unicode included, as a Buffer or a string', () => {
    expect(checkSignature(Buffer.from(metaBody), signBody(metaBody, secret), secret)).toBe('valid');
    expect(checkSignature(metaBody, signBody(metaBody, secret), secret)).toBe('valid');
    expect(
      checkSignature('{"é":1}', signBody('{"é":1}', secret).toUpperCase().replace('SHA256', 'sha256'), secret),
    ).toBe('valid');
  });

  it('tells a missing header from a wrong or malformed one', () => {
    expect(checkSignature(Buffer.from(metaBody), undefined, secret)).toBe('missing');
    expect(checkSignature(Buffer.from(metaBody), '', secret)).toBe('missing');
    expect(checkSignature(Buffer.from(metaBody), signBody(metaBody, 'other'), secret)).toBe('invalid');
    expect(checkSignature(Buffer.from(metaBody), 'sha256=abc', secret)).toBe('invalid');
    expect(checkSignature(Buffer.from(metaBody), 'sha1=' + 'a'.repeat(40), secret)).toBe('invalid');
  });
});
