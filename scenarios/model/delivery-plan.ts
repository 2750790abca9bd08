import { pickWeightedIndex } from '../../common/core/prng.ts';
import { REBATCH_LAYOUTS, type RebatchLayout } from './rebatch.ts';
import { drawUniform } from './seq-random.ts';

/**
 * The delivery plan: what delivery number `seq` is (which fixture, signed or forged, duplicated,
 * out of order, which sender). Pure and seeded, shared by the Node engine and k6.
 */
export type DeliveryKind = 'signed' | 'forged' | 'unsigned';

export interface PlanSettings {
  seed: number;
  /** Cumulative fixture weights (see resolveMixWeights). */
  cumulativeWeights: readonly number[];
  duplicateRatio: number;
  outOfOrderRatio: number;
  forgedRatio: number;
  unsignedRatio: number;
  senderPool: 'unique' | number;
  /** Fixtures per POST (default 1). */
  batchSize?: number;
  /** Share of signed deliveries whose copies come rebatched (default 0). */
  rebatchRatio?: number;
}

export interface PlannedDelivery {
  seq: number;
  /** Fixtures in this POST, in order: one unless batchSize > 1. */
  fixtureIndexes: number[];
  kind: DeliveryKind;
  /** Send the message a second time (signed deliveries only): the same bytes, or its rebatched copy. */
  duplicate: boolean;
  /** Status callbacks only: deliver with an older timestamp, after newer ones. */
  outOfOrder: boolean;
  senderSlot: number;
  /** Copies (duplicates, late copies, redeliveries) come inside a different batch, in this layout; absent: the same bytes. */
  rebatch: RebatchLayout | undefined;
}

// batchPart + part uses streams 5..53 (batchSize ≤ 50): rebatching draws above them.
const DRAW = {
  fixture: 0,
  kind: 1,
  duplicate: 2,
  outOfOrder: 3,
  batchPart: 4,
  rebatch: 100,
  rebatchLayout: 101,
} as const;

/** Plans delivery `seq`. Throws when every fixture weighs 0 (resolveMixWeights prevents it). */
export function planDelivery(settings: PlanSettings, seq: number): PlannedDelivery {
  const fixtureIndexes = [pickIndex(settings.cumulativeWeights, drawUniform(settings.seed, seq, DRAW.fixture))];
  // Later batch parts use their own draw streams, so batchSize 1 plans exactly as before.
  for (let part = 1; part < (settings.batchSize ?? 1); part++) {
    fixtureIndexes.push(pickIndex(settings.cumulativeWeights, drawUniform(settings.seed, seq, DRAW.batchPart + part)));
  }
  const kindDraw = drawUniform(settings.seed, seq, DRAW.kind);
  const kind: DeliveryKind =
    kindDraw < settings.forgedRatio
      ? 'forged'
      : kindDraw < settings.forgedRatio + settings.unsignedRatio
        ? 'unsigned'
        : 'signed';
  return {
    seq,
    fixtureIndexes,
    kind,
    duplicate: kind === 'signed' && drawUniform(settings.seed, seq, DRAW.duplicate) < settings.duplicateRatio,
    outOfOrder: drawUniform(settings.seed, seq, DRAW.outOfOrder) < settings.outOfOrderRatio,
    senderSlot: settings.senderPool === 'unique' ? seq : seq % settings.senderPool,
    rebatch:
      kind === 'signed' && drawUniform(settings.seed, seq, DRAW.rebatch) < (settings.rebatchRatio ?? 0)
        ? REBATCH_LAYOUTS[Math.floor(drawUniform(settings.seed, seq, DRAW.rebatchLayout) * REBATCH_LAYOUTS.length)]
        : undefined,
  };
}

function pickIndex(cumulative: readonly number[], u: number): number {
  const index = pickWeightedIndex(cumulative, u);
  if (index < 0) throw new Error('delivery plan: every fixture in the mix weighs 0');
  return index;
}
