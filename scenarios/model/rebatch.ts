import { compileTemplate, type CompiledTemplate } from '../../common/core/template.ts';
import { ENVELOPE_PREFIX, isBatchable, type BodyRequest } from './delivery-body.ts';

/**
 * Meta does not guarantee batching: a copy of a message (a redelivery, a duplicate) may arrive
 * among other updates, in another entry/changes layout, with the same message id. A rebatched
 * copy is the delivery's own entries, byte for byte, with a neighbour spliced in: status
 * callbacks (delivered, then read) for earlier replies to the same user, the updates Meta most
 * often batches with a message. They expect no reply, so nothing is lost or answered twice for a
 * connector that dedupes by message id, while a body-hash dedupe sees new bytes and processes
 * the message again.
 */
export const REBATCH_LAYOUTS = ['entry-before', 'entry-after', 'same-entry'] as const;
export type RebatchLayout = (typeof REBATCH_LAYOUTS)[number];

const ENVELOPE_SUFFIX = ']}';
const STATUS =
  '"conversation":{"id":"8a1f3c0e5b7d9f2a4c6e8b0d1f3a5c7e","origin":{"type":"service"}},' +
  '"pricing":{"billable":false,"pricing_model":"PMP","category":"service","type":"free_customer_service"}';
/** One entry of status callbacks, as a whole Meta envelope so the body builder fills it like a fixture. */
export const NEIGHBOUR_TEMPLATE: CompiledTemplate = compileTemplate(
  ENVELOPE_PREFIX +
    '{"id":"{{waba_id}}","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{display_phone_number}}","phone_number_id":"{{phone_number_id}}"},' +
    `"statuses":[{"id":"{{status_id:0}}","status":"delivered","timestamp":"{{timestamp}}","recipient_id":"{{wa_id:0}}",${STATUS}},` +
    `{"id":"{{status_id:1}}","status":"read","timestamp":"{{timestamp}}","recipient_id":"{{wa_id:0}}",${STATUS}}]},"field":"messages"}]}` +
    ENVELOPE_SUFFIX,
);
/** Status ids of the neighbour are numbered after any the delivery's own fixtures may use. */
const NEIGHBOUR_ID_OFFSET = 48;

/**
 * Returns the bytes of a rebatched copy: `body` (a filled delivery) with the neighbour placed by
 * `layout`. A body without Meta's envelope (a hand-made fixture) cannot be spliced: it is
 * returned as it is, and the copy repeats the first bytes.
 *
 * @example rebatchBody(fill, body, request, 'same-entry') // '{"object":…,"entry":[{"id":"<waba>","changes":[<statuses>,<the message's change>]}]}'
 */
export function rebatchBody(
  fill: (template: CompiledTemplate, request: BodyRequest, offsets: { part: number; id: number }) => string,
  body: string,
  request: BodyRequest,
  layout: RebatchLayout,
): string {
  if (!isBatchable(body)) return body;
  const entries = body.slice(ENVELOPE_PREFIX.length, body.length - ENVELOPE_SUFFIX.length);
  const neighbour = fill(NEIGHBOUR_TEMPLATE, request, { part: 0, id: NEIGHBOUR_ID_OFFSET });
  const entry = neighbour.slice(ENVELOPE_PREFIX.length, neighbour.length - ENVELOPE_SUFFIX.length);
  // Both entries open with the same WABA id: the neighbour's changes can join the delivery's first entry.
  const entryHead = entry.slice(0, entry.indexOf('"changes":[') + '"changes":['.length);
  if (layout === 'same-entry' && entries.startsWith(entryHead)) {
    const change = entry.slice(entryHead.length, entry.length - ENVELOPE_SUFFIX.length);
    return ENVELOPE_PREFIX + entryHead + change + ',' + entries.slice(entryHead.length) + ENVELOPE_SUFFIX;
  }
  const parts = layout === 'entry-after' ? [entries, entry] : [entry, entries];
  return ENVELOPE_PREFIX + parts.join(',') + ENVELOPE_SUFFIX;
}
