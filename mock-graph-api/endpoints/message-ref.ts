import { decodeMessageWaId, decodeWamid, type WamidFields } from '../../common/core/index.ts';
import type { MockConfig } from '../config.ts';
import type { MessageRef } from '../ledger/ledger.ts';

function readString(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

function refOf(fields: WamidFields | null, config: MockConfig): MessageRef | null {
  // Another run's message is not this run's: counted as uncorrelated when the mock knows its run.
  if (!fields || (config.runId !== undefined && fields.runId !== config.runId)) return null;
  return { runId: fields.runId, seq: fields.seq, part: fields.part, sentAtMs: fields.sentAtMs };
}

const byWamid = (id: unknown): WamidFields | null => (typeof id === 'string' ? decodeWamid(id) : null);
const byRecipient = (to: unknown): WamidFields | null => (typeof to === 'string' ? decodeMessageWaId(to) : null);

/**
 * The inbound message a /messages body answers, read leniently from the raw body so even a
 * rejected (invalid) send can be flagged. A mark-as-read names it by `message_id`. A reply, by
 * correlation mode: `auto` (default) the wamid it quotes (`context.message_id`; a reaction: the
 * message it reacts to), else its `to`, since every synthetic message has its own sender wa_id
 * carrying the same fields; `context` the quote only; `recipient` the `to` only.
 */
export function findMessageRef(raw: unknown, config: MockConfig): MessageRef | null {
  if (readString(raw, 'status') !== undefined) return refOf(byWamid(readString(raw, 'message_id')), config);
  const mode = config.correlation;
  const quoted = () =>
    byWamid(
      readString(readString(raw, 'context'), 'message_id') ?? readString(readString(raw, 'reaction'), 'message_id'),
    );
  if (mode === 'recipient') return refOf(byRecipient(readString(raw, 'to')), config);
  if (mode === 'context' || mode === 'read') return refOf(quoted(), config);
  return refOf(quoted() ?? byRecipient(readString(raw, 'to')), config);
}
