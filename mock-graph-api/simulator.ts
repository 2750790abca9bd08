import { isDoNotRetryCode } from '../common/core/index.ts';
import { createTokenCheck } from '../common/node/index.ts';
import { bearerToken } from './access-control.ts';
import { validate } from '../common/node/index.ts';
import { BUILTIN_PROFILES } from './chaos/builtin-profiles.ts';
import { createChaosEngine, type InjectedFailure } from './chaos/chaos-engine.ts';
import { chaosProfileSchema, type ChaosProfile, type ChaosProfileInput } from './chaos/profile-schema.ts';
import { mockConfigSchema, type MockConfigInput } from './config.ts';
import type { EndpointContext, GraphRoute, SendInfo } from './endpoints/step.ts';
import { describeGraphError, type GraphErrorSpec } from './graph-errors.ts';
import { createLedger } from './ledger/ledger.ts';
import { summarizeLedger } from './ledger/summarize-ledger.ts';
import { createRateLimiter, UNLIMITED } from './limits.ts';
import { createMediaStore } from './media-store.ts';
import { respondGraphError, type MockOutcome, type MockRequest } from './outcome.ts';

const VERSION = /^v\d{1,2}\.\d$/;

function readToken(request: MockRequest): string | undefined {
  const header = request.header('authorization');
  if (header !== undefined) return bearerToken(header);
  return request.query.get('access_token') ?? undefined;
}

/**
 * The decision core shared by both transports: version and token checks, the endpoint's own
 * validation, chaos (before-commit faults), limits, the ledger commit, after-commit faults.
 * Synchronous and transport-free: transports only turn the outcome into bytes and delays.
 */
