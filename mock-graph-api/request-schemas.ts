import { z } from 'zod';
import { decodeMessageWaId } from '../common/core/index.ts';

/**
 * Cloud API request bodies. Loose objects: Graph ignores fields it does not know, so a
 * connector that sends extras must not be failed here; required fields and limits are real.
 */
// A phone number, or the longer sender wa_id the harness gives every synthetic message (a bot echoes `from`).
const recipient = z
  .string()
  .refine(
    (to) => /^\+?[0-9]{5,20}$/.test(to) || decodeMessageWaId(to) !== null,
    'must be a phone number or wa_id (digits)',
  );

const mediaObject = z
  .looseObject({
    id: z.string().min(1).optional(),
    link: z
      .string()
      .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
      .optional(),
    caption: z.string().max(1024).optional(),
    filename: z.string().max(240).optional(),
  })
  .refine((m) => (m.id === undefined) !== (m.link === undefined), 'needs exactly one of id or link');

const textBody = z.object({ text: z.string().min(1).max(1024) });

const interactive = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('button'),
    body: textBody,
    action: z.looseObject({
      buttons: z
        .array(
          z.looseObject({
            type: z.literal('reply'),
            reply: z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
          }),
        )
        .min(1)
        .max(3),
    }),
  }),
  z.looseObject({
    type: z.literal('list'),
    body: textBody,
    action: z.looseObject({
      button: z.string().min(1).max(20),
      sections: z
        .array(
          z.looseObject({
            title: z.string().max(24).optional(),
            rows: z.array(z.looseObject({ id: z.string().min(1).max(200), title: z.string().min(1).max(24) })).min(1),
          }),
        )
        .min(1)
        .max(10),
    }),
  }),
  z.looseObject({
    type: z.literal('cta_url'),
    body: textBody,
    action: z.looseObject({
      name: z.literal('cta_url'),
      parameters: z.object({ display_text: z.string().min(1).max(20), url: z.string().min(1) }),
    }),
  }),
  z.looseObject({
    type: z.literal('flow'),
    action: z.looseObject({ name: z.literal('flow'), parameters: z.looseObject({}) }),
  }),
  z.looseObject({
    type: z.enum([
      'product',
      'product_list',
      'catalog_message',
      'location_request_message',
      'address_message',
      'call_permission_request',
      'voice_call',
    ]),
  }),
]);

const common = {
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.enum(['individual', 'group']).optional(),
  to: recipient,
  context: z.object({ message_id: z.string().min(1) }).optional(),
  biz_opaque_callback_data: z.string().max(512).optional(),
};

/** An outbound message (anything sent to a user: text, media, interactive, template, …). */
export const outboundMessageSchema = z.discriminatedUnion('type', [
  z.looseObject({
    ...common,
    type: z.literal('text'),
    text: z.looseObject({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
  }),
  z.looseObject({ ...common, type: z.literal('image'), image: mediaObject }),
  z.looseObject({ ...common, type: z.literal('audio'), audio: mediaObject }),
  z.looseObject({ ...common, type: z.literal('video'), video: mediaObject }),
  z.looseObject({ ...common, type: z.literal('document'), document: mediaObject }),
  z.looseObject({ ...common, type: z.literal('sticker'), sticker: mediaObject }),
  z.looseObject({
    ...common,
    type: z.literal('location'),
    location: z.looseObject({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: z.string().optional(),
      address: z.string().optional(),
    }),
  }),
  z.looseObject({
    ...common,
    type: z.literal('contacts'),
    contacts: z.array(z.looseObject({ name: z.looseObject({ formatted_name: z.string().min(1) }) })).min(1),
  }),
  z.looseObject({ ...common, type: z.literal('interactive'), interactive }),
  z.looseObject({
    ...common,
    type: z.literal('template'),
    template: z.looseObject({
      name: z.string().min(1).max(512),
      language: z.looseObject({ code: z.string().min(2) }),
      components: z.array(z.looseObject({ type: z.string() })).optional(),
    }),
  }),
  z.looseObject({
    ...common,
    type: z.literal('reaction'),
    reaction: z.object({ message_id: z.string().min(1), emoji: z.string() }),
  }),
]);
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

/** Mark as read, optionally with a typing indicator. */
export const markReadSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string().min(1),
  typing_indicator: z.object({ type: z.literal('text') }).optional(),
});
export type MarkRead = z.infer<typeof markReadSchema>;

/** Call actions a voice bridge uses on POST /{phone-number-id}/calls. */
export const callActionSchema = z.discriminatedUnion('action', [
  z.looseObject({
    messaging_product: z.literal('whatsapp'),
    action: z.enum(['pre_accept', 'accept']),
    call_id: z.string().min(1),
    session: z.object({ sdp_type: z.literal('answer'), sdp: z.string().min(1) }),
  }),
  z.looseObject({
    messaging_product: z.literal('whatsapp'),
    action: z.enum(['reject', 'terminate']),
    call_id: z.string().min(1),
  }),
  z.looseObject({
    messaging_product: z.literal('whatsapp'),
    action: z.literal('connect'),
    to: recipient,
    session: z.object({ sdp_type: z.literal('offer'), sdp: z.string().min(1) }),
  }),
]);
export type CallAction = z.infer<typeof callActionSchema>;
