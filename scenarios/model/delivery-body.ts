import { encodeWamid } from '../../common/core/wamid.ts';
import {
  encodeMessageWaId,
  encodeSenderUserId,
  encodeSenderUsername,
  encodeSenderWaId,
} from '../../common/core/wa-id.ts';
import {
  escapeJsonMeta,
  fillTemplate,
  type CompiledTemplate,
  type PlaceholderName,
} from '../../common/core/template.ts';
import { messageSenders } from './message-senders.ts';
import { encodeOutboundId } from './outbound-id.ts';

/** The business side of every delivery: fixed for a run. */
export interface BodyIdentity {
  runId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
}

/** What varies per delivery. Redeliveries and duplicates reuse the body built once. */
export interface BodyRequest {
  seq: number;
  /** Intended send time of the FIRST attempt, epoch ms (encoded into every wamid). */
  sentAtMs: number;
  senderSlot: number;
  /**
   * `senderPool: N`: every wa_id of the delivery is the pool slot's (shared by many messages).
   * Otherwise every inbound message has its own sender, which names it (encodeMessageWaId).
   */
  pooledSender?: boolean;
  /** Status callbacks only: timestamp set back so it lands after newer statuses. */
  outOfOrder: boolean;
}

/** Profile names with non-ASCII on purpose: Meta escapes them as \uXXXX before signing. */
const PROFILE_NAMES = [
  'Ana Souza',
  'José Álvarez',
  'Zoë Müller',
  'Priya Sharma',
  'Chen Wei 陈伟',
  'Ayşe Yılmaz',
  'Ngozi Okafor',
  'Łukasz Nowak',
  'Иван Петров',
  'محمد علي',
].map(escapeJsonMeta);

/** How far back an out-of-order status callback's timestamp goes: 1–5 s. */
export function outOfOrderSkewS(seq: number): number {
  return 1 + (seq % 5);
}

/**
 * Returns a body builder for a run: string substitution only, so the bytes we sign are the bytes
 * we send. One resolver per builder, re-pointed at each request, keeps the hot path free of
 * per-delivery closures.
 */
export function createBodyBuilder(
  identity: BodyIdentity,
): (template: CompiledTemplate, request: BodyRequest, offsets?: { part: number; id: number }) => string {
  const fixed: Partial<Record<PlaceholderName, string>> = {
    phone_number_id: identity.phoneNumberId,
    display_phone_number: identity.displayPhoneNumber,
    waba_id: identity.wabaId,
  };
  let current: BodyRequest = { seq: 0, sentAtMs: 0, senderSlot: 0, outOfOrder: false };
  // Batch parts after the first shift their indexes so ids stay distinct within one POST.
  let partOffset = 0;
  let idOffset = 0;
  let waId = '';
  let timestamp = '';
  let senders: readonly number[] = [];
  // The sender of the message a wa_id slot belongs to (-1 - K: a K that sends nothing, e.g. a
  // status recipient, gets a sender of its own in the delivery's number space).
  const senderAt = (position: number): string => {
    if (current.pooledSender) return waId;
    const owner = senders[position] ?? 0;
    return encodeMessageWaId({
      runId: identity.runId,
      seq: current.seq,
      part: partOffset + (owner >= 0 ? owner : -1 - owner),
      sentAtMs: Math.floor(current.sentAtMs),
    });
  };
  const resolve = (name: PlaceholderName, index: number, position: number): string | undefined => {
    switch (name) {
      case 'wamid':
        return encodeWamid({
          runId: identity.runId,
          seq: current.seq,
          part: partOffset + index,
          sentAtMs: Math.floor(current.sentAtMs),
        });
      case 'status_id':
        return encodeOutboundId('wamid.', waId, current.senderSlot * 64 + idOffset + index);
      case 'ref_id':
        return encodeOutboundId('wamid.', waId, current.senderSlot * 64 + 32 + idOffset + index);
      case 'call_id':
        return encodeOutboundId('wacid.', waId, current.seq * 64 + idOffset + index);
      case 'wa_id':
        return senderAt(position);
      case 'user_id':
        return encodeSenderUserId(senderAt(position));
      case 'username':
        return encodeSenderUsername(current.senderSlot);
      case 'profile_name':
        return PROFILE_NAMES[current.senderSlot % PROFILE_NAMES.length];
      case 'timestamp':
        return timestamp;
      default:
        return fixed[name];
    }
  };
  return (template, request, offsets = { part: 0, id: 0 }) => {
    current = request;
    partOffset = offsets.part;
    idOffset = offsets.id;
    // The slot's wa_id still seeds the Meta-shaped status/reference ids (they stay short and as before).
    waId = encodeSenderWaId(request.senderSlot);
    senders = request.pooledSender ? [] : messageSenders(template);
    const skewS = request.outOfOrder && hasStatus(template) ? outOfOrderSkewS(request.seq) : 0;
    timestamp = String(Math.floor(request.sentAtMs / 1000) - skewS);
    return fillTemplate(template, resolve);
  };
}

function hasStatus(template: CompiledTemplate): boolean {
  return template.slots.some((slot) => slot.name === 'status_id');
}

/** Every fixture body starts and ends like this (Meta's key order); batching splices between them. */
export const ENVELOPE_PREFIX = '{"object":"whatsapp_business_account","entry":[';
const ENVELOPE_SUFFIX = ']}';

/** True when a raw fixture can be spliced into a batch (the envelope is Meta's, byte for byte). */
export function isBatchable(raw: string): boolean {
  return raw.startsWith(ENVELOPE_PREFIX) && raw.endsWith(ENVELOPE_SUFFIX);
}

/**
 * Returns a builder for one POST made of one or more fixtures: each is filled on its own, with
 * its inbound message parts numbered after the previous fixture's, and their `entry` arrays are
 * spliced into one envelope, so the body is still byte-exact Meta JSON with no re-serialisation.
 */
export function createBatchBodyBuilder(
  identity: BodyIdentity,
): (templates: readonly CompiledTemplate[], request: BodyRequest) => { body: string; wamidParts: number } {
  const build = createBodyBuilder(identity);
  return (templates, request) => {
    if (templates.length === 1) {
      const template = templates[0] as CompiledTemplate;
      return { body: build(template, request), wamidParts: template.wamidParts };
    }
    const entries: string[] = [];
    let part = 0;
    let id = 0;
    for (const template of templates) {
      const body = build(template, request, { part, id });
      if (!isBatchable(body)) throw new Error("delivery body: a fixture without Meta's envelope cannot be batched");
      entries.push(body.slice(ENVELOPE_PREFIX.length, body.length - ENVELOPE_SUFFIX.length));
      part += template.wamidParts;
      id += 1 + template.slots.reduce((max, slot) => Math.max(max, slot.index), 0);
    }
    return { body: ENVELOPE_PREFIX + entries.join(',') + ENVELOPE_SUFFIX, wamidParts: part };
  };
}
