import { createRng, deriveSeed, type Rng } from '../../common/core/index.ts';
import type { EndpointName } from './endpoints.ts';
import type { FaultEffect } from './faults/fault-effect.ts';
import { FAULT_TABLE, type FaultKind } from './faults/fault-table.ts';
import { computePhaseEndsMs, findPhaseIndex, profilePhases } from './phases.ts';
import type { ChaosProfile, Fault } from './profile-schema.ts';

export interface InjectedFailure {
  kind: FaultKind;
  commit: 'before' | 'after';
  effect: FaultEffect;
}

/** The chaos verdict for one request. */
export interface ChaosDecision {
  phase: string;
  delayMs: number;
  failure: InjectedFailure | null;
  /** Kinds of additive faults that fired (for the fault counters). */
  additiveKinds: FaultKind[];
}

function appliesTo(fault: Fault, endpoint: EndpointName, phoneNumberId: string | undefined): boolean {
  const { endpoints, phoneNumberIds } = fault.scope;
  if (endpoints && !endpoints.includes(endpoint)) return false;
  if (phoneNumberIds && (phoneNumberId === undefined || !phoneNumberIds.includes(phoneNumberId))) return false;
  return true;
}

function computeEffect(fault: Fault, rng: Rng, limitHttpStatus: number): FaultEffect {
  const module = FAULT_TABLE[fault.kind] as { toEffect(a: unknown, rng: Rng, s: number): FaultEffect };
  return module.toEffect(fault.attributes, rng, limitHttpStatus);
}

/**
 * Seeded fault selection over timed phases. One die decides among the failure faults in scope
 * (so each fires with exactly its probability); each additive fault rolls its own die.
 */
export function createChaosEngine(profile: ChaosProfile, seed: number, limitHttpStatus: number) {
  const endsMs = computePhaseEndsMs(profile);
  const failureRng = createRng(deriveSeed(seed, 'chaos-failure'));
  const additiveRng = createRng(deriveSeed(seed, 'chaos-additive'));
  const phases = profile.phases.map((p) => ({
    name: p.name,
    failures: p.faults.filter((f) => !FAULT_TABLE[f.kind].additive),
    additive: p.faults.filter((f) => FAULT_TABLE[f.kind].additive),
  }));

  function phaseNameAt(elapsedMs: number): string {
    return phases[findPhaseIndex(endsMs, elapsedMs)]?.name ?? 'healthy';
  }

  const windows = profilePhases(profile);
  /**
   * Where a reply's latency is filed: under the phase of the webhook's send time (not the reply's
   * commit time), and `settling` while a correct connector may still catch up after a fault phase
   * (within its recoveryS), so the phase after it is judged on messages sent once recovered.
   */
  function replyFilingAt(sentElapsedMs: number): { phase: string; settling: boolean } {
    const phase = phaseNameAt(sentElapsedMs);
    const tS = sentElapsedMs / 1000;
    const current = windows.find((w) => w.name === phase);
    if (current?.judge?.latency === 'off') return { phase, settling: false };
    const settling = windows.some((w) => w.judge?.latency === 'off' && tS >= w.endS && tS < w.endS + w.judge.recoveryS);
    return { phase, settling };
  }

  function decide(elapsedMs: number, endpoint: EndpointName, phoneNumberId: string | undefined): ChaosDecision {
    const phase = phases[findPhaseIndex(endsMs, elapsedMs)];
    if (!phase) return { phase: 'healthy', delayMs: 0, failure: null, additiveKinds: [] };
    let delayMs = 0;
    const additiveKinds: FaultKind[] = [];
    for (const fault of phase.additive) {
      if (!appliesTo(fault, endpoint, phoneNumberId) || additiveRng.next() >= fault.probability) continue;
      const effect = computeEffect(fault, additiveRng, limitHttpStatus);
      if (effect.type === 'delay') delayMs += effect.delayMs;
      additiveKinds.push(fault.kind);
    }
    let failure: InjectedFailure | null = null;
    if (phase.failures.length > 0) {
      let x = failureRng.next();
      for (const fault of phase.failures) {
        if (x < fault.probability) {
          if (appliesTo(fault, endpoint, phoneNumberId)) {
            const commit = fault.kind === 'reject' ? 'before' : fault.commit;
            failure = { kind: fault.kind, commit, effect: computeEffect(fault, failureRng, limitHttpStatus) };
          }
          break;
        }
        x -= fault.probability;
      }
    }
    return { phase: phase.name, delayMs, failure, additiveKinds };
  }

  return { profile, decide, phaseNameAt, replyFilingAt };
}

export type ChaosEngine = ReturnType<typeof createChaosEngine>;
