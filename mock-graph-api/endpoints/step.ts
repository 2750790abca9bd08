import type { EndpointName } from '../chaos/endpoints.ts';
import type { MockConfig } from '../config.ts';
import type { GraphErrorSpec } from '../graph-errors.ts';
import type { MessageRef, SendKind } from '../ledger/ledger.ts';
import type { MediaStore } from '../media-store.ts';
import type { MockOutcome, MockRequest } from '../outcome.ts';

/** A message send as the ledger sees it. */
export interface SendInfo {
  kind: SendKind;
  /** committedByType key: text, image, …, read, typing. */
  type: string;
  ref: MessageRef | null;
  /** False when the correlation mode does not tie this kind of send to a message. */
  correlate: boolean;
  /** Recipient, for throughput and pair-rate limits (replies only). */
  to?: string;
  /** Call id of a call action (pre_accept, accept, reject, terminate): the ledger notes its first answer. */
  callId?: string;
}

/**
 * What an endpoint decided: answer now (a validation error, which may reject a message), or an
 * effect the simulator runs through chaos, limits and the ledger before calling `commit`.
 */
export type Step =
  | { type: 'fail'; spec: GraphErrorSpec; rejected?: { ref: MessageRef; kind: SendKind } }
  | { type: 'effect'; send?: SendInfo; commit: () => MockOutcome };

/** What endpoints may read: config, media store and the clock. */
export interface EndpointContext {
  config: MockConfig;
  media: MediaStore;
  nowMs(): number;
}

export interface GraphRoute {
  endpoint: EndpointName;
  method: 'GET' | 'POST' | 'DELETE';
  /** Express/msw-style path after the base URL, `:param` segments. */
  path: string;
  /** The phone number id a fault scope matches against, when the route has one. */
  phoneNumberId?: (params: Record<string, string>) => string | undefined;
  /** A guard for routes sharing a path (GET /{v}/{id} is media or a phone number): false = try the next route. */
  accepts?: (params: Record<string, string>, context: EndpointContext) => boolean;
  handle(request: MockRequest, params: Record<string, string>, context: EndpointContext): Step;
}
