import { Counter, Gauge, Registry } from 'prom-client';
import type { Simulator } from '../simulator.ts';

/**
 * A private prom-client registry whose values are read from the simulator at scrape time, so
 * the request hot path never touches prom-client.
 */
export function createMetricsRegistry(simulator: Simulator): Registry {
  const registry = new Registry();
  const fill = (counter: Counter<string>, entries: Iterable<[Record<string, string>, number]>) => {
    counter.reset();
    for (const [labels, value] of entries) counter.inc(labels, value);
  };
  new Counter({
    name: 'wa_mock_requests_total',
    help: 'Graph requests answered, by endpoint and status (HTTP code, reset or hold).',
    labelNames: ['endpoint', 'status'],
    registers: [registry],
    collect() {
      fill(
        this,
        [...simulator.requestCounts()].map(([key, n]) => {
          const [endpoint = '', status = ''] = key.split('|');
          return [{ endpoint, status }, n];
        }),
      );
    },
  });
  new Counter({
    name: 'wa_mock_committed_total',
    help: 'Committed side effects by type (text, image, read, typing, …).',
    labelNames: ['type'],
    registers: [registry],
    collect() {
      fill(
        this,
        Object.entries(simulator.counters().committedByType).map(([type, n]) => [{ type }, n]),
      );
    },
  });
  new Counter({
    name: 'wa_mock_errors_total',
    help: 'Graph errors answered, by code.',
    labelNames: ['code'],
    registers: [registry],
    collect() {
      fill(
        this,
        Object.entries(simulator.counters().rejectedByCode).map(([code, n]) => [{ code }, n]),
      );
    },
  });
  new Counter({
    name: 'wa_mock_faults_total',
    help: 'Faults injected, by chaos phase and kind.',
    labelNames: ['phase', 'kind'],
    registers: [registry],
    collect() {
      fill(
        this,
        Object.entries(simulator.counters().faults).map(([key, n]) => {
          const slash = key.lastIndexOf('/');
          return [{ phase: key.slice(0, slash), kind: key.slice(slash + 1) }, n];
        }),
      );
    },
  });
  new Counter({
    name: 'wa_mock_limits_total',
    help: 'Requests refused by a real limit (throughput 130429, pair rate 131056).',
    labelNames: ['limit'],
    registers: [registry],
    collect() {
      fill(
        this,
        Object.entries(simulator.counters().limits).map(([limit, n]) => [{ limit }, n]),
      );
    },
  });
  new Gauge({
    name: 'wa_mock_chaos_phase',
    help: 'The active chaos phase (value 1).',
    labelNames: ['phase'],
    registers: [registry],
    collect() {
      this.reset();
      this.set({ phase: simulator.currentPhase() }, 1);
    },
  });
  return registry;
}
