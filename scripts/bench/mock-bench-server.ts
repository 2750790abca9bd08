import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { startMockServer } from '../../mock-graph-api/index.ts';

// Child process of bench/mock-throughput.ts.
//   mock         the real mock (validation + ledger, chaos off, limits off), as `npm run mock` runs it
//   bare         an Express app route that reads the body and answers a fixed JSON (the baseline)
//   bare-router  the same route on an express.Router in front of the app, dispatched as the mock does
const mode = process.argv[2];
const BODY = JSON.stringify({
  messaging_product: 'whatsapp',
  contacts: [{ input: '1', wa_id: '1' }],
  messages: [{ id: 'wamid.x' }],
});
const HEADERS = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) };

function bareRoute(request: express.Request, response: express.Response): void {
  request.on('data', () => undefined);
  request.on('end', () => {
    response.writeHead(200, HEADERS);
    response.end(BODY);
  });
}

function announce(url: string): void {
  process.stdout.write(`${JSON.stringify({ event: 'listening', url })}\n`);
}

if (mode === 'bare' || mode === 'bare-router') {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const router = express.Router();
  (mode === 'bare' ? app : router).post('/:version/:phoneNumberId/messages', bareRoute);
  const server =
    mode === 'bare'
      ? createServer(app)
      : createServer((request, response) =>
          router(request as express.Request, response as express.Response, () => app(request, response)),
        );
  server.listen(0, '127.0.0.1', () => announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
} else {
  const mock = await startMockServer({ config: { throughputPerS: 'off', pairRate: 'off' } });
  announce(mock.url);
  process.on('SIGTERM', () => {
    const stats = mock.simulator.stats();
    process.stderr.write(`${JSON.stringify({ committed: stats.committedByType, runs: stats.runs.length })}\n`);
    void mock.close().then(() => process.exit(0));
  });
}
