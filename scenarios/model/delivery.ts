import type { CompiledTemplate } from '../../common/core/template.ts';
import { buildSignatureHeader, forgeSignatureHeader, type HmacSha256Hex } from '../../common/core/signature-header.ts';
import type { Scenario } from '../../common/contracts/scenario.ts';
import { createBatchBodyBuilder, createBodyBuilder } from './delivery-body.ts';
import { planDelivery, type DeliveryKind, type PlanSettings } from './delivery-plan.ts';
import type { AttemptRole } from './judge-attempt.ts';
import { rebatchBody } from './rebatch.ts';

/** One planned webhook delivery: its bytes and headers, reused by redeliveries and duplicates. */
export interface Delivery {
  seq: number;
  kind: DeliveryKind;
  body: string;
  /** Lower-case names (HTTP header names are case-insensitive; k6 and undici send them as given). */
  headers: Record<string, string>;
  /**
   * What every later attempt (duplicate, late copy, redelivery) sends: the same strings as body
   * and headers, or a rebatched copy (same message ids among other updates, signed anew) when the
   * plan says so (delivery.rebatchRatio). Read it through attemptBytes.
   */
  copyBody: string;
  copyHeaders: Record<string, string>;
  /** Inbound messages in the body (the fixtures' wamidParts, summed over a batch). */
  wamidParts: number;
  /** Attempts started so far, duplicates excluded (drives the redelivery backoff). */
  attempts: number;
}

/** A built delivery plus whether the plan wants a spontaneous duplicate of it. */
export interface BuiltDelivery {
  delivery: Delivery;
  duplicate: boolean;
}

export interface DeliveryBuilderSettings {
  scenario: Pick<Scenario, 'seed' | 'delivery' | 'business' | 'target'>;
  /** The fixture's compiled template at a manifest index (the mix's indexes point here); a function so k6 can read from a SharedArray. */
  templateAt: (index: number) => CompiledTemplate;
  /** Cumulative fixture weights (resolveMixWeights). */
  cumulativeWeights: readonly number[];
  runId: string;
  /** HMAC-SHA256 hex: node:crypto in the Node engine, k6/crypto in k6. */
  hmac: HmacSha256Hex;
}

/** The plan settings of a scenario: seed, mix weights and the delivery ratios. */
export function planSettingsOf(
  scenario: Pick<Scenario, 'seed' | 'delivery'>,
  cumulativeWeights: readonly number[],
): PlanSettings {
  return { seed: scenario.seed, cumulativeWeights, ...scenario.delivery };
}

/**
 * Returns the builder turning (seq, send time of the first attempt as epoch ms) into a signed,
 * forged or unsigned Delivery: plan it, fill the fixtures (batched when batchSize > 1), sign the
 * exact bytes, forge or strip the signature. Both engines build every delivery through it.
 */
export function createDeliveryBuilder(
  settings: DeliveryBuilderSettings,
): (seq: number, sentAtMs: number) => BuiltDelivery {
  const { scenario, templateAt } = settings;
  const plan = planSettingsOf(scenario, settings.cumulativeWeights);
  const identity = { runId: settings.runId, ...scenario.business };
  const buildBody = createBatchBodyBuilder(identity);
  const fill = createBodyBuilder(identity);
  const baseHeaders = {
    'content-type': 'application/json',
    'user-agent': 'facebookexternalua',
    ...lowerKeys(scenario.target.headers),
  };
  const secret = scenario.target.appSecret;
  return (seq, sentAtMs) => {
    const planned = planDelivery(plan, seq);
    const parts = planned.fixtureIndexes.map(templateAt);
    const request = {
      seq,
      sentAtMs: Math.floor(sentAtMs),
      senderSlot: planned.senderSlot,
      pooledSender: plan.senderPool !== 'unique',
      outOfOrder: planned.outOfOrder,
    };
    const { body, wamidParts } = buildBody(parts, request);
    const headers = signedHeaders(planned.kind, body);
    const copyBody = planned.rebatch ? rebatchBody(fill, body, request, planned.rebatch) : body;
    const copyHeaders = copyBody === body ? headers : signedHeaders(planned.kind, copyBody);
    return {
      delivery: { seq, kind: planned.kind, body, headers, copyBody, copyHeaders, wamidParts, attempts: 0 },
      duplicate: planned.duplicate,
    };
  };
  // Signs the exact bytes, then forges or strips the signature as the plan says.
  function signedHeaders(kind: DeliveryKind, body: string): Record<string, string> {
    const headers: Record<string, string> = { ...baseHeaders };
    if (kind !== 'unsigned') {
      const valid = buildSignatureHeader(settings.hmac, secret, body);
      headers['x-hub-signature-256'] = kind === 'forged' ? forgeSignatureHeader(valid) : valid;
    }
    return headers;
  }
}

/**
 * The bytes an attempt sends: the first attempt the delivery's body, every later one (duplicate,
 * late copy, redelivery) its copy, which differs only when the plan rebatched it. Both engines
 * send through this.
 */
export function attemptBytes(delivery: Delivery, role: AttemptRole): { body: string; headers: Record<string, string> } {
  return role === 'first'
    ? { body: delivery.body, headers: delivery.headers }
    : { body: delivery.copyBody, headers: delivery.copyHeaders };
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
