import type { ResourceSample } from '../../common/contracts/index.ts';

export interface ResourceSummary {
  samples: number;
  /** Peak of the largest single instance (the gate). */
  peakRssMb: number | null;
  /** Peak of all instances together. */
  peakTotalRssMb: number | null;
  meanCpuPct: number | null;
  peakCpuPct: number | null;
  /** Least-squares RSS slope after warm-up, MB per 10 min; null when the window is too short. */
  growthMbPer10Min: number | null;
  /** Seconds of post-warm-up data the slope is computed over. */
  growthWindowS: number;
}

const round = (x: number, d = 2) => Number(x.toFixed(d));

/** Peak, mean and growth of a sampled process tree. Pure. */
export function summarizeResources(
  samples: readonly ResourceSample[],
  options: { warmupS: number; minWindowS: number },
): ResourceSummary {
  if (!samples.length)
    return {
      samples: 0,
      peakRssMb: null,
      peakTotalRssMb: null,
      meanCpuPct: null,
      peakCpuPct: null,
      growthMbPer10Min: null,
      growthWindowS: 0,
    };
  const after = samples.filter((s) => s.t >= options.warmupS);
  const windowS = after.length > 1 ? (after.at(-1) as ResourceSample).t - (after[0] as ResourceSample).t : 0;
  // The growth of one instance is what leaks; replicas only add levels.
  const slope = windowS >= options.minWindowS ? slopePerS(after.map((s) => ({ t: s.t, y: s.maxInstanceRssMb }))) : null;
  return {
    samples: samples.length,
    peakRssMb: round(Math.max(...samples.map((s) => s.maxInstanceRssMb))),
    peakTotalRssMb: round(Math.max(...samples.map((s) => s.rssMb))),
    meanCpuPct: round(samples.reduce((a, s) => a + s.cpuPct, 0) / samples.length, 1),
    peakCpuPct: round(Math.max(...samples.map((s) => s.cpuPct)), 1),
    growthMbPer10Min: slope === null ? null : round(slope * 600),
    growthWindowS: round(windowS, 0),
  };
}

/** Ordinary least squares of y over t. */
function slopePerS(points: readonly { t: number; y: number }[]): number {
  const n = points.length;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const mr = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.y - mr);
    den += (p.t - mt) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
