import { respondJson } from '../outcome.ts';
import { callActionSchema } from '../request-schemas.ts';
import { parseJsonBody } from './parse-json.ts';
import type { GraphRoute } from './step.ts';
import { describeZodError } from './zod-to-graph.ts';

let callCounter = 0;

/** POST /{v}/{phone-number-id}/calls: pre_accept, accept, reject, terminate (and connect). */
export const callsRoute: GraphRoute = {
  endpoint: 'calls',
  method: 'POST',
  path: '/:version/:phoneNumberId/calls',
  phoneNumberId: (params) => params.phoneNumberId,
  handle(request, _params, context) {
    const parsed = parseJsonBody(request, context.config.maxJsonBytes);
    if (!parsed.ok) return { type: 'fail', spec: parsed.spec };
    const result = callActionSchema.safeParse(parsed.value);
    if (!result.success) return { type: 'fail', spec: describeZodError(result.error) };
    const body =
      result.data.action === 'connect'
        ? { messaging_product: 'whatsapp', calls: [{ id: `wacid.MOCK${String(++callCounter).padStart(12, '0')}` }] }
        : { messaging_product: 'whatsapp', success: true };
    // Call actions are side effects too: counted by type in the ledger, tied to no inbound message.
    const callId =
      result.data.action !== 'connect' && typeof result.data.call_id === 'string' ? result.data.call_id : undefined;
    const send = {
      kind: 'read' as const,
      type: `call_${result.data.action}`,
      ref: null,
      correlate: false,
      ...(callId ? { callId } : {}),
    };
    return { type: 'effect', send, commit: () => respondJson(200, body) };
  },
};
