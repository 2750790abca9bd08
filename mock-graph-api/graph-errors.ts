import { GRAPH_ERROR_CODES } from '../common/core/index.ts';

/**
 * The Graph API error catalogue and envelope. Codes, messages and types follow Cloud API's
 * documented errors; clients key on `code`, so those are exact, the wording is close.
 */
export interface GraphErrorSpec {
  status: number;
  code: number;
  message: string;
  type: string;
  subcode?: number;
  details?: string;
  retryAfterS?: number;
}

/**
 * Cloud API's wording per code; the class and usual HTTP status come from the one taxonomy
 * (common/core/graph-error-codes.ts).
 */
const MESSAGES: Record<number, string> = {
  1: 'An unknown error occurred',
  2: 'Service temporarily unavailable',
  4: '(#4) Application request limit reached',
  100: '(#100) Invalid parameter',
  190: 'Invalid OAuth access token - Cannot parse access token',
  80007: '(#80007) Rate limit issues',
  130429: '(#130429) Rate limit hit',
  131000: '(#131000) Something went wrong',
  131008: '(#131008) Required parameter is missing',
  131009: '(#131009) Parameter value is not valid',
  131016: '(#131016) Service unavailable',
  131026: '(#131026) Message undeliverable',
  131047: '(#131047) Re-engagement message',
  131051: '(#131051) Unsupported message type',
  131056: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
};

/** Builds an error spec from a code, with its usual status (400 for a code the taxonomy does not know) unless one is given. */
export function describeGraphError(code: number, overrides: Partial<GraphErrorSpec> = {}): GraphErrorSpec {
  return {
    status: GRAPH_ERROR_CODES[code]?.httpStatus ?? 400,
    code,
    message: MESSAGES[code] ?? `(#${code}) Error`,
    type: 'OAuthException',
    ...overrides,
  };
}

let traceCounter = 0;
const TRACE_PREFIX = Math.floor(Math.random() * 36 ** 4).toString(36);

/** A Graph-looking fbtrace_id; unique per process, cheap on the hot path. */
export function createTraceId(): string {
  traceCounter = (traceCounter + 1) % 2 ** 40;
  return `A${TRACE_PREFIX}${traceCounter.toString(36).padStart(9, '0')}`;
}

/** The JSON body Cloud API sends with every error. */
export function formatGraphError(spec: GraphErrorSpec): string {
  const error: Record<string, unknown> = { message: spec.message, type: spec.type, code: spec.code };
  if (spec.subcode !== undefined) error.error_subcode = spec.subcode;
  if (spec.details !== undefined) error.error_data = { messaging_product: 'whatsapp', details: spec.details };
  error.fbtrace_id = createTraceId();
  return JSON.stringify({ error });
}
