import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A do-nothing voice bridge: answers the verify handshake, checks signatures (so only the calls
 * gate has something to catch), answers 200 to every signed POST and never calls /calls.
 */
export async function startDoNothingVoiceBridge(secret: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const challenge = new URL(req.url ?? '/', 'http://x').searchParams.get('hub.challenge');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const expected = 'sha256=' + createHmac('sha256', secret).update(Buffer.concat(chunks)).digest('hex');
      const signed = req.method !== 'POST' || req.headers['x-hub-signature-256'] === expected;
      res.writeHead(signed ? 200 : 401, { 'content-type': 'text/plain' }).end(challenge ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The calls gate of a voice-bridge run against the do-nothing bridge: what both engines must show. */
export const DO_NOTHING_CALLS_NOTE = /0 answered .* 0 later, [1-9]\d* never/;
