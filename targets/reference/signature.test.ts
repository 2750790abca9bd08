import { describe, expect, it } from 'vitest';
import { signBody } from '../../test/helpers/connector/webhooks.ts';
import { checkReserializedSignature, checkSignature } from './signature.ts';

const secret = 'app-secret';
const metaBody = '{"text":{"body":"caf\\u00e9 \\ud83d\\ude00 a\\/b"}}';

describe('checkSignature', () => {
  it('accepts the HMAC of the exact bytes, Meta-escaped unicode included', () => {
    expect(checkSignature(Buffer.from(metaBody), signBody(metaBody, secret), secret)).toBe('valid');
  });

  it('tells a missing header from a wrong or malformed one', () => {
    expect(checkSignature(Buffer.from(metaBody), undefined, secret)).toBe('missing');
    expect(checkSignature(Buffer.from(metaBody), signBody(metaBody, 'other'), secret)).toBe('invalid');
    expect(checkSignature(Buffer.from(metaBody), 'sha256=abc', secret)).toBe('invalid');
    expect(checkSignature(Buffer.from(metaBody), 'sha1=' + 'a'.repeat(40), secret)).toBe('invalid');
  });
});

describe('checkReserializedSignature (defect)', () => {
  it('fails a Meta-escaped body although its signature is genuine', () => {
    expect(checkReserializedSignature(Buffer.from(metaBody), signBody(metaBody, secret), secret)).toBe('invalid');
  });

  it('still passes a plain ASCII body, which is why the defect hides in simple tests', () => {
    const ascii = '{"a":1}';
    expect(checkReserializedSignature(Buffer.from(ascii), signBody(ascii, secret), secret)).toBe('valid');
  });
});
