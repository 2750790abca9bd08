/**
 * Pure, dependency-free modules shared by the k6 scenarios and Node. k6 loads these files
 * unchanged: no npm or Node imports, explicit `.ts` paths.
 *
 * @example
 * import { encodeWamid, decodeWamid } from './index.ts';
 * const id = encodeWamid({ runId: 'a1b2c3d4e5f6', seq: 7, part: 0, sentAtMs: Date.now() });
 * decodeWamid(id)?.seq; // 7
 */
export { encodeBase64, decodeBase64 } from './base64.ts';
export { encodeWamid, decodeWamid, RUN_ID_PATTERN, type WamidFields } from './wamid.ts';
export { Histogram, bucketIndex, bucketUpperUs, HISTOGRAM_BUCKETS, type SerializedHistogram } from './histogram.ts';
export {
  buildSignatureHeader,
  forgeSignatureHeader,
  SIGNATURE_HEADER,
  type HmacSha256Hex,
} from './signature-header.ts';
export {
  compileTemplate,
  fillTemplate,
  escapeJsonMeta,
  TemplateError,
  PLACEHOLDER_NAMES,
  type CompiledTemplate,
  type PlaceholderName,
  type Slot,
  type SlotResolver,
} from './template.ts';
export { createRng, deriveSeed, pickWeighted, pickWeightedIndex, type Rng } from './prng.ts';
export { EXIT, type ExitCode } from './exit-codes.ts';
/**
 * Synthetic wa_ids: a sender per inbound message carrying the wamid's fields (so a reply's `to`
 * names one message), or a pooled sender slot.
 *
 * @example
 * const from = encodeMessageWaId({ runId: 'a1b2c3d4e5f6', seq: 7, part: 0, sentAtMs: Date.now() });
 * decodeMessageWaId(from)?.seq; // 7
 */
export {
  encodeSenderWaId,
  decodeSenderWaId,
  encodeMessageWaId,
  decodeMessageWaId,
  MESSAGE_WA_ID_LENGTH,
  encodeSenderUserId,
  encodeSenderUsername,
} from './wa-id.ts';
export type { LoadedFixture } from './fixture.ts';
/**
 * Meta's Graph API error codes by how a client must treat them (rate limits, transient,
 * do-not-retry): the mock, the reference connector and the reports read this one table.
 *
 * @example
 * graphErrorClass(130429);        // 'throughput-limit'
 * isRetryableGraphCode(131016);   // true
 * isDoNotRetryCode(131026);       // true
 * graphErrorCodesOf('transient'); // [1, 2, 131000, 131016]
 */
export {
  GRAPH_ERROR_CODES,
  graphErrorClass,
  graphErrorCodesOf,
  isRateLimitCode,
  isRetryableGraphCode,
  isDoNotRetryCode,
  type GraphErrorClass,
  type GraphErrorCode,
} from './graph-error-codes.ts';
export { createKeyedRateLimiter, type KeyedRateLimiter } from './rate-limiter.ts';
export { SecondBins, SparseHistogram, createCountBins, createLatencyBins } from './second-bins.ts';
