import { describe, expect, it } from 'vitest';
import { bodyHashKey } from './body-hash-key.ts';

describe('the body-hash-dedupe key', () => {
  const message = { id: 'wamid.A' };

  it('is the same for byte-identical copies and differs for the same message in another body', () => {
    const first = bodyHashKey(Buffer.from('{"entry":[1]}'))(message);
    expect(bodyHashKey(Buffer.from('{"entry":[1]}'))(message)).toBe(first);
    expect(bodyHashKey(Buffer.from('{"entry":[0,1]}'))(message)).not.toBe(first);
  });

  it('keeps two messages of one body apart', () => {
    const key = bodyHashKey(Buffer.from('{}'));
    expect(key({ id: 'wamid.A' })).not.toBe(key({ id: 'wamid.B' }));
  });
});
