import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logger.ts';
import {
  createDetailedHealthHandler,
  createHealthHandler,
  createMetricsHandler,
  type HealthDeps,
} from './health-routes.ts';
import { createRateLimitMiddleware, resolveInboundLimit } from './rate-limit.ts';
import { createVerifyHandler } from './verify-route.ts';
import { createWebhookHandler, requireJsonContentType, type WebhookDeps } from './webhook-route.ts';

/** `/webhook/messenger/{phone_number_id}/whatsapp` → an Express 5 route with a named parameter. */
export function toExpressPath(pathTemplate: string): string {
  return pathTemplate.replace('{phone_number_id}', ':phone_number_id');
}

/** Wires the routes; every failure ends as a JSON `{ error, status }`, never a crash or a stack. */
export function createApp(deps: WebhookDeps & HealthDeps & { logger: Logger; now?: () => number }) {
  const app = express();
  app.disable('x-powered-by');
  const path = toExpressPath(deps.config.pathTemplate);
  // Raw bytes, not parsed JSON: the signature covers the exact body Meta sent.
  const rawBody = express.raw({ type: () => true, limit: deps.config.maxBodyBytes, inflate: false });

  const limit = resolveInboundLimit(deps.config);
  if (limit) app.use(path, createRateLimitMiddleware({ ...limit, metrics: deps.metrics, now: deps.now }));
  app.get(path, createVerifyHandler(deps.config.verifyToken));
  app.post(path, requireJsonContentType(deps), rawBody, createWebhookHandler(deps));
  app.get('/health', createHealthHandler(deps));
  app.get('/health/detailed', createDetailedHealthHandler(deps));
  app.get('/metrics', createMetricsHandler(deps.metrics));
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found', status: 404 });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = readHttpStatus(error);
    if (status < 500)
      deps.metrics.webhooksReceived.inc({
        outcome: status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : 'malformed',
      });
    else deps.logger.error('request failed', { error: error instanceof Error ? error.message : String(error) });
    if (res.headersSent) return;
    res.status(status).json({
      error:
        status === 413
          ? `body larger than ${deps.config.maxBodyBytes} bytes`
          : status < 500
            ? 'bad request'
            : 'internal error',
      status,
    });
  });
  return app;
}

/** body-parser errors carry a 4xx status (413 too large, 400 aborted, 415 encoding); others are ours. */
function readHttpStatus(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}
