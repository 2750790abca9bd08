import { z } from 'zod';

/** The gates every run judges on its messages (the calibration matrix's columns). */
export const MESSAGE_GATE_IDS = [
  'ack-p99',
  'error-rate',
  'dedupe-p99',
  'reply-p99',
  'duplicates',
  'lost',
  'forged-accepted',
  'non-retryable-retries',
] as const;

/** One gate's verdict and the latency figures gates judge: the leaves the summary and the dependency verdicts share. */
export const GATE_IDS = [
  ...MESSAGE_GATE_IDS,
  // Supervised targets (--target-cmd): reports/supervisor-gates.ts.
  'peak-rss',
  'rss-growth',
  'health',
  'log-hygiene',
  'drain-unprocessed',
  'drain-time',
  'restart-lost',
  'restart-duplicates',
  'calls-unanswered',
  // Per fault phase: latency back to the SLO within the phase's recoveryS (reports/phase-judging.ts).
  'recovery',
] as const;
export type GateId = (typeof GATE_IDS)[number];

export const gateVerdictSchema = z.enum(['pass', 'fail', 'not-measured', 'incomplete']);
export type GateVerdict = z.infer<typeof gateVerdictSchema>;

export const gateResultSchema = z.object({
  id: z.enum(GATE_IDS),
  title: z.string(),
  /** Passing means `observed <comparator> threshold`. */
  comparator: z.enum(['<', '<=']),
  threshold: z.number(),
  observed: z.number().nullable(),
  unit: z.enum(['ms', '%', 'count', 'MB', 'MB/10min']),
  verdict: gateVerdictSchema,
  /** Where the observed value came from: run-record, server-timing, prometheus, estimate, ledger, … */
  source: z.string(),
  note: z.string(),
  /** True when a not-measured verdict does not fail the run (gates.allowNotMeasured). */
  allowedNotMeasured: z.boolean(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

export const latencyStatsSchema = z.object({
  count: z.number(),
  p50Ms: z.number(),
  p90Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
  /** False when built from k6 percentiles (no buckets): merged conservatively, not exactly. */
  exact: z.boolean(),
});
export type LatencyStats = z.infer<typeof latencyStatsSchema>;
