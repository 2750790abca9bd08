import { decodeWamid } from '../../common/core/index.ts';
import { BitSet } from '../../common/node/index.ts';
import { changeValues, createPiiCollector, type PiiCollector } from './pii-collector.ts';

interface InstanceBook {
  delivered: BitSet;
  acked: BitSet;
  signalAtMs?: number;
  afterSignal: { ok: number; notOk: number };
}

/**
 * What the balancer saw pass through: per instance, which inbound message seqs were delivered
 * to it and which it acknowledged, plus the PII planted in the bodies. Pure bookkeeping; the
 * balancer feeds it.
 */
export function createExchangeRecorder(runId: string) {
  const books = new Map<number, InstanceBook>();
  const pii: PiiCollector = createPiiCollector();
  const book = (instance: number): InstanceBook => {
    let b = books.get(instance);
    if (!b) {
      b = { delivered: new BitSet(), acked: new BitSet(), afterSignal: { ok: 0, notOk: 0 } };
      books.set(instance, b);
    }
    return b;
  };
  return {
    pii,
    /** One webhook POST answered by `instance` (status null: no answer). */
    record(instance: number, body: Buffer, status: number | null, atMs: number): void {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return;
      }
      pii.add(parsed);
      const b = book(instance);
      const ok = status !== null && status >= 200 && status < 300;
      if (b.signalAtMs !== undefined && atMs >= b.signalAtMs) b.afterSignal[ok ? 'ok' : 'notOk']++;
      for (const seq of messageSeqs(parsed, runId)) {
        b.delivered.add(seq);
        if (ok) b.acked.add(seq);
      }
    },
    markSignalled(instance: number, atMs: number): void {
      book(instance).signalAtMs = atMs;
    },
    /** The drill evidence of one instance: what it acked, and what later instances acked again. */
    evidence(instance: number) {
      const b = book(instance);
      const reacked = new BitSet();
      for (const seq of b.delivered.values()) {
        for (const [other, ob] of books) if (other > instance && ob.acked.has(seq)) reacked.add(seq);
      }
      return { acked: b.acked.encode(), reackedLater: reacked.encode(), answeredAfterSignal: { ...b.afterSignal } };
    },
  };
}
export type ExchangeRecorder = ReturnType<typeof createExchangeRecorder>;

/** Delivery seqs (part 0 only, as the ledger indexes them) of this run's inbound messages. */
export function messageSeqs(parsed: unknown, runId: string): number[] {
  const out: number[] = [];
  for (const value of changeValues(parsed)) {
    const messages = value['messages'];
    if (!Array.isArray(messages)) continue;
    for (const m of messages) {
      const id = (m as { id?: unknown } | null)?.id;
      const fields = typeof id === 'string' ? decodeWamid(id) : null;
      if (fields && fields.runId === runId && fields.part === 0) out.push(fields.seq);
    }
  }
  return out;
}
