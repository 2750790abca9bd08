import type { CompiledTemplate } from '../../common/core/template.ts';

/**
 * Which inbound message each sender slot of a fixture belongs to, read from the template's bytes
 * (never by parsing the body): in Meta's key order a message opens with
 * `{"from":"{{wa_id:K}}","id":"{{wamid:N}}"` (`from_user_id` for a username-only user), so that
 * `from` slot is message N's sender. Every other `wa_id:K` / `user_id:K` slot (the contact entry,
 * a status's `recipient_id`) takes the sender of the first message sent from K, so contacts still
 * match `from`. A K that sends nothing (a status recipient, a caller) gets -1 - K.
 *
 * Built once per template object (a WeakMap: k6 re-parses fixtures per iteration, and then this
 * is recomputed, which costs one pass over the slots).
 */
export function messageSenders(template: CompiledTemplate): readonly number[] {
  let senders = cache.get(template);
  if (!senders) cache.set(template, (senders = analyse(template)));
  return senders;
}

const cache = new WeakMap<CompiledTemplate, readonly number[]>();
const SENDER_NAMES = new Set(['wa_id', 'user_id']);
const FROM_KEYS = ['"from":"', '"from_user_id":"'];
const ID_BETWEEN = '","id":"';

function analyse(template: CompiledTemplate): number[] {
  const { slots, parts } = template;
  const senders = slots.map(() => NaN);
  const firstMessageOf = new Map<number, number>();
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    const next = slots[i + 1];
    if (!slot || !SENDER_NAMES.has(slot.name) || next?.name !== 'wamid' || parts[i + 1] !== ID_BETWEEN) continue;
    const before = parts[i] ?? '';
    if (!FROM_KEYS.some((key) => before.endsWith(key))) continue;
    senders[i] = next.index;
    if (!firstMessageOf.has(slot.index)) firstMessageOf.set(slot.index, next.index);
  }
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    if (!slot || !Number.isNaN(senders[i])) continue;
    senders[i] = SENDER_NAMES.has(slot.name) ? (firstMessageOf.get(slot.index) ?? -1 - slot.index) : NaN;
  }
  return senders;
}
