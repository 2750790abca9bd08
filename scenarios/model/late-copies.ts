import type { LoadProfile } from '../../common/contracts/scenario.ts';
import { rateAt, totalDurationS } from './load-profile.ts';
import { drawUniform } from './seq-random.ts';

/** The late-copy settings of the scenario model (contracts/scenario.ts `delivery.late`). */
export interface LateCopySettings {
  fraction: number;
  copies: number;
  minDelayS: number;
  horizon: 'run' | number;
}

/** Draw streams of late copies: apart from the plan's (0–4 and batch parts 5..54). */
const DRAW_CHOSEN = 100;
const DRAW_DELAY = 101;

/**
 * Delays (ms after the delivery's first attempt, ascending) of the late copies of delivery `seq`
 * sent `sentRelMs` after the run start: empty unless the seeded draw picks it. Log-uniform between
 * minDelayS and the horizon, so most copies come soon and a few late (Meta redelivers at once,
 * then with decreasing frequency), and never after `runEndMs` (the end of the scheduled load):
 * a late copy is always inside the run window. Pure: both engines call it.
 *
 * @example lateCopyDelaysMs({ fraction: 1, copies: 2, minDelayS: 2, horizon: 'run' }, 1, 7, 0, 60_000) // e.g. [3120, 41877]
 */
export function lateCopyDelaysMs(
  late: LateCopySettings,
  seed: number,
  seq: number,
  sentRelMs: number,
  runEndMs: number,
): number[] {
  if (late.fraction <= 0 || drawUniform(seed, seq, DRAW_CHOSEN) >= late.fraction) return [];
  const minMs = late.minDelayS * 1000;
  const maxMs = Math.min(late.horizon === 'run' ? Infinity : late.horizon * 1000, runEndMs - sentRelMs);
  if (!(maxMs > minMs)) return [];
  const ratio = maxMs / minMs;
  const delays: number[] = [];
  for (let k = 0; k < late.copies; k++)
    delays.push(Math.floor(minMs * ratio ** drawUniform(seed, seq, DRAW_DELAY + k)));
  return delays.sort((a, b) => a - b);
}

/** Grid of the numeric integral below: 32 × 32 points is within 1 % of a fine grid, and cheap in k6's init context. */
const HOLD_GRID = 32;

/**
 * Expected peak number of deliveries still waiting for a late copy (their last copy is due
 * later), over the scheduled load: max over t of ∫ rate(s) × fraction × P(last copy of a
 * delivery sent at s is after t) ds. The last of `copies` log-uniform delays on
 * [minDelayS, M] (M = the horizon clipped to the run end, as lateCopyDelaysMs draws them) is
 * after x with probability 1 − (ln(x/min) / ln(M/min))^copies. Every delivery counts as signed
 * (forged and unsigned ones get no copies), so this errs high. Under k6 each of them holds a VU
 * (the iteration waits for its copies); the Node engine keeps them in a heap. Pure, no I/O.
 *
 * @example expectedPeakLateHolds({ fraction: 0.05, copies: 2, minDelayS: 2, horizon: 'run' }, { profile: 'constant', rate: 20, durationS: 60 }) // ≈ 19.8
 */
export function expectedPeakLateHolds(late: LateCopySettings, load: LoadProfile): number {
  const durationS = totalDurationS(load);
  if (late.fraction <= 0 || durationS <= late.minDelayS) return 0;
  const horizonS = late.horizon === 'run' ? Infinity : late.horizon;
  let peak = 0;
  for (let i = 1; i <= HOLD_GRID; i++) {
    const atS = (durationS * i) / HOLD_GRID;
    const stepS = atS / HOLD_GRID;
    let waiting = 0;
    for (let j = 0; j < HOLD_GRID; j++) {
      const sentS = stepS * (j + 0.5);
      waiting +=
        rateAt(load, sentS) *
        lastCopyAfter(atS - sentS, late.minDelayS, Math.min(horizonS, durationS - sentS), late.copies) *
        stepS;
    }
    peak = Math.max(peak, waiting);
  }
  return peak * late.fraction;
}

/** P(the last of `copies` delays, log-uniform on [minS, maxS], is after `afterS`); 0 when no copy fits. */
function lastCopyAfter(afterS: number, minS: number, maxS: number, copies: number): number {
  if (!(maxS > minS) || afterS >= maxS) return 0;
  if (afterS < minS) return 1;
  return 1 - (Math.log(afterS / minS) / Math.log(maxS / minS)) ** copies;
}