export function createSimulator(
  configInput: MockConfigInput = {},
  profile?: ChaosProfileInput,
  options: { now?: () => number } = {},
) {
  const config = validate(mockConfigSchema, configInput, { thing: 'mock config' });
  const now = options.now ?? Date.now;
  const ledger = createLedger({ now });
  const media = createMediaStore();
  const context: EndpointContext = { config, media, nowMs: now };
  const throughput =
    config.throughputPerS === 'off'
      ? UNLIMITED
      : createRateLimiter({ intervalMs: 1000 / config.throughputPerS, burst: config.throughputPerS, maxKeys: 100_000 });
  const pairRate =
    config.pairRate === 'off'
      ? UNLIMITED
      : createRateLimiter({
          intervalMs: config.pairRate.everyS * 1000,
          burst: config.pairRate.burst,
          maxKeys: 100_000,
        });
  let chaosProfile: ChaosProfile = profile
    ? validate(chaosProfileSchema, profile, { thing: 'chaos profile' })
    : structuredClone(BUILTIN_PROFILES.get('none')!);
  let chaos = createChaosEngine(chaosProfile, config.seed, config.limitHttpStatus);
  let chaosStartMs = now();
  const requests = new Map<string, number>();

  function countRequest(endpoint: string, outcome: MockOutcome): MockOutcome {
    const key = `${endpoint}|${outcome.action === 'respond' ? outcome.status : outcome.action}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    return outcome;
  }

  function fail(spec: GraphErrorSpec): MockOutcome {
    ledger.countError(spec.code);
    return respondGraphError(spec);
  }

  function rejectIfFinal(spec: GraphErrorSpec, send: SendInfo | undefined): void {
    if (send?.ref && isDoNotRetryCode(spec.code)) ledger.markRejected(send.ref, send.kind);
  }

  /** A before-commit failure the target should retry (all but a do-not-retry error) refused this send. */
  function noteRefused(failure: InjectedFailure, send: SendInfo | undefined): void {
    if (!send?.ref || (failure.effect.type === 'error' && isDoNotRetryCode(failure.effect.spec.code))) return;
    ledger.markRefused(send.ref, send.kind);
  }

  function applyFailure(failure: InjectedFailure, send: SendInfo | undefined): MockOutcome {
    const effect = failure.effect;
    switch (effect.type) {
      case 'error':
        rejectIfFinal(effect.spec, send);
        return fail(effect.spec);
      case 'reset':
        return { action: 'reset', status: 0, headers: {}, body: '', delayMs: 0, holdMs: 0 };
      case 'hold':
        return { action: 'hold', status: 0, headers: {}, body: '', delayMs: 0, holdMs: effect.holdMs };
      case 'raw':
        return {
          action: 'respond',
          status: effect.status,
          headers: { 'content-type': effect.contentType },
          body: effect.body,
          delayMs: 0,
          holdMs: 0,
        };
      case 'delay':
        // Unreachable: the engine keeps additive faults apart. A 500 keeps it visible if that ever changes.
        return { ...respondGraphError(describeGraphError(1)), delayMs: effect.delayMs };
    }
  }

  function checkLimits(send: SendInfo, phoneNumberId: string): GraphErrorSpec | null {
    if (send.kind !== 'reply') return null;
    const nowMs = now();
    if (!throughput.tryAcquire(phoneNumberId, nowMs)) {
      ledger.countLimit('throughput');
      return describeGraphError(130429, { status: config.limitHttpStatus });
    }
    if (send.to !== undefined && !pairRate.tryAcquire(`${phoneNumberId}:${send.to}`, nowMs)) {
      ledger.countLimit('pairRate');
      return describeGraphError(131056, { status: config.limitHttpStatus });
    }
    return null;
  }

  // Hashed once here, not per request: a request hashes only its own token.
  const acceptedTokens = config.accessTokens ?? (config.accessToken === undefined ? undefined : [config.accessToken]);
  const acceptsToken = acceptedTokens ? createTokenCheck(acceptedTokens) : () => true;

  function runRoute(route: GraphRoute, params: Record<string, string>, request: MockRequest): MockOutcome {
    if (!VERSION.test(params.version ?? ''))
      return fail(describeGraphError(2500, { message: `Unknown path components: ${request.path.slice(0, 100)}` }));
    const token = readToken(request);
    if (!token || !acceptsToken(token)) return fail(describeGraphError(190));
    const step = route.handle(request, params, context);
    if (step.type === 'fail') {
      if (step.rejected) {
        ledger.noteArrival(step.rejected.ref, step.rejected.kind);
        if (isDoNotRetryCode(step.spec.code)) ledger.markRejected(step.rejected.ref, step.rejected.kind);
      }
      return fail(step.spec);
    }
    const send = step.send;
    if (send?.ref) ledger.noteArrival(send.ref, send.kind);
    const phoneNumberId = route.phoneNumberId?.(params);
    const decision = chaos.decide(now() - chaosStartMs, route.endpoint, phoneNumberId);
    for (const kind of decision.additiveKinds) ledger.countFault(decision.phase, kind);
    const failure = decision.failure;
    if (failure) ledger.countFault(decision.phase, failure.kind);
    let outcome: MockOutcome;
    if (failure && failure.commit === 'before') {
      noteRefused(failure, send);
      outcome = applyFailure(failure, send);
    } else {
      const limited = send && phoneNumberId !== undefined ? checkLimits(send, phoneNumberId) : null;
      if (limited) {
        if (send?.ref) ledger.markRefused(send.ref, send.kind);
        outcome = fail(limited);
      } else {
        outcome = step.commit();
        if (send) {
          const sentAtMs = send.ref?.sentAtMs;
          const filing =
            sentAtMs === undefined
              ? { phase: decision.phase, settling: false }
              : chaos.replyFilingAt(sentAtMs - chaosStartMs);
          ledger.commit(send.ref, send.kind, send.type, filing.phase, now(), send.correlate, filing.settling);
        }
        if (send?.callId) ledger.noteCallAnswer(send.callId, send.type.slice('call_'.length), now());
        if (failure) {
          if (send?.ref) ledger.markAmbiguous(send.ref);
          outcome = applyFailure(failure, send);
        }
      }
    }
    if (decision.delayMs > 0) outcome = { ...outcome, delayMs: decision.delayMs };
    return outcome;
  }

  return {
    config,

    /** Runs one matched Graph request through the whole pipeline. */
    handle(route: GraphRoute, params: Record<string, string>, request: MockRequest): MockOutcome {
      return countRequest(route.endpoint, runRoute(route, params, request));
    },

    /** True when a route's guard lets it take this request (shared paths). */
    accepts(route: GraphRoute, params: Record<string, string>): boolean {
      return route.accepts ? route.accepts(params, context) : true;
    },

    /** The Graph answer for a path no route matched. */
    handleUnmatched(request: MockRequest): MockOutcome {
      return countRequest(
        'unknown',
        fail(describeGraphError(2500, { message: `Unknown path components: ${request.path.slice(0, 100)}` })),
      );
    },

    stats: () => ledger.stats(),
    /** Counters without per-message arrays (for /metrics). */
    counters: () => ledger.counters(),
    /** The human-oriented ledger view; `delivered` = inbound messages sent per run id, to count lost ones. */
    summary: (delivered?: Record<string, number>) => summarizeLedger(ledger.stats(), delivered),

    /** Clears ledger, counters, media and limits and restarts the chaos clock. Idempotent. */
    reset(): void {
      ledger.reset();
      media.clear();
      throughput.reset();
      pairRate.reset();
      requests.clear();
      chaos = createChaosEngine(chaosProfile, config.seed, config.limitHttpStatus);
      chaosStartMs = now();
    },

    /** Replaces the chaos profile (validated; UserError naming the field) and restarts the chaos clock. */
    setChaos(next: ChaosProfileInput): ChaosProfile {
      chaosProfile = validate(chaosProfileSchema, next, { thing: 'chaos profile' });
      chaos = createChaosEngine(chaosProfile, config.seed, config.limitHttpStatus);
      chaosStartMs = now();
      return chaosProfile;
    },

    chaosProfile: (): ChaosProfile => chaosProfile,
    currentPhase: (): string => chaos.phaseNameAt(now() - chaosStartMs),
    chaosElapsedMs: (): number => now() - chaosStartMs,
    /** Requests answered, keyed "endpoint|status" (status = HTTP code, "reset" or "hold"). */
    requestCounts: (): ReadonlyMap<string, number> => requests,
  };
}

export type Simulator = ReturnType<typeof createSimulator>;
