import type { ServerResponse } from 'node:http';
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
  response.writeHead(outcome.status, { ...outcome.headers, 'content-length': Buffer.byteLength(outcome.body) });
  response.end(outcome.body);
}

/** Turns a simulator outcome into bytes on the wire (or a dropped / held connection). */
export function sendOutcome(response: ServerResponse, outcome: MockOutcome): void {
  if (outcome.delayMs <= 0) return act(response, outcome);
  const timer = setTimeout(() => act(response, outcome), outcome.delayMs);
  response.once('close', () => clearTimeout(timer));
}
