import { describe, expect, it } from 'vitest';
import { findBoundary, parseMultipart } from './multipart.ts';

describe('multipart', () => {
  it('reads fields and a binary file part from a FormData body', async () => {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('file', new Blob([new Uint8Array([0, 13, 10, 255])], { type: 'audio/ogg' }), 'a.ogg');
    const request = new Request('http://x', { method: 'POST', body: form });
    const boundary = findBoundary(request.headers.get('content-type') ?? undefined);
    const parts = parseMultipart(new Uint8Array(await request.arrayBuffer()), boundary!);
    expect(parts?.map((p) => p.name)).toEqual(['messaging_product', 'file']);
    expect(parts?.[0]?.data.toString()).toBe('whatsapp');
    expect(parts?.[1]).toMatchObject({ filename: 'a.ogg', contentType: 'audio/ogg' });
    expect([...(parts?.[1]?.data ?? [])]).toEqual([0, 13, 10, 255]);
  });

  it('returns null for a body that is not multipart', () => {
    expect(findBoundary('application/json')).toBeNull();
    expect(parseMultipart(new TextEncoder().encode('--b\r\nno end'), 'b')).toBeNull();
    expect(parseMultipart(new TextEncoder().encode('garbage'), 'b')).toBeNull();
  });
});
