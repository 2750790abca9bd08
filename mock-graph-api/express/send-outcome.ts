import { validateHeaderName, validateHeaderValue, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { MockOutcome } from '../outcome.ts';

function dropConnection(socket: Socket | null): void {
  if (!socket) return;
  // resetAndDestroy sends a TCP RST (ECONNRESET on the client), like a proxy dying mid-request.
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

function act(response: ServerResponse, outcome: MockOutcome): void {
  if (outcome.action === 'reset') return dropConnection(response.socket);
  if (outcome.action === 'hold') {
    const timer = setTimeout(() => dropConnection(response.socket), outcome.holdMs);
    response.once('close', () => clearTimeout(timer));
    return;
  }
  // An explicit Content-Length lets Node send head and body in one write; without it, writeHead
  // commits to chunked encoding and every answer costs a writev of several buffers.
  const length = Buffer.byteLength(outcome.body);
  try {
    response.writeHead(outcome.status, { ...outcome.headers, 'content-length': length });
  } catch {
    // A header Node refuses (a value outside Latin-1, a name that is not a token) must never
    // take the process down: send the answer without the headers that cannot be written.
    response.writeHead(outcome.status, { ...writableHeaders(outcome.headers), 'content-length': length });
  }
  response.end(outcome.body);
}

function writableHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
      out[name] = value;
    } catch {
      // dropped
    }
  }
  return out;
}

/** Turns a simulator outcome into bytes on the wire (or a dropped / held connection). */
export function sendOutcome(response: ServerResponse, outcome: MockOutcome): void {
  if (outcome.delayMs <= 0) return act(response, outcome);
  const timer = setTimeout(() => act(response, outcome), outcome.delayMs);
  response.once('close', () => clearTimeout(timer));
}
