import { z } from 'zod';

/**
 * The parts of Meta's webhook envelope the connector acts on. Objects are loose: Meta adds
 * fields without notice and a connector must not reject them.
 */
const inboundMessageSchema = z.looseObject({ id: z.string().min(1), from: z.string().min(1), type: z.string().min(1) });

const messagesValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string().min(1) }).optional(),
  messages: z.array(inboundMessageSchema).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

export const webhookEnvelopeSchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.looseObject({ changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })) })),
});
export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;

/** One inbound message to mark as read and answer. */
export interface InboundMessage {
  id: string;
  from: string;
  type: string;
  /** The business number the message arrived on (metadata), if the webhook said. */
  phoneNumberId: string | undefined;
}

export interface WebhookUpdates {
  messages: InboundMessage[];
  statuses: number;
  errors: number;
  /** Changes of other fields (calls, account_update, …): consumed and counted only. */
  otherFields: number;
}

export type ExtractResult = { ok: true; updates: WebhookUpdates } | { ok: false; reason: string };

/** Validates a parsed body and lists its updates; nothing is done until the whole body is valid. */
export function extractUpdates(body: unknown): ExtractResult {
  const envelope = webhookEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, reason: 'not a WhatsApp webhook envelope (object, entry[].changes[])' };
  const updates: WebhookUpdates = { messages: [], statuses: 0, errors: 0, otherFields: 0 };
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') {
        updates.otherFields += 1;
        continue;
      }
      const value = messagesValueSchema.safeParse(change.value);
      if (!value.success)
        return { ok: false, reason: 'a messages change has no valid value (message id, from and type are required)' };
      const phoneNumberId = value.data.metadata?.phone_number_id;
      for (const m of value.data.messages ?? [])
        updates.messages.push({ id: m.id, from: m.from, type: m.type, phoneNumberId });
      updates.statuses += value.data.statuses?.length ?? 0;
      updates.errors += value.data.errors?.length ?? 0;
    }
  }
  return { ok: true, updates };
}

/** Message types Meta documents today; anything else (including Meta's own "unsupported") is acked, answered and counted as unknown. */
export const KNOWN_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'button',
  'reaction',
  'order',
  'system',
  'request_welcome',
]);
