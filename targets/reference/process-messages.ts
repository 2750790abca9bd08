import { setTimeout as sleep } from 'node:timers/promises';
import type { Defect } from './defects.ts';
import type { Logger } from './logger.ts';
import type { ConnectorMetrics } from './metrics.ts';
import { buildReadReceipt, buildTextReply } from './replies.ts';
import { sendWithRetries, type SenderDeps } from './send/sender.ts';
import { KNOWN_MESSAGE_TYPES, type InboundMessage } from './webhook-payload.ts';

export interface ProcessDeps {
  sender: SenderDeps;
  metrics: ConnectorMetrics;
  logger: Logger;
  defect: Defect;
  slowReplyMs: number;
  /** From the Wappa-style path, then from config: used when the webhook metadata has none. */
  fallbackPhoneNumberId: string | undefined;
}

/**
 * The work done after the 200: for every new message a mark-as-read and a threaded reply, sent
 * concurrently so a rate-limited read does not delay the reply.
 */
export async function processMessages(deps: ProcessDeps, messages: readonly InboundMessage[]): Promise<void> {
  await Promise.all(messages.map((message) => processMessage(deps, message)));
}

async function processMessage(deps: ProcessDeps, message: InboundMessage): Promise<void> {
  if (!KNOWN_MESSAGE_TYPES.has(message.type)) deps.metrics.unknownTypes.inc();
  if (deps.defect === 'log-sender')
    deps.logger.info('message received', { messageId: message.id, from: message.from, type: message.type });
  const phoneNumberId = message.phoneNumberId ?? deps.fallbackPhoneNumberId;
  if (!phoneNumberId) {
    deps.metrics.sendsFailed.inc({ kind: 'reply', reason: 'no_phone_number_id' });
    deps.logger.warn('no phone number id to reply from', { messageId: message.id });
    return;
  }
  const read = sendWithRetries(deps.sender, {
    kind: 'read',
    phoneNumberId,
    payload: buildReadReceipt(message),
    messageId: message.id,
  });
  const reply = (async () => {
    if (deps.defect === 'slow-reply') await sleep(deps.slowReplyMs);
    return sendWithRetries(deps.sender, {
      kind: 'reply',
      phoneNumberId,
      payload: buildTextReply(message, deps.defect !== 'plain-reply'),
      messageId: message.id,
    });
  })();
  await Promise.all([read, reply]);
}
