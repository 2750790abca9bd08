import { describe, expect, it } from 'vitest';
import { signBody } from '../../test/helpers/connector/webhooks.ts';
import { checkReserializedSignature } from './reserialized-signature.ts';

const secret = 'app-secret';
const metaBody = '{"text":{"body":"caf\\u00e9 \\ud83d\\ude00 a\\/b"}}';

describe('checkReserializedSignature (defect)', () => {
  it('fails a Meta-escaped body although its signature is genuine', () => {
    expect(checkReserializedSignature(Buffer.from(metaBody), signBody(metaBody, secret), secret)).toBe('invalid');
  });

  it('still passes a plain ASCII body, which is why the defect hides in simple tests', () => {
    const ascii = '{"a":1}';
    expect(checkReserializedSignature(Buffer.from(ascii), signBody(ascii, secret), secret)).toBe('valid');
  });
});
