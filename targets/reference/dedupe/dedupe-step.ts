import { setTimeout as sleep } from 'node:timers/promises';
import type { Defect } from '../defects.ts';
import type { InboundMessage } from '../webhook-payload.ts';
import type { DedupeStore } from './store.ts';

export interface DedupeOutcome<T = InboundMessage> {
  fresh: T[];
  duplicates: number;
  /** Wall time spent deduping this request, reported in Server-Timing. */
  durationMs: number;
}

export interface DedupeTuning {
  defect: Defect;
  slowDedupeMs: number;
  dedupeRaceWindowMs: number;
}

/**
 * Splits a request's messages into new and already-seen ones. The correct path is one atomic
 * claim per id; the defects change only this step so their effect is isolated. Throws
 * StoreUnavailableError when the store cannot answer.
 */
export async function dedupeMessages<T extends { id: string } = InboundMessage>(
  store: DedupeStore,
  messages: readonly T[],
  tuning: DedupeTuning,
  keyOf: (item: T) => string = (item) => item.id,
): Promise<DedupeOutcome<T>> {
  const started = performance.now();
  if (tuning.defect === 'slow-dedupe') await sleep(tuning.slowDedupeMs);
  // Concurrent claims: node-redis pipelines them, so a 1000-message batch costs about one round trip.
  // SET NX stays atomic per key, so an id repeated inside one batch is still claimed once.
  const settled = await Promise.allSettled(messages.map((message) => claimIfNew(store, keyOf(message), tuning)));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) {
    // The request fails closed (503) and Meta redelivers it whole: claims it made must not make the
    // redelivery look like a duplicate, or those messages are acknowledged later and never processed.
    await Promise.all(
      settled.map((r, i) => (r.status === 'fulfilled' && r.value ? store.release(keyOf(messages[i] as T)) : undefined)),
    );
    throw failed.reason;
  }
  const verdicts = settled.map((r) => r.status === 'fulfilled' && r.value);
  const fresh = messages.filter((_, i) => verdicts[i]);
  return { fresh, duplicates: messages.length - fresh.length, durationMs: performance.now() - started };
}

async function claimIfNew(store: DedupeStore, id: string, tuning: DedupeTuning): Promise<boolean> {
  switch (tuning.defect) {
    case 'no-dedupe':
      return true;
    case 'dedupe-race': {
      if (await store.has(id)) return false;
      // The window a concurrent delivery of the same id slips through.
      await sleep(tuning.dedupeRaceWindowMs);
      await store.mark(id);
      return true;
    }
    default:
      return store.claim(id);
  }
}
