import type { Logger } from '../logger.ts';
import type { ConnectorMetrics } from '../metrics.ts';
import { sendWithRetries, type SendJob, type SenderDeps } from '../send/sender.ts';
import type { InboundCall } from './extract-calls.ts';

export interface AnswerCallsDeps {
  sender: SenderDeps;
  metrics: ConnectorMetrics;
  logger: Logger;
  /** From the Wappa-style path, then from config: used when the webhook metadata has none. */
  fallbackPhoneNumberId: string | undefined;
}

/**
 * The fixed SDP answer the bridge sends: opus, DTLS role active. The media leg is out of the
 * harness's scope; the Graph API (and the mock) only need a well-formed answer.
 */
export const SDP_ANSWER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=wa-connector',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=rtcp-mux',
  'a=ice-ufrag:wacn',
  'a=ice-pwd:wa-connector-voice-bridge0',
  'a=setup:active',
  'a=mid:0',
  'a=sendrecv',
  'a=rtpmap:111 opus/48000/2',
  '',
].join('\r\n');

/**
 * The voice-bridge work done after the 200: a `connect` gets pre_accept, then accept once the
 * pre-accept went through (Meta's order: the media path is set up before the call is accepted).
 * Other events (terminate, …) are counted only: the call is already over.
 */
export async function answerCalls(deps: AnswerCallsDeps, calls: readonly InboundCall[]): Promise<void> {
  await Promise.all(calls.map((call) => answerCall(deps, call)));
}

async function answerCall(deps: AnswerCallsDeps, call: InboundCall): Promise<void> {
  deps.metrics.callEvents.inc({ event: call.event });
  if (call.event !== 'connect') return;
  const phoneNumberId = call.phoneNumberId ?? deps.fallbackPhoneNumberId;
  if (!phoneNumberId) {
    deps.metrics.sendsFailed.inc({ kind: 'call', reason: 'no_phone_number_id' });
    deps.logger.warn('no phone number id to answer the call from', { callId: call.id });
    return;
  }
  const job = (action: 'pre_accept' | 'accept'): SendJob => ({
    kind: 'call',
    edge: 'calls',
    phoneNumberId,
    payload: {
      messaging_product: 'whatsapp',
      call_id: call.id,
      action,
      session: { sdp_type: 'answer', sdp: SDP_ANSWER },
    },
    messageId: call.id,
  });
  if ((await sendWithRetries(deps.sender, job('pre_accept'))) !== 'sent') return;
  await sendWithRetries(deps.sender, job('accept'));
}
