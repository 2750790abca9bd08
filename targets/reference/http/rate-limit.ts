import type { NextFunction, Request, Response } from 'express';
import { createKeyedRateLimiter } from '../../../common/core/index.ts';
import type { ConnectorMetrics } from '../metrics.ts';

/** The configured inbound limit, burst defaulted to twice the rate; null when off. */
export function resolveInboundLimit(config: {
  rateLimitPerIp?: number;
  rateLimitBurst?: number;
}): { ratePerS: number; burst: number } | null {
  if (config.rateLimitPerIp === undefined) return null;
  return {
    ratePerS: config.rateLimitPerIp,
    burst: config.rateLimitBurst ?? Math.max(1, Math.ceil(config.rateLimitPerIp * 2)),
  };
}

/** A per-source limiter: `burst` requests back to back, then one every 1/ratePerS s (GCRA from core). */
export function createSourceRateLimiter(options: { ratePerS: number; burst: number; maxKeys?: number }) {
  return createKeyedRateLimiter({
    intervalMs: 1000 / options.ratePerS,
    burst: options.burst,
    maxKeys: options.maxKeys,
  });
}

/**
 * The inbound limiter a reverse proxy or an app middleware puts in front of many bots (nginx
 * `limit_req`, slowapi): keyed by the socket's source address, answered 429 with Retry-After
 * before anything else happens, so a limited delivery has no side effect.
 */
export function createRateLimitMiddleware(options: {
  ratePerS: number;
  burst: number;
  metrics: ConnectorMetrics;
  now?: () => number;
}) {
  const limiter = createSourceRateLimiter(options);
  const now = options.now ?? Date.now;
  return (req: Request, res: Response, next: NextFunction) => {
    const source = req.socket.remoteAddress ?? 'unknown';
    const waitMs = limiter.admit(source, now());
    if (waitMs === 0) return next();
    options.metrics.webhooksReceived.inc({ outcome: 'rate_limited' });
    res.setHeader('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
    res.status(429).json({
      error: `rate limit of ${options.ratePerS} requests/s per source address (burst ${options.burst}) exceeded; retry later`,
      status: 429,
    });
  };
}
