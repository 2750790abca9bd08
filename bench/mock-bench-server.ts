import express from 'express';
import type { AddressInfo } from 'node:net';
import { startMockServer } from '../mock-graph-api/index.ts';

// Child process of bench/mock-throughput.ts: `mock` = the real mock (validation + ledger, chaos
// off, limits off); `bare` = an Express route that reads the body and answers a fixed JSON.
const mode = process.argv[2];
if (mode === 'bare') {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const body = JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: '1', wa_id: '1' }], messages: [{ id: 'wamid.x' }] });
  app.post('/:version/:phoneNumberId/messages', (request, response) => {
    request.on('data', () => undefined);
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
  });
} else {
  const mock = await startMockServer({ config: { throughputPerS: 'off', pairRate: 'off' } });
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: mock.url })}\n`);
  process.on('SIGTERM', () => {
    const stats = mock.simulator.stats();
    process.stderr.write(`${JSON.stringify({ committed: stats.committedByType, runs: stats.runs.length })}\n`);
    void mock.close().then(() => process.exit(0));
  });
}
