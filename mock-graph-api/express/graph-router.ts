import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { describeGraphError } from '../graph-errors.ts';
import { GRAPH_ROUTES } from '../graph-routes.ts';
import { versionUnversionedPath } from '../unversioned.ts';
import { respondGraphError } from '../outcome.ts';
import type { Simulator } from '../simulator.ts';
import { readBody } from './read-body.ts';
import { sendOutcome } from './send-outcome.ts';
import { toMockRequest } from './to-mock-request.ts';

const EMPTY = new Uint8Array(0);
const VERSION = /^v\d{1,2}\.\d$/;

function answerTooLarge(response: Response, limit: number): void {
  // The rest of the body is unread: close the connection rather than drain an attacker's upload.
  response.setHeader('connection', 'close');
  sendOutcome(
    response,
    respondGraphError(describeGraphError(100, { status: 413, details: `Request body exceeds ${limit} bytes` })),
  );
}

/**
 * An Express Router with GRAPH_ROUTES, one route per entry. Bodies are read raw (no
 * body-parser, no Fetch Request): the simulator parses JSON itself, and the handlers use only
 * Node's own request/response API, so the server can run this router without the app's
 * per-request prototype swap (see server.ts).
 */
export function createGraphRouter(simulator: Simulator): Router {
  const router = express.Router();
  const { maxJsonBytes, maxMediaBytes, unversionedAs } = simulator.config;
  router.use((request, _response, next) => {
    const versioned = versionUnversionedPath(request.url, unversionedAs);
    if (versioned) request.url = versioned;
    next();
  });
  for (const route of GRAPH_ROUTES) {
    const limit = route.endpoint === 'media-upload' ? maxMediaBytes : maxJsonBytes;
    const method = route.method.toLowerCase() as 'get' | 'post' | 'delete';
    router[method](route.path, (request: Request, response: Response, next: NextFunction) => {
      const params = request.params as Record<string, string>;
      // Not a /vNN.N/ path (e.g. /__admin/…): leave it to the routes registered after these.
      if (!VERSION.test(params.version ?? '') || !simulator.accepts(route, params)) return next();
      readBody(request, limit, (body) => {
        if (body === null) return answerTooLarge(response, limit);
        sendOutcome(response, simulator.handle(route, params, toMockRequest(request, body)));
      });
    });
  }
  return router;
}

/** The Graph-style 400 for any path no route took. */
export function createUnmatchedHandler(simulator: Simulator) {
  return (request: Request, response: Response): void =>
    sendOutcome(response, simulator.handleUnmatched(toMockRequest(request, EMPTY)));
}

/** Last-resort error handler: malformed URLs and the like become a Graph 400, never a crash. */
export function handleGraphError(error: unknown, _request: Request, response: Response, _next: NextFunction): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const status = (error as { status?: number }).status;
  const spec =
    status && status >= 400 && status < 500
      ? describeGraphError(100, { status, details: 'Malformed request' })
      : describeGraphError(1);
  sendOutcome(response, respondGraphError(spec));
}
