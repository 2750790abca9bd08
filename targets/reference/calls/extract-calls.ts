import { z } from 'zod';
import { webhookEnvelopeSchema } from '../webhook-payload.ts';

/** The parts of a `calls` change a voice bridge acts on; loose like every webhook shape. */
const callSchema = z.looseObject({
  id: z.string().min(1),
  event: z.string().min(1),
  session: z.looseObject({ sdp_type: z.string(), sdp: z.string() }).optional(),
});
const callsValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string().min(1) }).optional(),
  calls: z.array(callSchema).optional(),
});

/** One call event: `connect` (with the user's SDP offer), `terminate`, … */
export interface InboundCall {
  id: string;
  event: string;
  phoneNumberId: string | undefined;
  offerSdp: string | undefined;
}

export type ExtractCallsResult = { ok: true; calls: InboundCall[] } | { ok: false; reason: string };

/** Lists the call events of a parsed webhook body (calls mode only); other fields are ignored here. */
export function extractCalls(body: unknown): ExtractCallsResult {
  const envelope = webhookEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, reason: 'not a WhatsApp webhook envelope (object, entry[].changes[])' };
  const calls: InboundCall[] = [];
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'calls') continue;
      const value = callsValueSchema.safeParse(change.value);
      if (!value.success)
        return { ok: false, reason: 'a calls change has no valid value (call id and event are required)' };
      const phoneNumberId = value.data.metadata?.phone_number_id;
      for (const call of value.data.calls ?? []) {
        calls.push({
          id: call.id,
          event: call.event,
          phoneNumberId,
          offerSdp: call.session?.sdp_type === 'offer' ? call.session.sdp : undefined,
        });
      }
    }
  }
  return { ok: true, calls };
}

/** Dedupe key of a call event: the call id alone would swallow the terminate after a connect. */
export function callEventKey(call: InboundCall): string {
  return `${call.id}:${call.event}`;
}
