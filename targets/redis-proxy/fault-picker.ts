import { createRng, deriveSeed } from '../../common/core/index.ts';
import {
  computePhaseEndsMs,
  findPhaseIndex,
  REDIS_COMMAND_FAILURE_KINDS,
  REDIS_ERROR_REPLIES,
  sampleLatencyMs,
  type ChaosProfile,
  type RedisFault,
  type RedisFaultKind,
} from '../../mock-graph-api/index.ts';
import type { CommandFamily } from './classify.ts';

/** What happens to one command's reply. */
export type CommandFailure =
  | { kind: 'error'; reply: string }
  | { kind: 'reset'; afterBytes: number | undefined }
  | { kind: 'slow-drip'; chunkBytes: number; intervalMs: number };

export interface CommandDecision {
  delayMs: number;
  failure: CommandFailure | null;
  /** Every kind that fired, for the counters. */
  kinds: RedisFaultKind[];
}

const NO_FAULT: CommandDecision = { delayMs: 0, failure: null, kinds: [] };

function inScope(fault: RedisFault, command: string, family: CommandFamily): boolean {
  const { families, commands } = fault.scope;
  if (families ? !families.includes(family) : family === 'connection') return false;
  return !commands || commands.some((c) => c.toUpperCase() === command);
}

function toFailure(fault: RedisFault): CommandFailure | null {
  switch (fault.kind) {
    case 'error':
      return { kind: 'error', reply: REDIS_ERROR_REPLIES[fault.attributes.reply] };
    case 'reset':
      return { kind: 'reset', afterBytes: fault.attributes.afterBytes };
    case 'slow-drip':
      return { kind: 'slow-drip', chunkBytes: fault.attributes.chunkBytes, intervalMs: fault.attributes.intervalMs };
    default:
      return null;
  }
}

/**
 * Seeded selection of dependency faults over the profile's phases (the `redis` section of each).
 * Like the Graph chaos engine: one die picks among the failure kinds in scope, latency rolls its
 * own, and outage/freeze are decided per connection.
 */
export function createRedisFaultPicker(profile: ChaosProfile, seed: number) {
  const endsMs = computePhaseEndsMs(profile);
  const commandRng = createRng(deriveSeed(seed, 'redis-command'));
  const latencyRng = createRng(deriveSeed(seed, 'redis-latency'));
  const connectionRng = createRng(deriveSeed(seed, 'redis-connection'));
  const phases = profile.phases.map((p) => {
    const faults = p.redis?.faults ?? [];
    return {
      name: p.name,
      latency: faults.filter((f) => f.kind === 'latency'),
      failures: faults.filter((f) => (REDIS_COMMAND_FAILURE_KINDS as readonly string[]).includes(f.kind)),
      connection: faults.filter((f) => f.kind === 'outage' || f.kind === 'freeze'),
    };
  });

  return {
    phaseCount: phases.length,
    /** Phase end times in ms from the chaos clock start (the last one open). */
    endsMs,
    phaseIndexAt: (elapsedMs: number) => findPhaseIndex(endsMs, elapsedMs),
    phaseName: (index: number) => phases[index]?.name ?? 'healthy',
    /** Connection-level state for one connection in a phase (rolled once per connection and phase). */
    decideConnection(index: number): 'outage' | 'freeze' | null {
      for (const fault of phases[index]?.connection ?? []) {
        if (connectionRng.next() < fault.probability) return fault.kind as 'outage' | 'freeze';
      }
      return null;
    },
    decideCommand(index: number, command: string, family: CommandFamily): CommandDecision {
      const phase = phases[index];
      if (!phase || (phase.latency.length === 0 && phase.failures.length === 0)) return NO_FAULT;
      const kinds: RedisFaultKind[] = [];
      let delayMs = 0;
      for (const fault of phase.latency) {
        if (!inScope(fault, command, family) || latencyRng.next() >= fault.probability) continue;
        if (fault.kind === 'latency') delayMs += sampleLatencyMs(fault.attributes, latencyRng);
        kinds.push('latency');
      }
      let failure: CommandFailure | null = null;
      if (phase.failures.length) {
        let x = commandRng.next();
        for (const fault of phase.failures) {
          if (x < fault.probability) {
            if (inScope(fault, command, family)) {
              failure = toFailure(fault);
              kinds.push(fault.kind);
            }
            break;
          }
          x -= fault.probability;
        }
      }
      return { delayMs, failure, kinds };
    },
  };
}

export type RedisFaultPicker = ReturnType<typeof createRedisFaultPicker>;
