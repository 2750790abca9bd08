import type { WamidFields } from './wamid.ts';

/**
 * Synthetic WhatsApp ids (digits). The `99` prefix is not an assigned country code on its own,
 * so these never reach a real person.
 *
 * Two kinds:
 * - a **message sender** (`encodeMessageWaId`): every inbound message gets its own sender, whose
 *   digits carry the same fields as its wamid (run id, delivery seq, part, send time). A reply
 *   that names only `to` (no `context.message_id`) is then tied by the mock to exactly one
 *   message, with its webhook→reply latency, like a reply that quotes the wamid;
 * - a **pooled sender** (`encodeSenderWaId`, `senderPool: N`): one wa_id per pool slot, shared
 *   by many messages, so its replies need `context.message_id` to be tied.
 */
const PREFIX = '99';
const DIGITS = 11;

/** wa_id for a sender slot: `99` + 11 digits. */
export function encodeSenderWaId(slot: number): string {
  return PREFIX + String(slot % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** Inverse of encodeSenderWaId; null for any other number. */
export function decodeSenderWaId(waId: string): number | null {
  if (waId.length !== PREFIX.length + DIGITS || !waId.startsWith(PREFIX) || !/^\d+$/.test(waId)) return null;
  return Number(waId.slice(PREFIX.length));
}

// Message senders: `99` + run id (48 bits, 15 digits) + seq (12) + part (5) + send time ms (13)
// + a 3-digit check = 50 digits. Every field stays below 2^53, so plain numbers hold it exactly
// (k6 has no BigInt guarantee). Longer than a phone number on purpose: it cannot be one.
const WIDTHS = { runId: 15, seq: 12, part: 5, sentAtMs: 13 } as const;
const CHECK_DIGITS = 3;
const BODY_LENGTH = PREFIX.length + WIDTHS.runId + WIDTHS.seq + WIDTHS.part + WIDTHS.sentAtMs;
/** Length of a message sender's wa_id. */
export const MESSAGE_WA_ID_LENGTH = BODY_LENGTH + CHECK_DIGITS;

function checkDigits(body: string): string {
  // FNV-1a over the digits: tells our ids from any other number, not a security measure.
  let h = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) {
    h ^= body.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return String(h % 10 ** CHECK_DIGITS).padStart(CHECK_DIGITS, '0');
}

function field(name: keyof typeof WIDTHS, value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 10 ** WIDTHS[name])
    throw new RangeError(`${name} out of range for a sender wa_id: ${value}`);
  return String(value).padStart(WIDTHS[name], '0');
}

/**
 * The sender wa_id of one inbound message: the wamid's fields as digits. Throws RangeError on
 * a bad run id, seq ≥ 10^12, part ≥ 65536 or a send time ≥ 10^13 ms.
 *
 * @example encodeMessageWaId({ runId: 'a1b2c3d4e5f6', seq: 7, part: 0, sentAtMs: 1_700_000_000_000 }) // '99177789…' (50 digits)
 */
export function encodeMessageWaId(fields: WamidFields): string {
  if (!/^[0-9a-f]{12}$/.test(fields.runId))
    throw new RangeError(`runId must be 12 lowercase hex chars, got "${fields.runId}"`);
  if (fields.part > 0xffff) throw new RangeError(`part out of range for a sender wa_id: ${fields.part}`);
  const body =
    PREFIX +
    field('runId', parseInt(fields.runId, 16)) +
    field('seq', fields.seq) +
    field('part', fields.part) +
    field('sentAtMs', fields.sentAtMs);
  return body + checkDigits(body);
}

/** Inverse of encodeMessageWaId (a leading `+` is allowed, as in `to`); null for any other number. */
export function decodeMessageWaId(value: string): WamidFields | null {
  if (typeof value !== 'string') return null;
  const digits = value.startsWith('+') ? value.slice(1) : value;
  if (digits.length !== MESSAGE_WA_ID_LENGTH || !digits.startsWith(PREFIX) || !/^\d+$/.test(digits)) return null;
  const body = digits.slice(0, BODY_LENGTH);
  if (checkDigits(body) !== digits.slice(BODY_LENGTH)) return null;
  let offset = PREFIX.length;
  const take = (width: number): number => {
    const n = Number(digits.slice(offset, offset + width));
    offset += width;
    return n;
  };
  const run = take(WIDTHS.runId);
  if (run >= 2 ** 48) return null;
  const seq = take(WIDTHS.seq);
  const part = take(WIDTHS.part);
  if (part > 0xffff) return null;
  return { runId: run.toString(16).padStart(12, '0'), seq, part, sentAtMs: take(WIDTHS.sentAtMs) };
}

/**
 * Business-scoped user id (BSUID) for a synthetic sender: `ZZ.` (no assigned ISO country) + its
 * wa_id digits, so BSUIDs are as unique as wa_ids and never a real person's.
 */
export function encodeSenderUserId(waId: string): string {
  return `ZZ.${waId}`;
}

/** Username handle of a synthetic sender slot. */
export function encodeSenderUsername(slot: number): string {
  return `@loadtest.user${slot}`;
}
