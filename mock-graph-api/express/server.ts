import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import { isLoopbackHost, UserError } from '../../common/node/index.ts';
import type { ChaosProfileInput } from '../chaos/profile-schema.ts';
import type { MockConfigInput } from '../config.ts';
import { createSimulator, type Simulator } from '../simulator.ts';
import { createAdminRouter } from './admin-router.ts';
import { createGraphRouter, createUnmatchedHandler, handleGraphError } from './graph-router.ts';
import { createMetricsRegistry } from './metrics.ts';

export interface MockServerOptions {
  port?: number;
  host?: string;
  config?: MockConfigInput;
  profile?: ChaosProfileInput;
  /** Use an existing simulator instead of creating one from config/profile. */
  simulator?: Simulator;
  /** Do not keep the process alive for the server alone (the preload's admin port in a target). */
  unref?: boolean;
  /** Required on /__admin/* as a Bearer token (see access-control.ts); omitted = open, loopback only. */
  adminToken?: string;
}

export interface MockServer {
  url: string;
  simulator: Simulator;
  close(): Promise<void>;
}

/**
 * The Express app: Graph routes first (hot path; they only take `/vNN.N/…` paths), then
 * /metrics and /__admin, then a Graph-style 400 for anything else. Mount it anywhere; the mock's
 * own server runs the same Graph router in front of it (createMockRequestListener).
 */
export function createMockApp(simulator: Simulator, adminToken?: string): express.Express {
  return buildApp(simulator, createGraphRouter(simulator), adminToken);
}

function buildApp(simulator: Simulator, graphRouter: Router | null, adminToken?: string): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (graphRouter) app.use(graphRouter);
  const registry = createMetricsRegistry(simulator);
  app.get('/metrics', async (_request, response) => {
    response.writeHead(200, { 'content-type': registry.contentType });
    response.end(await registry.metrics());
  });
  // For probes and the image's HEALTHCHECK: no token, no state, nothing a caller could change.
  app.get('/healthz', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
    response.end('{"status":"ok"}');
  });
  app.use('/__admin', createAdminRouter(simulator, adminToken));
  app.use(createUnmatchedHandler(simulator));
  app.use(handleGraphError);
  return app;
}

/**
 * The server's request listener: Graph requests go straight to the Graph router; everything it
 * does not take falls through to the Express app (metrics, admin, Graph-style 400s).
 *
 * Why not `http.createServer(app)`: an Express app swaps the prototype of every request and
 * response (`Object.setPrototypeOf`), which makes V8 keep and promote most of each request's
 * garbage: with it, young-generation collections took 3–5 ms every ~70 ms at 5,000 req/s and
 * set the p99; with the router alone they take 0.3 ms (BENCHMARKS.md). The Graph handlers use
 * only Node's request/response API, so they lose nothing.
 */
export function createMockRequestListener(
  simulator: Simulator,
  adminToken?: string,
): (request: IncomingMessage, response: ServerResponse) => void {
  const graphRouter = createGraphRouter(simulator);
  const app = buildApp(simulator, null, adminToken);
  return (request, response) => {
    graphRouter(request as express.Request, response as express.Response, (error?: unknown) => {
      if (error) handleGraphError(error, request as express.Request, response as express.Response, () => undefined);
      else app(request, response);
    });
  };
}

/**
 * Starts the mock (loopback unless `host` says otherwise; port 0 = chosen by the OS) and resolves
 * once it listens. Off loopback it needs `adminToken` and `config.accessTokens`: the CLI resolves
 * them with resolveMockAccess, and this refuses to open an unlocked admin API to the network.
 */
export function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const simulator = options.simulator ?? createSimulator(options.config, options.profile);
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && (options.adminToken === undefined || !simulator.config.accessTokens))
    return Promise.reject(
      new UserError(
        `Could not start the mock on ${host}: off loopback it needs an admin token and the accepted access tokens (WA_MOCK_ADMIN_TOKEN, WA_MOCK_ACCESS_TOKENS).`,
      ),
    );
  return new Promise((resolve, reject) => {
    const server = createServer(createMockRequestListener(simulator, options.adminToken));
    server.listen(options.port ?? 0, host);
    server.once('error', reject);
    if (options.unref) server.unref();
    server.once('listening', () => {
      // Bound slow clients: a request must arrive within 30 s, headers within 10 s.
      server.requestTimeout = 30_000;
      server.headersTimeout = 10_000;
      server.keepAliveTimeout = 10_000;
      // Once listening, an accept error (EMFILE under a connection flood) must not take the
      // process down: it may be a connector's own process (the preload's admin port).
      server.on('error', () => undefined);
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
