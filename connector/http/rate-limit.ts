import type { NextFunction, Request, Response } from 'express';
import type { ConnectorMetrics } from '../metrics.ts';

/** The configured inbound limit, burst defaulted to twice the rate; null when off. */
export function resolveInboundLimit(config: { rateLimitPerIp?: number; rateLimitBurst?: number }): { ratePerS: number; burst: number } | null {
  if (config.rateLimitPerIp === undefined) return null;
  return { ratePerS: config.rateLimitPerIp, burst: config.rateLimitBurst ?? Math.max(1, Math.ceil(config.rateLimitPerIp * 2)) };
}

/**
 * A per-key limiter using GCRA (one number per key: the theoretical arrival time): `burst`
 * requests pass back to back, then one every 1/ratePerS s. Memory is capped: refilled keys are
 * swept, and the oldest are dropped past `maxKeys`.
 */
export function createKeyedRateLimiter(options: { ratePerS: number; burst: number; maxKeys?: number }) {
  const intervalMs = 1000 / options.ratePerS;
  const tolerance = (options.burst - 1) * intervalMs;
  const maxKeys = options.maxKeys ?? 100_000;
  const arrivals = new Map<string, number>();

  function sweep(nowMs: number): void {
    for (const [key, tat] of arrivals) if (tat <= nowMs) arrivals.delete(key);
    let excess = arrivals.size - Math.floor(maxKeys * 0.9);
    for (const key of arrivals.keys()) {
      if (excess-- <= 0) break;
      arrivals.delete(key);
    }
  }

  return {
    /** 0 when the request may pass (and is counted), else the milliseconds until one would. */
    admit(key: string, nowMs: number): number {
      const tat = arrivals.get(key);
      const base = tat === undefined || tat < nowMs ? nowMs : tat;
      const over = base - nowMs - tolerance;
      if (over > 0) return over;
      arrivals.set(key, base + intervalMs);
      if (arrivals.size > maxKeys) sweep(nowMs);
      return 0;
    },
  };
}

/**
 * The inbound limiter a reverse proxy or an app middleware puts in front of many bots (nginx
 * `limit_req`, slowapi): keyed by the socket's source address, answered 429 with Retry-After
 * before anything else happens, so a limited delivery has no side effect.
 */
export function createRateLimitMiddleware(options: { ratePerS: number; burst: number; metrics: ConnectorMetrics; now?: () => number }) {
  const limiter = createKeyedRateLimiter(options);
  const now = options.now ?? Date.now;
  return (req: Request, res: Response, next: NextFunction) => {
    const source = req.socket.remoteAddress ?? 'unknown';
    const waitMs = limiter.admit(source, now());
    if (waitMs === 0) return next();
    options.metrics.webhooksReceived.inc({ outcome: 'rate_limited' });
    res.setHeader('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
    res.status(429).json({ error: `rate limit of ${options.ratePerS} requests/s per source address (burst ${options.burst}) exceeded; retry later`, status: 429 });
  };
}
