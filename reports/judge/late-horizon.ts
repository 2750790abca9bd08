import type { MergedRun } from './merge-run-records.ts';
import type { GateResult, LateHorizon } from '../schema/summary-schema.ts';

const fmtS = (ms: number) => (ms >= 120_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${Math.round(ms / 1000)} s`);

/**
 * The dedupe horizon the run verified, from its late copies: the largest delay among copies sent
 * after their message was acknowledged, and whether the duplicates gate held (then a dedupe that
 * forgets ids sooner would have failed it). Null when the scenario sent no late copy. Pure.
 *
 * @example describeLateHorizon(run, duplicatesGate)?.text // 'late copies: 118 sent; copies up to 40 s late were deduped'
 */
export function describeLateHorizon(
  run: Pick<MergedRun, 'lateCopies'>,
  duplicates: GateResult | undefined,
): LateHorizon | null {
  const late = run.lateCopies;
  if (!late) return null;
  const held = duplicates?.verdict === 'pass';
  const max = late.maxDelayMsAfterAck;
  const text =
    max === null
      ? `late copies: ${late.sent} sent, none after its message was acknowledged: no dedupe horizon verified`
      : held
        ? `late copies: ${late.sent} sent; copies up to ${fmtS(max)} late were deduped (ids are remembered at least that long; a longer TTL is not proven by this run)`
        : `late copies: ${late.sent} sent, up to ${fmtS(max)} late; the duplicates gate did not hold, so no dedupe horizon is verified (a dedupe that forgets ids after a few seconds fails here)`;
  return { sent: late.sent, maxDelayMsAfterAck: max, verifiedMs: held ? max : null, text };
}
