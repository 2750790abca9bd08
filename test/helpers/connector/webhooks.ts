import { createHmac } from 'node:crypto';
import { escapeJsonMeta } from '../../../common/core/index.ts';

export interface TestMessage {
  id: string;
  from?: string;
  type?: string;
  text?: string;
}

/**
 * A messages webhook written the way Meta writes it: compact JSON with non-ASCII and `/`
 * escaped (`\u00e9`, `\/`), so signature tests see Meta's real byte shape.
 */
export function buildMessagesWebhook(options: {
  messages?: TestMessage[];
  statuses?: number;
  phoneNumberId?: string | null;
  profileName?: string;
}): string {
  const phone = options.phoneNumberId === undefined ? '106540352242922' : options.phoneNumberId;
  const value = {
    messaging_product: 'whatsapp',
    ...(phone === null ? {} : { metadata: { display_phone_number: '15550783881', phone_number_id: phone } }),
    ...(options.messages
      ? { contacts: [{ profile: { name: options.profileName ?? 'Zoë' }, wa_id: '16505551234' }] }
      : {}),
    ...(options.messages
      ? {
          messages: options.messages.map((m) => ({
            from: m.from ?? '16505551234',
            id: m.id,
            timestamp: '1749416383',
            type: m.type ?? 'text',
            ...((m.type ?? 'text') === 'text' ? { text: { body: m.text ?? 'hello' } } : {}),
          })),
        }
      : {}),
    ...(options.statuses
      ? {
          statuses: Array.from({ length: options.statuses }, (_, i) => ({
            id: `wamid.status${i}`,
            status: 'delivered',
            timestamp: '1749416383',
            recipient_id: '16505551234',
          })),
        }
      : {}),
  };
  const json = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ value, field: 'messages' }] }],
  });
  return escapeNonAscii(json);
}

/** Re-escapes a compact JSON text the way Meta does (string contents only change form). */
function escapeNonAscii(json: string): string {
  return json.replace(/[\u007f-\uffff/]/g, (c) => escapeJsonMeta(c));
}

/** `sha256=<hex>` over the exact bytes. */
export function signBody(body: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body, 'utf8').digest('hex')}`;
}

/** POSTs a webhook; `signature: null` sends none, a string sends that header as is. */
export async function postWebhook(
  url: string,
  body: string,
  options: { appSecret?: string; signature?: string | null; contentType?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const signature = options.signature === undefined ? signBody(body, options.appSecret ?? '') : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, serverTiming: res.headers.get('server-timing'), body: await res.text() };
}

/** The `dur` of `Server-Timing: dedupe;dur=<ms>`, or undefined. */
export function readDedupeDuration(header: string | null): number | undefined {
  const match = /dedupe;dur=([0-9.]+)/.exec(header ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
