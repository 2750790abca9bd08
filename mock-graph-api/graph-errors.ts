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

interface CatalogueEntry {
  message: string;
  type: string;
  status: number;
}

const CATALOGUE: Record<number, CatalogueEntry> = {
  1: { message: 'An unknown error occurred', type: 'OAuthException', status: 500 },
  2: { message: 'Service temporarily unavailable', type: 'OAuthException', status: 503 },
  4: { message: '(#4) Application request limit reached', type: 'OAuthException', status: 429 },
  100: { message: '(#100) Invalid parameter', type: 'OAuthException', status: 400 },
  190: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', status: 401 },
  80007: { message: '(#80007) Rate limit issues', type: 'OAuthException', status: 429 },
  130429: { message: '(#130429) Rate limit hit', type: 'OAuthException', status: 429 },
  131000: { message: '(#131000) Something went wrong', type: 'OAuthException', status: 500 },
  131008: { message: '(#131008) Required parameter is missing', type: 'OAuthException', status: 400 },
  131009: { message: '(#131009) Parameter value is not valid', type: 'OAuthException', status: 400 },
  131016: { message: '(#131016) Service unavailable', type: 'OAuthException', status: 503 },
  131026: { message: '(#131026) Message undeliverable', type: 'OAuthException', status: 400 },
  131047: { message: '(#131047) Re-engagement message', type: 'OAuthException', status: 400 },
  131051: { message: '(#131051) Unsupported message type', type: 'OAuthException', status: 400 },
  131056: {
    message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
    type: 'OAuthException',
    status: 429,
  },
};

/** Codes a correct client must not retry unchanged (DESIGN.md); 190 is a config error, kept apart. */
export const DO_NOT_RETRY_CODES: ReadonlySet<number> = new Set([100, 131008, 131009, 131026, 131047, 131051]);

/** Builds an error spec from a code, with the catalogue's status unless one is given. */
export function describeGraphError(code: number, overrides: Partial<GraphErrorSpec> = {}): GraphErrorSpec {
  const entry = CATALOGUE[code] ?? { message: `(#${code}) Error`, type: 'OAuthException', status: 400 };
  return { status: entry.status, code, message: entry.message, type: entry.type, ...overrides };
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
