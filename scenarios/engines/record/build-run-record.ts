import {
  RUN_RECORD_SCHEMA_VERSION,
  type LoadProfile,
  type PhaseWindow,
  type RunRecord,
  type Scenario,
} from '../../../common/contracts/index.ts';
import { plannedArrivals, redactSecrets, totalDurationS } from '../../model/index.ts';
import type { RunStats } from './run-stats.ts';

/** What a run record says about the run apart from its measurements. */
export type RunRecordHeader = Pick<
  RunRecord,
  'runId' | 'scenario' | 'engine' | 'config' | 'startedAt' | 'endedAt' | 'status' | 'abortReason' | 'phases'
>;

export interface RunRecordInput {
  header: RunRecordHeader;
  /** The scenario's load profile: the timeline covers its scheduled seconds. */
  load: LoadProfile;
  /** How long the load ran: an aborted run's timeline and planned count stop there. */
  ranMs: number;
  stats: RunStats;
}

/**
 * The one run-record builder of both engines (common/contracts/run-record.ts): the header as the
 * engine knows it, every measured field from RunStats (timeline, HDR histograms overall and by
 * phase, counters, the acknowledged bit set, late copies, calls `connect` acks).
 * `latency.schedulingLag` is there when the engine measured it (Node; k6 measures none). The
 * counters hold one identity on both engines: planned = deliveries (started) + dropped + unstarted.
 *
 * @example
 * const record = buildRunRecord({ header: runRecordHeader({ scenario, runId, engine, phases, startedAt, endedAt, status: 'completed' }), load: scenario.load, ranMs, stats });
 */
export function buildRunRecord({ header, load, ranMs, stats }: RunRecordInput): RunRecord {
  const phases = stats.phaseEntries();
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    kind: 'run-record',
    runId: header.runId,
    scenario: header.scenario,
    engine: header.engine,
    config: header.config,
    startedAt: header.startedAt,
    endedAt: header.endedAt,
    status: header.status,
    ...(header.abortReason !== undefined ? { abortReason: header.abortReason } : {}),
    phases: header.phases,
    timeline: stats.timeline.finish(timelineSeconds(load, header.status, ranMs)),
    latency: {
      ack: stats.ack.toJSON(),
      ackByPhase: Object.fromEntries(phases.map(([name, p]) => [name, p.ack.toJSON()])),
      dedupe: stats.dedupe.toJSON(),
      dedupeByPhase: Object.fromEntries(phases.map(([name, p]) => [name, p.dedupe.toJSON()])),
      ...(stats.schedulingLag.count ? { schedulingLag: stats.schedulingLag.toJSON() } : {}),
    },
    counters: countersWithPlan(stats, plannedArrivals(load, header.status, ranMs)),
    countersByPhase: Object.fromEntries(phases.map(([name, p]) => [name, { ...p.counters }])),
    acked: { mode: 'bitset', runId: header.runId, seqs: stats.acked.encode(), multiPart: stats.multiPart },
    ...(stats.lateCopies.sent ? { lateCopies: { ...stats.lateCopies } } : {}),
    ...stats.callsConnectRecord(),
  };
}

/** The whole-run counters with the plan: arrivals neither started nor dropped are unstarted (a starved engine). */
function countersWithPlan(stats: RunStats, planned: number): RunRecord['counters'] {
  const c = stats.counters;
  return { ...c, planned, unstarted: Math.max(0, planned - c.deliveries - c.dropped) };
}

/** The header of an engine that holds the resolved scenario: its config is the scenario, secrets redacted. */
export function runRecordHeader(input: {
  scenario: Scenario;
  runId: string;
  engine: RunRecord['engine'];
  phases: PhaseWindow[];
  startedAt: Date;
  endedAt: Date;
  status: RunRecord['status'];
  abortReason?: string;
}): RunRecordHeader {
  return {
    runId: input.runId,
    scenario: input.scenario.name,
    engine: input.engine,
    config: redactSecrets(input.scenario) as unknown as Record<string, unknown>,
    startedAt: input.startedAt.toISOString(),
    endedAt: input.endedAt.toISOString(),
    status: input.status,
    ...(input.abortReason !== undefined ? { abortReason: input.abortReason } : {}),
    phases: input.phases,
  };
}

/** Seconds the timeline covers: the scheduled duration, or what ran of it when aborted. */
function timelineSeconds(load: LoadProfile, status: RunRecord['status'], ranMs: number): number {
  const scheduled = Math.ceil(totalDurationS(load));
  return status === 'aborted' ? Math.min(Math.ceil(Math.max(0, ranMs) / 1000), scheduled) : scheduled;
}
