/**
 * The seeded defects the calibration runs switch on one at a time. Each one breaks exactly one
 * production-readiness property, so each should fail the gate(s) that watch that property and
 * nothing else. "none" is the correct connector, not a special case.
 */
export const DEFECTS = {
  none: 'The correct connector: no defect.',
  'no-dedupe': 'Never dedupes: every delivery of a message id is processed again.',
  'slow-dedupe': 'Adds 150 ms inside the dedupe step (visible in Server-Timing and the dedupe histogram).',
  'webhook-errors': 'Answers 2 % of correctly signed POSTs with 500 without processing them (seeded dice).',
  'slow-ack': 'Waits 6 s before answering 200 (processing itself starts at once).',
  'ack-after-graph':
    'Acknowledges a webhook only after its Graph calls (mark-as-read and reply, with their retries) returned: Graph latency and timeouts reach the ack.',
  'slow-reply': 'Waits 6 s before sending the reply (the mark-as-read goes out at once).',
  'no-retry': 'Drops a send at once when the Graph API answers 5xx (no retry, counted failed).',
  'retry-4xx': 'Retries do-not-retry 4xx errors (100, 131008, 131026, 190, …) as if they were 5xx.',
  'reserialized-signature':
    'Verifies the HMAC over JSON.stringify(JSON.parse(body)) instead of the raw bytes, so Meta-escaped unicode fails with 401.',
  'accept-unsigned':
    'Accepts and processes a POST that has no signature header at all (a wrong signature is still 401).',
  'dedupe-race':
    'Checks and marks a message id in two separate awaited steps, so concurrent duplicates both get processed.',
  'body-hash-dedupe':
    'Dedupes by a hash of the request body (with the message id) instead of the id alone: a copy sent inside a different batch (delivery.rebatchRatio) is processed again.',
  'plain-reply':
    'Not a defect: replies with `to` only, without context.message_id (the tutorial form); a correct connector that must pass every gate.',
  'drop-on-sigterm':
    'On SIGTERM abandons every pending send at once and keeps acknowledging webhooks for 1 s without processing them, then exits.',
  'log-sender': "Logs every inbound message with the sender's phone number (wa_id) at info level.",
  'short-ttl-dedupe':
    'Forgets a message id 3 s after first seeing it (a dedupe TTL of seconds, not 24 h): a late copy is processed again.',
  'redis-down-ack-drop':
    'When Redis cannot answer, treats the message as already seen: acknowledges it with 200 and never processes it.',
  'redis-down-memory-fallback':
    'When Redis cannot answer, dedupes in process memory instead; ids Redis saw before the fault (and memory saw during it) are processed again.',
} as const;

export type Defect = keyof typeof DEFECTS;

/** How long the short-ttl-dedupe defect remembers an id. */
export const SHORT_DEDUPE_TTL_S = 3;

export const DEFECT_NAMES = Object.keys(DEFECTS) as [Defect, ...Defect[]];
