/** The gates every calibration run is judged on (ids as the reporter names them). */
export const CALIBRATION_GATES = ['ack-p99', 'error-rate', 'dedupe-p99', 'reply-p99', 'duplicates', 'lost', 'forged-accepted', 'non-retryable-retries'] as const;
export type CalibrationGate = (typeof CALIBRATION_GATES)[number];

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
};

export const CALIBRATION_MODES = Object.keys(EXPECTED_FAILURES);
