import type { TimelinePoint } from '../../common/contracts/index.ts';

export const MAX_TIMELINE_POINTS = 600;

/**
 * Shrinks a per-second timeline to at most maxPoints by grouping consecutive seconds: counts
 * add, the target rate averages (both then read "per group"), p90/p99/max keep the worst
 * second so a spike never disappears from the chart, p50 averages weighted by attempts.
 * Counts are divided by the group size so charts keep reading "per second".
 */
export function downsampleTimeline(
  points: readonly TimelinePoint[],
  maxPoints = MAX_TIMELINE_POINTS,
): { resolutionS: number; points: TimelinePoint[] } {
  if (points.length <= maxPoints) return { resolutionS: 1, points: [...points] };
  const size = Math.ceil(points.length / maxPoints);
  const out: TimelinePoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const group = points.slice(i, i + size);
    const n = group.length;
    const sum = (
      key: 'targetRate' | 'sent' | 'ok' | 'clientErrors' | 'serverErrors' | 'timeouts' | 'connectionErrors' | 'dropped',
    ): number => group.reduce((acc, p) => acc + p[key], 0);
    const worst = (key: 'p90Ms' | 'p99Ms' | 'maxMs'): number => group.reduce((acc, p) => Math.max(acc, p[key]), 0);
    const sent = sum('sent');
    const p50 = sent
      ? group.reduce((acc, p) => acc + p.p50Ms * p.sent, 0) / sent
      : group.reduce((acc, p) => acc + p.p50Ms, 0) / n;
    const perSecond = (x: number): number => Math.round(x / n);
    out.push({
      t: group[0]?.t ?? i,
      targetRate: sum('targetRate') / n,
      sent: perSecond(sent),
      ok: perSecond(sum('ok')),
      clientErrors: perSecond(sum('clientErrors')),
      serverErrors: perSecond(sum('serverErrors')),
      timeouts: perSecond(sum('timeouts')),
      connectionErrors: perSecond(sum('connectionErrors')),
      dropped: perSecond(sum('dropped')),
      p50Ms: p50,
      p90Ms: worst('p90Ms'),
      p99Ms: worst('p99Ms'),
      maxMs: worst('maxMs'),
    });
  }
  return { resolutionS: size, points: out };
}
