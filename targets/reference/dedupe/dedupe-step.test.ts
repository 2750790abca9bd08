import { describe, expect, it } from 'vitest';
import { dedupeMessages } from './dedupe-step.ts';
import { createMemoryStore } from './memory-store.ts';
import { StoreUnavailableError, type DedupeStore } from './store.ts';

const TUNING = { defect: 'none' as const, slowDedupeMs: 0, dedupeRaceWindowMs: 0 };

/** A memory store whose claim of `failing` fails as a Redis -LOADING would. */
function storeFailingOn(failing: string): DedupeStore {
  const store = createMemoryStore({ ttlSeconds: 60, maxEntries: 100, now: () => 0 });
  return {
    ...store,
    claim: (id) => (id === failing ? Promise.reject(new StoreUnavailableError('LOADING')) : store.claim(id)),
  };
}

describe('dedupe step of a batched delivery', () => {
  it("releases the batch's other claims when one claim fails, so Meta's redelivery processes them (generic-redis lost 2 under redis-errors)", async () => {
    const store = storeFailingOn('wamid.B');
    await expect(dedupeMessages(store, [{ id: 'wamid.A' }, { id: 'wamid.B' }], TUNING)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(await store.has('wamid.A')).toBe(false);
  });

  it('keeps the claims of a batch that succeeded whole', async () => {
    const store = storeFailingOn('wamid.none');
    const outcome = await dedupeMessages(store, [{ id: 'wamid.A' }, { id: 'wamid.B' }], TUNING);
    expect(outcome.fresh.map((m) => m.id)).toEqual(['wamid.A', 'wamid.B']);
    expect(await store.has('wamid.A')).toBe(true);
  });
});
