/** The webhook path of a scenario: its path template with `{phone_number_id}` filled. */
export function webhookPath(pathTemplate: string, phoneNumberId: string): string {
  return pathTemplate.split('{phone_number_id}').join(phoneNumberId);
}

/**
 * The URL every delivery and the verify handshake go to: the target's base URL (any trailing
 * slash dropped, a base path kept) + the webhook path. Both engines and the handshake use it.
 *
 * @example
 * buildWebhookUrl('http://127.0.0.1:3000/', '/webhook/messenger/{phone_number_id}/whatsapp', '1065'); // 'http://127.0.0.1:3000/webhook/messenger/1065/whatsapp'
 */
export function buildWebhookUrl(baseUrl: string, pathTemplate: string, phoneNumberId: string): string {
  return baseUrl.replace(/\/+$/, '') + webhookPath(pathTemplate, phoneNumberId);
}
