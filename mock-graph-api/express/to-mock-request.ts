import type { IncomingMessage } from 'node:http';
import type { MockRequest } from '../outcome.ts';

const NO_QUERY = new URLSearchParams();

/** Wraps a Node request (body already read) without copying headers: the hot path stays lean. */
export function toMockRequest(request: IncomingMessage, body: Uint8Array): MockRequest {
  const url = request.url ?? '/';
  const q = url.indexOf('?');
  const headers = request.headers;
  return {
    method: request.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? NO_QUERY : new URLSearchParams(url.slice(q + 1)),
    header: (name) => {
      const value = headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    body,
    origin: `http://${headers.host ?? '127.0.0.1'}`,
  };
}
