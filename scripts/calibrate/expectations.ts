/** The gates every calibration run is judged on (ids as the reporter names them). */
export const CALIBRATION_GATES = [
  'ack-p99',
  'error-rate',
  'dedupe-p99',
  'reply-p99',
  'duplicates',
  'lost',
  'forged-accepted',
  'non-retryable-retries',
] as const;
/** Gates of a supervised target (--target-cmd), judged on the supervised rows only. */
export const SUPERVISED_CALIBRATION_GATES = [
  'peak-rss',
  'health',
  'log-hygiene',
  'drain-unprocessed',
  'drain-time',
  'restart-lost',
  'restart-duplicates',
] as const;
export type CalibrationGate = (typeof CALIBRATION_GATES)[number] | (typeof SUPERVISED_CALIBRATION_GATES)[number];

/**
 * Which gates each connector mode must fail; every other gate must pass. `none` is the
 * correct connector. If a defect slips through, the harness is fixed, never this table.
 */
export const EXPECTED_FAILURES: Record<string, readonly CalibrationGate[]> = {
  none: [],
  'no-dedupe': ['duplicates'],
  'slow-dedupe': ['dedupe-p99'],
  'webhook-errors': ['error-rate'],
  'slow-ack': ['ack-p99'],
  'slow-reply': ['reply-p99'],
  'no-retry': ['lost'],
  'retry-4xx': ['non-retryable-retries'],
  // Meta-escaped bodies are refused 401 on every redelivery: those messages never reach the bot,
  // so `lost` (which counts deliveries never acknowledged after all redeliveries) fails too.
  'reserialized-signature': ['error-rate', 'lost'],
  'accept-unsigned': ['forged-accepted'],
  'dedupe-race': ['duplicates'],
  // The calibration scenario rebatches half of the copies (delivery.rebatchRatio): new bytes, same
  // message id, so a dedupe by body hash answers them again.
  'body-hash-dedupe': ['duplicates'],
  // Not a defect: replies with `to` only (no context.message_id); the mock ties them by their sender.
  'plain-reply': [],
  // Supervised rows (SUPERVISED_MODES): the reference connector run as a command.
  supervised: [],
  'drop-on-sigterm': ['lost', 'drain-unprocessed'],
  'log-sender': ['log-hygiene'],
  'restart-memory-dedupe': ['duplicates', 'restart-duplicates'],
  // The same crash with the dedupe in Redis (the harness's redis-server, through the proxy): nothing answered twice.
  'restart-redis-dedupe': [],
  // Dependency rows (DEPENDENCY_MODES, their own calibration file): Redis down for 3 s mid-run.
  'redis-outage': [],
  'redis-down-ack-drop': ['lost'],
  'redis-down-memory-fallback': ['duplicates'],
};

/**
 * How a supervised row runs: its defect (if any) and extra loadtest flags (after the matrix's
 * own, so a row's --config and --chaos win). Drain rows send no spontaneous duplicates, since
 * the in-memory store cannot dedupe across the two instances of a rolling deploy.
 */
export const SUPERVISED_MODES: Record<string, { defect?: string; args: readonly string[] }> = {
  supervised: { args: ['--config', 'scripts/calibrate/drain.json', '--drill', 'drain@4s'] },
  'drop-on-sigterm': {
    defect: 'drop-on-sigterm',
    args: ['--config', 'scripts/calibrate/drain.json', '--drill', 'drain@4s'],
  },
  'log-sender': { defect: 'log-sender', args: ['--replicas', '1'] },
  'restart-memory-dedupe': {
    args: ['--config', 'scripts/calibrate/restart.json', '--chaos', 'none', '--drill', 'restart@4s'],
  },
  'restart-redis-dedupe': {
    args: ['--config', 'scripts/calibrate/restart.json', '--chaos', 'none', '--drill', 'restart@4s', '--redis-proxy'],
  },
};

/**
 * Rows that break Redis under the reference connector (issue 17's verdicts): the chaos profile
 * takes Redis down for 3 s through the proxy the harness starts. The correct connector fails
 * closed (503, Meta redelivers) and passes; the two field defects each fail their gate. Run by
 * their own calibration file (test/calibration-dependency.test.ts) so the fast matrix keeps its
 * time budget; `npm run calibrate -- --modes redis-outage,…` runs them too.
 */
export const DEPENDENCY_MODES: Record<string, { defect?: string; args: readonly string[] }> = {
  'redis-outage': {
    args: ['--config', 'scripts/calibrate/redis-outage.json', '--chaos', 'scripts/calibrate/redis-outage-chaos.json'],
  },
  'redis-down-ack-drop': {
    defect: 'redis-down-ack-drop',
    args: ['--config', 'scripts/calibrate/redis-outage.json', '--chaos', 'scripts/calibrate/redis-outage-chaos.json'],
  },
  'redis-down-memory-fallback': {
    defect: 'redis-down-memory-fallback',
    args: ['--config', 'scripts/calibrate/redis-outage.json', '--chaos', 'scripts/calibrate/redis-outage-chaos.json'],
  },
};

/**
 * Gates a row does not judge. A SIGKILL mid-flight loses what the reference connector had
 * acknowledged but not yet sent (it has no durable queue) and fails the requests in flight, so
 * on the restart row those counts depend on timing, not on the dedupe store under test.
 */
export const NOT_JUDGED: Record<string, readonly CalibrationGate[]> = {
  'restart-memory-dedupe': ['error-rate', 'lost', 'restart-lost', 'ack-p99', 'reply-p99'],
  // Its Redis dedupe runs over the network beside two other runs: ~100 ms p99 on a shared 2-core
  // machine, which says nothing about the crash under test (slow-dedupe is the dedupe-p99 row).
  'restart-redis-dedupe': ['error-rate', 'lost', 'restart-lost', 'ack-p99', 'reply-p99', 'dedupe-p99'],
};

/** The fast matrix's rows (npm test's calibration matrix). */
export const CALIBRATION_MODES = Object.keys(EXPECTED_FAILURES).filter((mode) => !DEPENDENCY_MODES[mode]);
/** The Redis-fault rows, run by their own calibration file. */
export const DEPENDENCY_CALIBRATION_MODES = Object.keys(DEPENDENCY_MODES);
/** Every row `npm run calibrate -- --modes` accepts. */
export const ALL_CALIBRATION_MODES = Object.keys(EXPECTED_FAILURES);
