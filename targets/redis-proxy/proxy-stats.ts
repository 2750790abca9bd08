import { createCountBins, Histogram } from '../../common/core/index.ts';
import type { RespValue } from './resp.ts';
import { findWamidInKey, type DedupeCommand } from './dedupe-command.ts';
import { REDIS_PROXY_STATS_SCHEMA_VERSION, type RedisProxyStats } from '../../common/contracts/index.ts';

export type DedupeOutcome = 'claimed' | 'seen' | 'error';

/** Reads a dedupe command's reply as the target would: new id, already seen, or failed. */
export function judgeDedupeReply(shape: DedupeCommand['shape'], reply: RespValue): DedupeOutcome {
  if (reply.type === 'error' || reply.type === 'bulk-error') return 'error';
  if (reply.type === 'null') return shape === 'check' ? 'claimed' : 'seen';
  if (reply.type === 'integer')
    return reply.text === '0' ? (shape === 'check' ? 'claimed' : 'seen') : shape === 'check' ? 'seen' : 'claimed';
  if (reply.type === 'boolean') return reply.value === (shape !== 'check') ? 'claimed' : 'seen';
  return shape === 'check' ? 'seen' : 'claimed';
}

const OPEN_CHECK_LIMIT = 10_000;
const CUT_CLAIM_LIMIT = 100_000;
const OPEN_CHECK_MAX_AGE_MS = 5_000;

/**
 * Counters and histograms of one proxy. Pure bookkeeping: the shell reports events with their
 * times, this decides what they mean. A GET/EXISTS that finds nothing stays open until the SET
 * on the same key answers; the pair is one dedupe decision timed from the check's request.
 */
export function createProxyStats(options: { upstream: string; minTtlS: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const connections = { accepted: 0, refused: 0, frozen: 0, closedByFault: 0 };
  const byFamily: Record<string, number> = {};
  const faults: Record<string, number> = {};
  const faultsBySecond = createCountBins(now());
  const byShape: Record<string, number> = {};
  const outcomes = { claimed: 0, seen: 0, error: 0, unanswered: 0 };
  const latency = new Histogram();
  const latencyByPhase = new Map<string, Histogram>();
  const ttl = { withTtl: 0, withoutTtl: 0, minS: null as number | null, maxS: null as number | null, belowMinimum: 0 };
  const openChecks = new Map<string, { startMs: number; phase: string }>();
  let claimedSeqs = new Uint8Array(1024);
  let total = 0;
  let unanswered = 0;
  let tiedToMessage = 0;
  let messagesClaimedTwice = 0;
  const cutClaimSeqs: number[] = [];

  const sample = (phase: string, ms: number) => {
    latency.recordMs(ms);
    let h = latencyByPhase.get(phase);
    if (!h) latencyByPhase.set(phase, (h = new Histogram()));
    h.recordMs(ms);
  };
  const markClaimed = (key: string) => {
    const found = findWamidInKey(key);
    if (!found) return;
    const { seq } = found;
    if (seq >= claimedSeqs.length * 8) {
      if (seq >= 2 ** 31) return;
      const grown = new Uint8Array(Math.max(claimedSeqs.length * 2, (seq >> 3) + 1));
      grown.set(claimedSeqs);
      claimedSeqs = grown;
    }
    const bit = 1 << (seq & 7);
    if ((claimedSeqs[seq >> 3] ?? 0) & bit) messagesClaimedTwice++;
    claimedSeqs[seq >> 3] = (claimedSeqs[seq >> 3] ?? 0) | bit;
  };
  const noteTtl = (command: DedupeCommand) => {
    if (command.shape === 'check') return;
    if (command.ttlS === undefined) {
      if (!command.ttlKnown) ttl.withoutTtl++;
      return;
    }
    ttl.withTtl++;
    ttl.minS = ttl.minS === null ? command.ttlS : Math.min(ttl.minS, command.ttlS);
    ttl.maxS = ttl.maxS === null ? command.ttlS : Math.max(ttl.maxS, command.ttlS);
    if (command.ttlS < options.minTtlS) ttl.belowMinimum++;
  };
  const sweepChecks = (t: number) => {
    for (const [key, open] of openChecks) {
      if (t - open.startMs < OPEN_CHECK_MAX_AGE_MS && openChecks.size <= OPEN_CHECK_LIMIT) break;
      openChecks.delete(key);
    }
  };

  return {
    hasOpenCheck: (key: string) => openChecks.has(key),
    countConnection(kind: keyof typeof connections) {
      connections[kind]++;
    },
    countCommand(family: string) {
      total++;
      byFamily[family] = (byFamily[family] ?? 0) + 1;
    },
    countFault(phase: string, kind: string) {
      const k = `${phase}/${kind}`;
      faults[k] = (faults[k] ?? 0) + 1;
      const second = faultsBySecond.at(now());
      if (second) second[kind] = (second[kind] ?? 0) + 1;
    },
    /** A command whose connection closed before it was answered. */
    countUnanswered(dedupe: DedupeCommand | undefined) {
      unanswered++;
      if (dedupe) outcomes.unanswered++;
    },
    /** A claim that Redis ran but whose reply the proxy cut (reset fault): the target never learns it claimed. */
    countCutClaim(command: DedupeCommand) {
      unanswered++;
      outcomes.unanswered++;
      if (command.shape === 'check') return;
      const found = findWamidInKey(command.key);
      if (found && cutClaimSeqs.length < CUT_CLAIM_LIMIT) cutClaimSeqs.push(found.seq);
    },
    /** A dedupe command was answered to the target `endMs` (request read at `startMs`). */
    recordDedupe(command: DedupeCommand, phase: string, startMs: number, endMs: number, reply: RespValue) {
      byShape[command.shape] = (byShape[command.shape] ?? 0) + 1;
      if (findWamidInKey(command.key)) tiedToMessage++;
      noteTtl(command);
      const outcome = judgeDedupeReply(command.shape, reply);
      if (command.shape === 'check' && outcome === 'claimed') {
        // Nothing found: the decision completes when the SET on this key answers.
        sweepChecks(endMs);
        openChecks.set(command.key, { startMs, phase });
        return;
      }
      let from = startMs;
      let inPhase = phase;
      if (command.shape === 'set-after-check') {
        const open = openChecks.get(command.key);
        openChecks.delete(command.key);
        if (open) ({ startMs: from, phase: inPhase } = open);
      }
      outcomes[outcome]++;
      if (outcome === 'error') return; // like Server-Timing: only decisions Redis actually made are timed
      if (outcome === 'claimed') markClaimed(command.key);
      sample(inPhase, endMs - from);
    },
    snapshot(): RedisProxyStats {
      return {
        schemaVersion: REDIS_PROXY_STATS_SCHEMA_VERSION,
        kind: 'redis-proxy-stats',
        upstream: options.upstream,
        startedAt,
        generatedAt: new Date(now()).toISOString(),
        connections: { ...connections },
        commands: { total, byFamily: { ...byFamily }, unanswered },
        faults: { ...faults },
        faultsBySecond: faultsBySecond.serialize((counts) => ({ ...counts })),
        dedupe: {
          byShape: { ...byShape },
          outcomes: { ...outcomes },
          latency: latency.toJSON(),
          latencyByPhase: Object.fromEntries([...latencyByPhase].map(([k, h]) => [k, h.toJSON()])),
          tiedToMessage,
          messagesClaimedTwice,
          cutClaimSeqs: [...cutClaimSeqs],
          ttl: { minTtlS: options.minTtlS, ...ttl },
        },
      };
    },
  };
}
export type ProxyStats = ReturnType<typeof createProxyStats>;
