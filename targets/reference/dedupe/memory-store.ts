import type { DedupeStore } from './store.ts';

/**
 * Ids with an expiry, in insertion order. The TTL is the same for every id, so insertion order
 * is expiry order: expired ids are swept from the front, and the size bound evicts the oldest.
 */
export function createMemoryStore(options: {
  ttlSeconds: number;
  maxEntries: number;
  now?: () => number;
}): DedupeStore {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlSeconds * 1000;
  const expiries = new Map<string, number>();

  const sweep = (t: number) => {
    for (const [id, expiresAt] of expiries) {
      if (expiresAt > t && expiries.size <= options.maxEntries) break;
      expiries.delete(id);
    }
  };
  const hasSync = (id: string, t: number) => {
    const expiresAt = expiries.get(id);
    return expiresAt !== undefined && expiresAt > t;
  };
  const markSync = (id: string, t: number) => {
    expiries.delete(id); // re-insert at the back so order stays expiry order
    expiries.set(id, t + ttlMs);
    sweep(t);
  };

  return {
    kind: 'memory',
    async claim(id) {
      const t = now();
      if (hasSync(id, t)) return false;
      markSync(id, t);
      return true;
    },
    async has(id) {
      return hasSync(id, now());
    },
    async mark(id) {
      markSync(id, now());
    },
    async release(id) {
      expiries.delete(id);
    },
    isReady: () => true,
    async close() {
      expiries.clear();
    },
  };
}
