import express, { type Request, type Response } from 'express';
import { tokenMatches, UserError } from '../../common/node/index.ts';
import { bearerToken } from '../access-control.ts';
import { profilePhases } from '../chaos/phases.ts';
import type { Simulator } from '../simulator.ts';
import { readBodyAsync } from './read-body.ts';

function sendJson(response: Response, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}

function sendError(response: Response, status: number, error: string): void {
  sendJson(response, status, { error, status });
}

/** Parses `?delivered=<runId>:<count>,…` (inbound messages sent per run, to count lost ones). */
function parseDelivered(value: unknown): Record<string, number> | null {
  if (typeof value !== 'string' || value === '') return {};
  const delivered: Record<string, number> = {};
  for (const pair of value.split(',')) {
    const match = /^([0-9a-f]{12}):(\d{1,9})$/.exec(pair.trim());
    if (!match) return null;
    delivered[match[1] as string] = Number(match[2]);
  }
  return delivered;
}

function describeChaos(simulator: Simulator) {
  const profile = simulator.chaosProfile();
  return {
    profile,
    phase: simulator.currentPhase(),
    elapsedS: simulator.chaosElapsedMs() / 1000,
    phases: profilePhases(profile).map((p) => ({ ...p, endS: Number.isFinite(p.endS) ? p.endS : null })),
  };
}

/**
 * /__admin: reset, chaos get/put, stats (LedgerStats), ledger (human summary). With `adminToken`
 * (required off loopback), every admin request needs `Authorization: Bearer <token>`; anything
 * else gets 401 before it is read.
 */
export function createAdminRouter(simulator: Simulator, adminToken?: string): express.Router {
  const router = express.Router();
  if (adminToken !== undefined)
    router.use((request, response, next) => {
      const given = bearerToken(request.headers.authorization);
      if (given !== undefined && tokenMatches(given, adminToken)) return next();
      response.setHeader('www-authenticate', 'Bearer realm="wa-mock-admin"');
      sendError(
        response,
        401,
        'Could not use the admin API: it needs Authorization: Bearer <admin token>. Set WA_MOCK_ADMIN_TOKEN for loadtest and report to the token the mock was started with.',
      );
    });
  router.post('/reset', (_request, response) => {
    simulator.reset();
    sendJson(response, 200, { reset: true, phase: simulator.currentPhase() });
  });
  router.get('/chaos', (_request, response) => sendJson(response, 200, describeChaos(simulator)));
  router.put('/chaos', async (request: Request, response: Response) => {
    const body = await readBodyAsync(request, 1024 * 1024);
    if (body === null)
      return sendError(
        response,
        413,
        'Could not set the chaos profile: the body exceeds 1 MiB. Send a smaller profile.',
      );
    let data: unknown;
    try {
      data = JSON.parse(Buffer.from(body).toString('utf8'));
    } catch {
      return sendError(
        response,
        400,
        'Could not set the chaos profile: the body is not valid JSON. Send the profile as JSON.',
      );
    }
    try {
      simulator.setChaos(data as never);
    } catch (error) {
      if (error instanceof UserError) return sendError(response, 400, error.message);
      throw error;
    }
    sendJson(response, 200, describeChaos(simulator));
  });
  router.get('/stats', (_request, response) => sendJson(response, 200, simulator.stats()));
  router.get('/ledger', (request, response) => {
    const delivered = parseDelivered(request.query.delivered);
    if (!delivered)
      return sendError(
        response,
        400,
        'Could not summarise the ledger: delivered must read <runId>:<count>[,…] with 12-hex run ids. Fix the query string.',
      );
    sendJson(response, 200, simulator.summary(delivered));
  });
  router.use((request, response) =>
    sendError(
      response,
      404,
      `Could not find admin resource ${request.method} ${request.originalUrl.slice(0, 100)}. See mock-graph-api/README.md for the admin API.`,
    ),
  );
  return router;
}
