import type { Histogram } from '../../../common/core/index.ts';
import { RUN_RECORD_SCHEMA_VERSION, type PhaseWindow, type RunRecord } from '../../../common/contracts/index.ts';
import type { Scenario } from '../../../common/contracts/index.ts';
import { redactSecrets } from '../../model/index.ts';
import type { RunStats } from '../record/run-stats.ts';

export interface NodeRecordInput {
  scenario: Scenario;
  runId: string;
  phases: PhaseWindow[];
  engineVersion: string;
  startedAt: Date;
  endedAt: Date;
  status: 'completed' | 'aborted';
  abortReason?: string;
  /** Seconds the timeline must cover at least (the scheduled duration, or less when aborted). */
  timelineSeconds: number;
  stats: RunStats;
}

/** Assembles the run record (contracts/run-record.ts) from what the Node engine measured. */
export function buildNodeRunRecord(input: NodeRecordInput): RunRecord {
  const { stats } = input;
  const phases = stats.phaseEntries();
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    kind: 'run-record',
    runId: input.runId,
    scenario: input.scenario.name,
    engine: { name: 'node', version: input.engineVersion },
    config: redactSecrets(input.scenario) as unknown as Record<string, unknown>,
    startedAt: input.startedAt.toISOString(),
    endedAt: input.endedAt.toISOString(),
    status: input.status,
    ...(input.abortReason !== undefined ? { abortReason: input.abortReason } : {}),
    phases: input.phases,
    timeline: stats.timeline.finish(input.timelineSeconds),
    latency: {
      ack: serialise(stats.ack),
      ackByPhase: Object.fromEntries(phases.map(([name, p]) => [name, serialise(p.ack)])),
      dedupe: serialise(stats.dedupe),
      dedupeByPhase: Object.fromEntries(phases.map(([name, p]) => [name, serialise(p.dedupe)])),
      schedulingLag: serialise(stats.schedulingLag),
    },
    counters: { ...stats.counters },
    countersByPhase: Object.fromEntries(phases.map(([name, p]) => [name, { ...p.counters }])),
    acked: { mode: 'bitset', runId: input.runId, seqs: stats.acked.encode(), multiPart: stats.multiPart },
    ...(stats.lateCopies.sent ? { lateCopies: { ...stats.lateCopies } } : {}),
    ...stats.callsConnectRecord(),
  };
}

function serialise(histogram: Histogram): RunRecord['latency']['ack'] {
  return histogram.toJSON();
}
