import { describeGraphError, type GraphErrorSpec } from '../graph-errors.ts';
import type { MockRequest } from '../outcome.ts';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Parses a JSON request body, or explains in Graph terms why it cannot. */
export function parseJsonBody(
  request: MockRequest,
  maxBytes: number,
): { ok: true; value: unknown } | { ok: false; spec: GraphErrorSpec } {
  const contentType = request.header('content-type');
  if (contentType !== undefined && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    return {
      ok: false,
      spec: describeGraphError(100, {
        details: `Unsupported content type "${contentType.slice(0, 80)}"; send application/json`,
      }),
    };
  }
  if (request.body.length > maxBytes) {
    return {
      ok: false,
      spec: describeGraphError(100, { status: 413, details: `Request body exceeds ${maxBytes} bytes` }),
    };
  }
  if (request.body.length === 0)
    return { ok: false, spec: describeGraphError(100, { details: 'Request body is empty' }) };
  try {
    return { ok: true, value: JSON.parse(decoder.decode(request.body)) as unknown };
  } catch {
    return { ok: false, spec: describeGraphError(100, { details: 'Request body is not valid JSON' }) };
  }
}
