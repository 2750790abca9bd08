/**
 * zod schemas for every shape that crosses a component boundary: the scenario model, the run
 * record (engines → reporter), ledger stats (mock → reporter). Types are inferred, never twinned.
 *
 * @example
 * import { scenarioSchema } from './index.ts';
 * const scenario = scenarioSchema.parse({ name: 'smoke', load: { profile: 'constant', rate: 5, durationS: 10 } });
 */
export * from './scenario.ts';
export * from './run-record.ts';
export * from './ledger-stats.ts';
export * from './histogram.ts';
export * from './encoded-bytes.ts';
export * from './supervised.ts';
export * from './redis-proxy-stats.ts';
export * from './second-series.ts';
