import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedSend {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
  atMs: number;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Hold the answer this long (to provoke send timeouts or observe async processing). */
  delayMs?: number;
}

/** Decides the answer to the n-th request (0-based) given its parsed body. */
export type Responder = (body: Record<string, unknown>, index: number) => FakeReply;

export const ANSWER_OK: Responder = () => ({
  status: 200,
  body: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.out' }] },
});

/**
 * A tiny recording Graph API for connector tests: every request is recorded, answers come from
 * a swappable responder. Loopback only, OS-chosen port.
 */
export async function startFakeGraph(initial: Responder = ANSWER_OK) {
  const sends: RecordedSend[] = [];
  let responder = initial;
  let count = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = { unparseable: true };
      }
      const answer = responder(body, count++);
      sends.push({ path: req.url ?? '', authorization: req.headers.authorization, body, atMs: Date.now() });
      const finish = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? {}));
      };
      if (answer.delayMs) setTimeout(finish, answer.delayMs);
      else finish();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sends,
    reads: () => sends.filter((s) => s.body['status'] === 'read'),
    replies: () => sends.filter((s) => s.body['type'] === 'text'),
    setResponder(next: Responder) {
      responder = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;

/** A Graph API error body as Meta sends it. */
export function graphError(code: number, message = 'error'): unknown {
  return { error: { message, type: 'OAuthException', code, fbtrace_id: 'Afake' } };
}
