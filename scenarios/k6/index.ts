/**
 * What the Node side may use of the k6 scenarios: the run config k6 reads, the options it
 * builds from it, and the metric names it emits. Everything here is k6-safe (no Node or k6
 * imports); the k6 entry files themselves import explicit `lib/*.ts` files.
 *
 * @example
 * import { buildK6Options, COUNTER_METRICS, type K6RunConfig } from './index.ts';
 */

/**
 * The resolved config a k6 run reads from its config file (WA_CONFIG).
 *
 * @example
 * const config: K6RunConfig = resolveK6RunConfig(__ENV, open('./definitions/smoke.json'), open);
 */
export { resolveK6RunConfig, type K6RunConfig } from './k6-config.ts';
/**
 * k6 `options` (executor, thresholds, summary stats) for a run config, and its VU pool.
 *
 * @example
 * const options = buildK6Options(config);
 * k6VuPool(config).lateCopyVUs; // VUs added for iterations waiting for late copies
 */
export { buildK6Options, k6VuPool, type K6ScenarioOptions } from './k6-options.ts';
/**
 * The VU pool as one line: VUs for deliveries plus those late copies hold.
 *
 * @example
 * describeVuPool(k6VuPool(config)); // 'preAllocatedVUs 47 (12 for deliveries + 35 held by late copies), maxVUs 2035 (maxInFlight 2000 + 35)'
 */
export { describeVuPool, EXPECTED_ACK_MS, preAllocatedVUsFor } from './executor.ts';
/**
 * The metric names the k6 scenarios emit, and the acked-id encoding in `wa_acked_ids`.
 *
 * @example
 * COUNTER_METRICS.inboundMessagesAcked; // 'wa_inbound_acked'; decodeAckedId(encodeAckedId(7, 1)) // { seq: 7, parts: 1 }
 */
export {
  ACKED_IDS,
  ATTEMPT_MS,
  CLOCK_MS,
  CONNECT_ACKED,
  COUNTER_METRICS,
  ERROR_RATE,
  LATE_COPY_ACKED_MS,
  LATE_COPY_MS,
  TREND,
  encodeAckedId,
  decodeAckedId,
  type MeasuredCounter,
} from './metric-names.ts';
