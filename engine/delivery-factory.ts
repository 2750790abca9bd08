import type { LoadedFixture } from '../core/fixture.ts';
import { buildSignatureHeader, forgeSignatureHeader } from '../core/signature.ts';
import type { Scenario } from '../contracts/scenario.ts';
import { createBatchBodyBuilder } from '../scenarios/lib/delivery-body.ts';
import { planDelivery, type DeliveryKind, type PlanSettings } from '../scenarios/lib/delivery-plan.ts';
import { hmacSha256Hex } from './hmac.ts';

/** One planned webhook delivery: its bytes and headers, reused by redeliveries and duplicates. */
export interface Delivery {
  seq: number;
  kind: DeliveryKind;
  body: string;
  headers: Record<string, string>;
  /** Inbound messages in the body (the fixtures' wamidParts, summed over a batch). */
  wamidParts: number;
  /** Attempts started so far, duplicates excluded (drives the redelivery backoff). */
  attempts: number;
}

export interface DeliverySettings {
  scenario: Scenario;
  fixtures: readonly LoadedFixture[];
  cumulativeWeights: readonly number[];
  runId: string;
  /** Epoch ms of the run start: intended times are relative to it. */
  startEpochMs: number;
}

/**
 * Returns the factory turning (seq, intended time) into a signed, forged or unsigned Delivery,
 * plus whether the plan wants a spontaneous duplicate of it.
 */
export function createDeliveryFactory(settings: DeliverySettings): (seq: number, intendedMs: number) => { delivery: Delivery; duplicate: boolean } {
  const { scenario, fixtures } = settings;
  const plan: PlanSettings = { seed: scenario.seed, cumulativeWeights: settings.cumulativeWeights, ...scenario.delivery };
  const buildBody = createBatchBodyBuilder({ runId: settings.runId, ...scenario.business });
  const baseHeaders = { 'content-type': 'application/json', 'user-agent': 'facebookexternalua', ...lowerKeys(scenario.target.headers) };
  const secret = scenario.target.appSecret;
  return (seq, intendedMs) => {
    const planned = planDelivery(plan, seq);
    const templates = planned.fixtureIndexes.map((i) => (fixtures[i] as LoadedFixture).template);
    const sentAtMs = Math.floor(settings.startEpochMs + intendedMs);
    const { body, wamidParts } = buildBody(templates, { seq, sentAtMs, senderSlot: planned.senderSlot, outOfOrder: planned.outOfOrder });
    const headers: Record<string, string> = { ...baseHeaders };
    if (planned.kind !== 'unsigned') {
      const valid = buildSignatureHeader(hmacSha256Hex, secret, body);
      headers['x-hub-signature-256'] = planned.kind === 'forged' ? forgeSignatureHeader(valid) : valid;
    }
    return { delivery: { seq, kind: planned.kind, body, headers, wamidParts, attempts: 0 }, duplicate: planned.duplicate };
  };
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
