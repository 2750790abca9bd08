import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { InfraError } from '../../../../common/node/index.ts';

export interface MetricsServer {
  /** `http://127.0.0.1:<port>/metrics` */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` from a registry on 127.0.0.1 only (port 0 = OS-chosen). Anything else
 * is a 404. A busy port is an InfraError (exit 3) naming the flag.
 */
export function startMetricsServer(registry: Registry, port: number): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: only GET /metrics is served here.\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: Error) =>
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`Could not collect metrics: ${error.message}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new InfraError(
          `Could not serve live metrics on 127.0.0.1:${port}: ${error.code ?? error.message}. Pick a free port with --metrics-port, or 0 for any.`,
        ),
      );
    });
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}/metrics`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
