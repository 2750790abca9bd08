import type { InboundMessage } from './webhook-payload.ts';

/** The mark-as-read body Meta documents for POST /{phone-number-id}/messages. */
export function buildReadReceipt(message: InboundMessage): object {
  return { messaging_product: 'whatsapp', status: 'read', message_id: message.id };
}

/**
 * A text reply threaded to the inbound message, so the reply names what it answers; `threaded:
 * false` (the plain-reply variant) leaves the thread out, as tutorial bots do: only `to` names it.
 */
export function buildTextReply(message: InboundMessage, threaded = true): object {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: message.from,
    type: 'text',
    text: { body: `Thanks, we received your ${message.type} message.` },
    ...(threaded ? { context: { message_id: message.id } } : {}),
  };
}
