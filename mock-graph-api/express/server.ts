import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ChaosProfileInput } from '../chaos/profile-schema.ts';
import type { MockConfigInput } from '../config.ts';
import { createSimulator, type Simulator } from '../simulator.ts';
import { createAdminRouter } from './admin-router.ts';
import { createUnmatchedHandler, handleGraphError, registerGraphRoutes } from './graph-router.ts';
import { createMetricsRegistry } from './metrics.ts';

export interface MockServerOptions {
  port?: number;
  host?: string;
  config?: MockConfigInput;
  profile?: ChaosProfileInput;
  /** Use an existing simulator instead of creating one from config/profile. */
  simulator?: Simulator;
}

export interface MockServer {
  url: string;
  simulator: Simulator;
  close(): Promise<void>;
}

/**
 * The Express app: Graph routes first (hot path; they only take `/vNN.N/…` paths), then
 * /metrics and /__admin, then a Graph-style 400 for anything else.
 */
export function createMockApp(simulator: Simulator): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  registerGraphRoutes(app, simulator);
  const registry = createMetricsRegistry(simulator);
  app.get('/metrics', async (_request, response) => {
    response.writeHead(200, { 'content-type': registry.contentType });
    response.end(await registry.metrics());
  });
  app.use('/__admin', createAdminRouter(simulator));
  app.use(createUnmatchedHandler(simulator));
  app.use(handleGraphError);
  return app;
}

/** Starts the mock on loopback (port 0 = chosen by the OS) and resolves once it listens. */
export function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const simulator = options.simulator ?? createSimulator(options.config, options.profile);
  const app = createMockApp(simulator);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = app.listen(options.port ?? 0, host);
    server.once('error', reject);
    server.once('listening', () => {
      // Bound slow clients: a request must arrive within 30 s, headers within 10 s.
      server.requestTimeout = 30_000;
      server.headersTimeout = 10_000;
      server.keepAliveTimeout = 10_000;
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        simulator,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Held (timeout fault) and keep-alive connections would otherwise delay close.
            server.closeAllConnections();
          }),
      });
    });
  });
}
