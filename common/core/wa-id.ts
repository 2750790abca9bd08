/**
 * Synthetic WhatsApp ids (digits). Senders are derived from the delivery seq (or a pool slot)
 * so the mock can map a recipient back to its inbound message in `recipient` correlation mode.
 * The `99` prefix is not an assigned country code, so these never reach a real person.
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
