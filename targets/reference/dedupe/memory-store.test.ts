import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.ts';

describe('memory dedupe store', () => {
  it('claims an id once and reports later claims as duplicates', async () => {
    const store = createMemoryStore({ ttlSeconds: 60, maxEntries: 10 });
    expect(await store.claim('wamid.A')).toBe(true);
    expect(await store.claim('wamid.A')).toBe(false);
    expect(await store.claim('wamid.B')).toBe(true);
  });

  it('forgets an id once its TTL has passed', async () => {
    let now = 0;
    const store = createMemoryStore({ ttlSeconds: 10, maxEntries: 10, now: () => now });
    await store.claim('wamid.A');
    now = 9_999;
    expect(await store.has('wamid.A')).toBe(true);
    now = 10_000;
    expect(await store.claim('wamid.A')).toBe(true);
  });

  it('evicts the oldest ids beyond its size bound', async () => {
    const store = createMemoryStore({ ttlSeconds: 60, maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) await store.claim(id);
    expect(await store.has('a')).toBe(false);
    expect(await store.has('d')).toBe(true);
    expect(await store.has('b')).toBe(true);
  });
});
