import { describeGraphError } from '../graph-errors.ts';
import { respondJson } from '../outcome.ts';
import { markReadSchema, outboundMessageSchema } from '../request-schemas.ts';
import { findMessageRef } from './message-ref.ts';
import { parseJsonBody } from './parse-json.ts';
import type { GraphRoute, Step } from './step.ts';
import { describeZodError } from './zod-to-graph.ts';

const MESSAGE_TYPES = new Set([
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'template',
  'reaction',
]);
const READ_OK = JSON.stringify({ success: true });
const OUTBOUND_TAG = Math.floor(Math.random() * 36 ** 6)
  .toString(36)
  .padStart(6, '0');
let outboundCounter = 0;

function createOutboundId(): string {
  outboundCounter++;
  return `wamid.HBgLOTk${OUTBOUND_TAG}${outboundCounter.toString(36).padStart(12, '0')}`;
}

/** POST /{v}/{phone-number-id}/messages: every outbound type, mark-as-read and typing. */
export const messagesRoute: GraphRoute = {
  endpoint: 'messages',
  method: 'POST',
  path: '/:version/:phoneNumberId/messages',
  phoneNumberId: (params) => params.phoneNumberId,
  handle(request, _params, context): Step {
    const parsed = parseJsonBody(request, context.config.maxJsonBytes);
    if (!parsed.ok) return { type: 'fail', spec: parsed.spec };
    const raw = parsed.value as Record<string, unknown> | null;
    const isRead = raw !== null && typeof raw === 'object' && 'status' in raw;
    const kind = isRead ? 'read' : 'reply';
    const ref = findMessageRef(raw, context.config);
    const rejected = ref ? ({ ref, kind } as const) : undefined;

    if (isRead) {
      const result = markReadSchema.safeParse(raw);
      if (!result.success) return { type: 'fail', spec: describeZodError(result.error), rejected };
      const type = result.data.typing_indicator ? 'typing' : 'read';
      return {
        type: 'effect',
        send: { kind, type, ref, correlate: true },
        commit: () => ({
          action: 'respond',
          status: 200,
          headers: { 'content-type': 'application/json; charset=UTF-8' },
          body: READ_OK,
          delayMs: 0,
          holdMs: 0,
        }),
      };
    }
    if (raw !== null && typeof raw === 'object' && raw.type === undefined) raw.type = 'text';
    if (raw !== null && typeof raw === 'object' && typeof raw.type === 'string' && !MESSAGE_TYPES.has(raw.type)) {
      return {
        type: 'fail',
        spec: describeGraphError(131051, { details: `Message type "${raw.type.slice(0, 40)}" is not supported` }),
        rejected,
      };
    }
    const result = outboundMessageSchema.safeParse(raw);
    if (!result.success) return { type: 'fail', spec: describeZodError(result.error), rejected };
    const message = result.data;
    const correlate = context.config.correlation !== 'read';
    return {
      type: 'effect',
      send: { kind, type: message.type, ref, correlate, to: message.to },
      commit: () =>
        respondJson(200, {
          messaging_product: 'whatsapp',
          contacts: [{ input: message.to, wa_id: message.to.startsWith('+') ? message.to.slice(1) : message.to }],
          messages: [
            message.type === 'template'
              ? { id: createOutboundId(), message_status: 'accepted' }
              : { id: createOutboundId() },
          ],
        }),
    };
  },
};
