import { decodeSenderWaId, decodeWamid } from '../../common/core/index.ts';
import type { MockConfig } from '../config.ts';
import type { MessageRef } from '../ledger/ledger.ts';

function refFromWamid(id: unknown): MessageRef | null {
  if (typeof id !== 'string') return null;
  const fields = decodeWamid(id);
  return fields ? { runId: fields.runId, seq: fields.seq, part: fields.part, sentAtMs: fields.sentAtMs } : null;
}

function readString(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The inbound message a /messages body answers, read leniently from the raw body so even a
 * rejected (invalid) send can be flagged: mark-as-read by `message_id`; replies by
 * `context.message_id` (a reaction by the message it reacts to), or by recipient.
 */
export function findMessageRef(raw: unknown, config: MockConfig): MessageRef | null {
  if (readString(raw, 'status') !== undefined) return refFromWamid(readString(raw, 'message_id'));
  if (config.correlation === 'recipient') {
    const to = readString(raw, 'to');
    if (typeof to !== 'string' || config.runId === undefined) return null;
    const seq = decodeSenderWaId(to.startsWith('+') ? to.slice(1) : to);
    return seq === null ? null : { runId: config.runId, seq, part: 0, sentAtMs: undefined };
  }
  const contextId = readString(readString(raw, 'context'), 'message_id');
  return refFromWamid(contextId ?? readString(readString(raw, 'reaction'), 'message_id'));
}
