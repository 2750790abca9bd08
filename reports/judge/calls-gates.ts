import type { LedgerStats, RunRecord } from '../../common/contracts/index.ts';
import { judgeGate, notMeasuredGate, type GateContext } from './gate-result.ts';
import type { GateResult } from '../schema/summary-schema.ts';

/** Acknowledged `connect` calls of every engine instance, on the wall clock. */
export interface ConnectCalls {
  /** Call id → intended send time (epoch ms), first per call id. */
  sentAtMs: Map<string, number>;
  /** Acked connects past the engine's bound (not judged one by one). */
  overflow: number;
}

/** Folds the run records' `callsConnect`; null when no instance acked a connect (the gates do not apply). */
export function collectConnectCalls(
  records: readonly Pick<RunRecord, 'startedAt' | 'callsConnect'>[],
): ConnectCalls | null {
  const sentAtMs = new Map<string, number>();
  let overflow = 0;
  let seen = false;
  for (const record of records) {
    if (!record.callsConnect) continue;
    seen = true;
    overflow += record.callsConnect.overflow;
    const start = Date.parse(record.startedAt);
    for (const [callId, relMs] of record.callsConnect.acked) {
      const at = start + relMs;
      const before = sentAtMs.get(callId);
      if (before === undefined || at < before) sentAtMs.set(callId, at);
    }
  }
  return seen && (sentAtMs.size > 0 || overflow > 0) ? { sentAtMs, overflow } : null;
}

export interface CallsJudgement {
  connects: number;
  answeredInTime: number;
  late: number;
  unanswered: number;
  slowestMs: number | null;
}

/** Each acked connect must get pre_accept/accept (or reject/terminate) within `answerMs` of its send. */
export function judgeConnectCalls(
  calls: ConnectCalls,
  answers: LedgerStats['callAnswers'],
  answerMs: number,
): CallsJudgement {
  const first = answers?.first ?? {};
  let answeredInTime = 0;
  let late = 0;
  let unanswered = 0;
  let slowestMs: number | null = null;
  for (const [callId, sentAt] of calls.sentAtMs) {
    const answer = first[callId];
    if (!answer) {
      unanswered++;
      continue;
    }
    const delayMs = Math.max(0, answer[0] - sentAt);
    slowestMs = slowestMs === null ? delayMs : Math.max(slowestMs, delayMs);
    if (delayMs <= answerMs) answeredInTime++;
    else late++;
  }
  return { connects: calls.sentAtMs.size, answeredInTime, late, unanswered, slowestMs };
}

/**
 * The calls gates: `calls-unanswered` (acked connects with no call action, or one later than
 * gates.callsAnswerMs). Empty (not applicable) when the run sent no acked `connect` webhook.
 */
export function evaluateCallsGates(
  input: { calls: ConnectCalls | null; ledger: LedgerStats | undefined; answerMs: number; unansweredThreshold: number },
  ctx: GateContext,
): GateResult[] {
  if (!input.calls) return [];
  if (!input.ledger) {
    return [
      notMeasuredGate(
        'calls-unanswered',
        { threshold: input.unansweredThreshold, unit: 'count', note: 'No ledger stats from the mock Graph API.' },
        ctx,
      ),
    ];
  }
  const j = judgeConnectCalls(input.calls, input.ledger.callAnswers, input.answerMs);
  const slowest = j.slowestMs === null ? '' : ` Slowest first answer ${Math.round(j.slowestMs)} ms.`;
  const overflow = input.calls.overflow
    ? ` ${input.calls.overflow} further acked connects past the record's bound were not judged.`
    : '';
  const note =
    `${j.connects} acknowledged connect calls: ${j.answeredInTime} answered (pre_accept, accept, reject or terminate on /calls) within ${input.answerMs} ms, ` +
    `${j.late} later, ${j.unanswered} never.${slowest}${overflow}`;
  return [
    judgeGate(
      'calls-unanswered',
      {
        observed: j.late + j.unanswered,
        threshold: input.unansweredThreshold,
        unit: 'count',
        source: 'ledger+run-record',
        note,
      },
      ctx,
    ),
  ];
}
