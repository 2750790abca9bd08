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
export function lateCopyDelaysMs(late: LateCopySettings, seed: number, seq: number, sentRelMs: number, runEndMs: number): number[] {
  if (late.fraction <= 0 || drawUniform(seed, seq, DRAW_CHOSEN) >= late.fraction) return [];
  const minMs = late.minDelayS * 1000;
  const maxMs = Math.min(late.horizon === 'run' ? Infinity : late.horizon * 1000, runEndMs - sentRelMs);
  if (!(maxMs > minMs)) return [];
  const ratio = maxMs / minMs;
  const delays: number[] = [];
  for (let k = 0; k < late.copies; k++) delays.push(Math.floor(minMs * ratio ** drawUniform(seed, seq, DRAW_DELAY + k)));
  return delays.sort((a, b) => a - b);
}
