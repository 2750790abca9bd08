/**
 * The load model both engines run, written once: pure TypeScript with no Node or npm imports and
 * explicit `.ts` paths, so k6 (scenarios/*.ts) and the built-in Node engine (engine/) load the
 * same files. The data flow, in order: scenario defaults and load profile → chaos phase windows →
 * delivery plan (which fixture, which ids, duplicates, forgeries) → one delivery (fill, sign,
 * forge or strip, batch) → the webhook URL → judging one attempt (outcome class, counters, acked,
 * redeliver and when) → counters and error rate → redaction of what is written. Engines keep
 * only their glue: HTTP, timers, HMAC (node:crypto / k6/crypto), metrics.
 *
 * @example
 * import { createDeliveryBuilder, judgeAttempt, redeliveryDelayMs } from './index.ts';
 * const build = createDeliveryBuilder({ scenario, templateAt: (i) => templates[i], cumulativeWeights, runId, hmac });
 * const { delivery, duplicate } = build(0, Date.now());
 * const verdict = judgeAttempt(delivery.kind, 'first', { status: 503 }); // { outcome: 'server-error', redeliver: true, … }
 */

/**
 * Scenario defaults (the zod schema's, mirrored for k6), load-profile arithmetic and the
 * --rate / --duration semantics.
 *
 * @example
 * totalDurationS({ profile: 'constant', rate: 20, durationS: 60 }); // 60
 * overrideRate(load, 300); // scales the shape so its peak is 300/s
 * parseDurationS('5m');    // 300
 */
export { SCENARIO_DEFAULTS, applyScenarioDefaults } from './scenario-defaults.ts';
export { totalDurationS, rateAt, arrivalsBy, peakRate } from './load-profile.ts';
export { plannedArrivals } from './planned-arrivals.ts';
export { overrideRate, overrideDuration, parseDurationS } from './load-overrides.ts';
/** The chaos phase covering a time, from the phase windows (contracts' PhaseWindow). */
export { phaseAt } from './phases.ts';
export { connectCallIds } from './connect-call-ids.ts';
/** Cumulative mix weights over the loaded fixtures. */
export { resolveMixWeights, type MixFixture } from './mix.ts';

/**
 * The delivery plan (seeded, pure) and one delivery built from it.
 *
 * @example
 * planDelivery(planSettingsOf(scenario, weights), 7); // { kind: 'signed', duplicate: false, fixtureIndexes: [2], … }
 */
export { planDelivery, type DeliveryKind, type PlanSettings, type PlannedDelivery } from './delivery-plan.ts';
export {
  createDeliveryBuilder,
  planSettingsOf,
  attemptBytes,
  type Delivery,
  type BuiltDelivery,
  type DeliveryBuilderSettings,
} from './delivery.ts';
export {
  createBodyBuilder,
  createBatchBodyBuilder,
  isBatchable,
  outOfOrderSkewS,
  ENVELOPE_PREFIX,
  type BodyIdentity,
  type BodyRequest,
} from './delivery-body.ts';
export { encodeOutboundId } from './outbound-id.ts';
/**
 * Which inbound message each sender slot of a fixture belongs to (every message has its own sender).
 *
 * @example messageSenders(compileTemplate('{"from":"{{wa_id:0}}","id":"{{wamid:0}}"}')) // [0, NaN]
 */
export { messageSenders } from './message-senders.ts';
/**
 * Rebatched copies (delivery.rebatchRatio): the same message ids among other updates, in another layout.
 *
 * @example attemptBytes(delivery, 'redelivery').body // delivery.copyBody: the rebatched bytes when planned
 */
export { rebatchBody, REBATCH_LAYOUTS, NEIGHBOUR_TEMPLATE, type RebatchLayout } from './rebatch.ts';
export { drawUniform } from './seq-random.ts';
/** Where deliveries go. */
export { buildWebhookUrl, webhookPath } from './webhook-url.ts';

/**
 * Judging one attempt, redeliveries and the counters.
 *
 * @example
 * const v = judgeAttempt('forged', 'first', { status: 401 }); // counters ['status4xx', 'forgedRejected'], error false
 * redeliveryDelayMs(scenario.delivery.redelivery, 1);       // 500 (ms until the 2nd attempt)
 */
export {
  judgeAttempt,
  outcomeOfStatus,
  deliveryCounters,
  sentCounters,
  OUTCOME_COUNTER,
  type AttemptOutcome,
  type AttemptRole,
  type AttemptAnswer,
  type AttemptJudgement,
} from './judge-attempt.ts';
export { redeliveryDelayMs, redeliveryTailMs, type RedeliverySettings } from './backoff.ts';
/**
 * The order of a delivery's attempts, once for both engines: first, duplicate (with the first when
 * duplicateDelayMs is 0), late copies at their planned delays, redeliveries a backoff after a
 * failed answer until maxAttempts. Engines only wait and send.
 *
 * @example
 * const policy = attemptPolicyOf(scenario);
 * planInitialAttempts(policy, { seq, kind, duplicate }, intendedMs, runRelMs); // [{ role: 'first', dueMs }, …]
 * nextAttempt(policy, verdict.redeliver, delivery.attempts, answeredMs);     // { next: 'redeliver', dueMs } | exhausted | done
 */
export {
  AttemptSchedule,
  attemptPolicyOf,
  nextAttempt,
  planInitialAttempts,
  type AttemptPolicy,
  type NextAttempt,
  type PlannedAttempt,
  type ScheduledDelivery,
} from './attempt-schedule.ts';
/**
 * Meta-like late copies: seeded, log-uniform from minDelayS to the horizon, inside the run window;
 * and how many deliveries wait for one at the peak (k6 holds a VU for each).
 *
 * @example lateCopyDelaysMs(scenario.delivery.late, scenario.seed, seq, sentRelMs, durationMs) // [] or e.g. [3120, 41877]
 * @example expectedPeakLateHolds(scenario.delivery.late, scenario.load) // ≈ 19.8 for demo
 */
export { expectedPeakLateHolds, lateCopyDelaysMs, type LateCopySettings } from './late-copies.ts';
export { parseDedupeMs } from './server-timing.ts';
export { createCounters, countErrors, startedDeliveries, tallyErrors, type ErrorTally } from './counters.ts';
/**
 * Counters copied out of a source that may be missing, 0 where absent; a list keeps the names, a map renames.
 *
 * @example
 * pickCounters(slot, ['sent', 'ok']);                          // { sent: 12, ok: 11 } ({ sent: 0, ok: 0 } when slot is undefined)
 * pickCounters(countersByPhase[phase], { attempts: 'sent', ok: 'status2xx' }); // { attempts: 40, ok: 31 }
 */
export { pickCounters } from './pick-counters.ts';

/**
 * The one redaction of config, headers and text, for every artefact of both engines.
 *
 * @example
 * redactSecrets(scenario);                  // appSecret, verifyToken, Authorization, Cookie, X-Api-Key, target.secretHeaders… → "[redacted]"
 * scrubText(line, secretValuesOf(scenario)); // secret values removed from a log line
 */
export {
  redactSecrets,
  redactHeaders,
  isSecretName,
  secretValuesOf,
  scrubText,
  REDACTED,
  SECRET_HEADER_NAMES,
  type RedactOptions,
} from './redact.ts';
