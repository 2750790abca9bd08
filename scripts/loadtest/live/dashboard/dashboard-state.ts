import type { LedgerStats, PhaseWindow } from '../../../../common/contracts/index.ts';
import { replyGateP99Ms } from '../../../../reports/index.ts';
import type { ProgressSnapshot } from '../../../../scenarios/engines/index.ts';
import { decodeBytes } from '../../../../common/node/index.ts';
import { pickCounters } from '../../../../scenarios/model/index.ts';
import { emptyHistory, type History } from './dashboard-history.ts';

/** A chaos phase as the charts shade it: `endS` null while it lasts to the run's end; `fault` when it injects faults. */
export interface DashboardPhase {
  name: string;
  startS: number;
  endS: number | null;
  fault: boolean;
}

/** What the live page shows each second (the JSON at /state): the engine's progress snapshot plus what the mock and the run add. */
export interface DashboardState extends Omit<ProgressSnapshot, 'p99Ms'> {
  runId: string;
  scenario: string;
  ackP99Ms: number;
  /** Webhook→first reply p99 so far on the final reply-p99 gate's population (fault phases set apart). */
  replyP99Ms: number | null;
  /** Committed sends other than mark-as-read and typing. */
  replies: number;
  /** Faults the mock injected during the last second. */
  faultsPerS: number;
  /** Faults the mock injected so far. */
  faultsTotal: number;
  /** Inbound messages acked by the target with no reply committed yet (lost so far, while the run is on). */
  awaitingReply: number;
  phase: string | null;
  phases: DashboardPhase[];
  /** The whole run's history from its start, so a page opened late draws it all. */
  history: History;
  /** Set once the report is written: the tiles then hold the final summary's figures (dashboard-final.ts). */
  final?: { verdict: string; exitCode: number };
}

/** The engine's progress snapshot, as the terminal progress line reads it. */
export type ProgressInput = ProgressSnapshot;

/** The progress snapshot's numbers as the frame names them (the ack p99 renamed). */
const PROGRESS_FIELDS = {
  elapsedS: 'elapsedS',
  durationS: 'durationS',
  targetRate: 'targetRate',
  achievedRate: 'achievedRate',
  sent: 'sent',
  errors: 'errors',
  dropped: 'dropped',
  ackP99Ms: 'p99Ms',
} as const;

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** Inbound messages with at least one committed reply, over every run in the ledger. */
function repliedMessages(ledger: LedgerStats): number {
  let n = 0;
  for (const run of ledger.runs) for (const count of decodeBytes(run.replies)) if (count > 0) n++;
  return n;
}

/**
 * One dashboard frame from the engine's last progress, the phase, and the mock's ledger now and
 * one second ago (faults/s is the difference). `messageShare` = share of deliveries that carry an
 * inbound message. Pure.
 */
export function buildDashboardState(input: {
  runId: string;
  scenario: string;
  progress?: ProgressInput;
  phase?: string;
  ledger?: LedgerStats;
  previousFaults?: number;
  messageShare: number;
  /** The run's chaos phases: the reply p99 sets the fault phases apart as the final gate does. */
  phases: readonly PhaseWindow[];
  /** The run has the Redis proxy (its Redis fault phases are fault phases). */
  redisProxy: boolean;
  history?: History;
}): DashboardState {
  const p = input.progress;
  const ledger = input.ledger;
  const replied = ledger ? repliedMessages(ledger) : 0;
  const faults = ledger ? sum(ledger.faults) : 0;
  const acked = p ? Math.max(0, p.sent - p.errors) : 0;
  return {
    runId: input.runId,
    scenario: input.scenario,
    ...pickCounters(p, PROGRESS_FIELDS),
    replyP99Ms: ledger ? replyGateP99Ms(ledger, input.phases, { redisProxy: input.redisProxy }) : null,
    replies: ledger
      ? sum(ledger.committedByType) - (ledger.committedByType.read ?? 0) - (ledger.committedByType.typing ?? 0)
      : 0,
    faultsPerS: Math.max(0, faults - (input.previousFaults ?? faults)),
    faultsTotal: faults,
    awaitingReply: Math.max(0, Math.round(acked * input.messageShare) - replied),
    phase: input.phase ?? null,
    phases: input.phases.map((w) => ({
      name: w.name,
      startS: w.startS,
      endS: Number.isFinite(w.endS) ? w.endS : null,
      fault: w.judge?.fault ?? false,
    })),
    history: input.history ?? emptyHistory(),
  };
}

/** Total faults in a ledger (kept between frames for faults/s). Pure. */
export function countFaults(ledger: LedgerStats | undefined): number | undefined {
  return ledger ? sum(ledger.faults) : undefined;
}
