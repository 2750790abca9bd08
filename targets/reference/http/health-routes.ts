import type { Request, Response } from 'express';
import type { ResolvedConnectorConfig } from '../config.ts';
import { resolveInboundLimit } from './rate-limit.ts';
import type { Defect } from '../defects.ts';
import type { DedupeStore } from '../dedupe/store.ts';
import type { ConnectorMetrics } from '../metrics.ts';
import type { CircuitBreaker } from '../send/circuit-breaker.ts';

export interface HealthDeps {
  store: DedupeStore;
  breaker: CircuitBreaker;
  metrics: ConnectorMetrics;
  defect: Defect;
  inFlight: () => number;
  isStopping: () => boolean;
}

/** Liveness and readiness in one: 200 when the connector can take webhooks, else 503. No secrets. */
export function createHealthHandler(deps: HealthDeps) {
  return (_req: Request, res: Response) => {
    const storeReady = deps.store.isReady();
    const status = deps.isStopping() ? 'stopping' : storeReady ? 'ok' : 'degraded';
    res.status(status === 'ok' ? 200 : 503).json({
      status,
      store: { kind: deps.store.kind, ready: storeReady },
      breaker: deps.breaker.state,
      defect: deps.defect,
      inFlightTasks: deps.inFlight(),
    });
  };
}

/**
 * The Wappa-style `/health/detailed`: the same verdict and status code as `/health`, plus what
 * an operator needs to see why (store, Graph breaker and base URL, inbound limit, calls mode).
 * Origins only, never tokens or secrets.
 */
export function createDetailedHealthHandler(deps: HealthDeps & { config: ResolvedConnectorConfig }) {
  const { config } = deps;
  const limit = resolveInboundLimit(config);
  const startedAtMs = Date.now();
  return (_req: Request, res: Response) => {
    const storeReady = deps.store.isReady();
    const status = deps.isStopping() ? 'stopping' : storeReady ? 'ok' : 'degraded';
    res.status(status === 'ok' ? 200 : 503).json({
      status,
      uptimeS: Math.round((Date.now() - startedAtMs) / 100) / 10,
      checks: {
        store: { kind: deps.store.kind, ready: storeReady },
        graph: {
          breaker: deps.breaker.state,
          origin: new URL(config.graphBaseUrl).origin,
          version: config.graphVersion,
        },
      },
      webhook: {
        path: config.pathTemplate,
        rateLimit: limit && { perIpPerS: limit.ratePerS, burst: limit.burst },
        callsMode: config.callsMode,
      },
      defect: deps.defect,
      inFlightTasks: deps.inFlight(),
    });
  };
}

/** Prometheus text exposition of the connector's own registry. */
export function createMetricsHandler(metrics: ConnectorMetrics) {
  return async (_req: Request, res: Response) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}
