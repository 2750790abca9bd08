import type { Defect } from '../defects.ts';
import { createMemoryStore } from './memory-store.ts';
import { StoreUnavailableError, type DedupeStore } from './store.ts';

/**
 * The two wrong answers to "Redis is down" seen in the field, as seeded defects over the real
 * store: swallow the message (ack and drop), or dedupe in memory meanwhile (answers twice, since
 * memory knows nothing Redis knew and Redis learns nothing memory saw). The correct connector
 * (any other mode) lets StoreUnavailableError through, so the webhook answers 503 and Meta redelivers.
 */
export function applyRedisDownDefect(
  defect: Defect,
  store: DedupeStore,
  options: { ttlSeconds: number; maxEntries: number },
): DedupeStore {
  if (defect !== 'redis-down-ack-drop' && defect !== 'redis-down-memory-fallback') return store;
  const memory = createMemoryStore(options);
  const orElse = async <T>(call: () => Promise<T>, fallback: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return fallback();
    }
  };
  const dropped = async () => false;
  return {
    kind: store.kind,
    claim: (id) => orElse(() => store.claim(id), defect === 'redis-down-ack-drop' ? dropped : () => memory.claim(id)),
    has: (id) =>
      orElse(() => store.has(id), defect === 'redis-down-ack-drop' ? async () => true : () => memory.has(id)),
    mark: (id) =>
      orElse(
        () => store.mark(id),
        () => memory.mark(id),
      ),
    release: (id) =>
      orElse(
        () => store.release(id),
        () => memory.release(id),
      ),
    isReady: () => true,
    close: () => store.close(),
  };
}
