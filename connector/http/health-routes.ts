import type { Request, Response } from 'express';
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

/** Prometheus text exposition of the connector's own registry. */
export function createMetricsHandler(metrics: ConnectorMetrics) {
  return async (_req: Request, res: Response) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}
