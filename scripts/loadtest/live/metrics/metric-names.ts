/** Names of the series the harness serves during a Node engine run (the dashboard reads these). */
export const HARNESS_METRICS = {
  targetRate: 'wa_loadtest_target_rate',
  achievedRate: 'wa_loadtest_achieved_rate',
  sent: 'wa_loadtest_sent_total',
  errors: 'wa_loadtest_errors_total',
  dropped: 'wa_loadtest_dropped_total',
  ackP99: 'wa_loadtest_ack_p99_seconds',
} as const;

/** Labels on every harness series. */
export const HARNESS_LABELS = ['run_id', 'scenario'] as const;
