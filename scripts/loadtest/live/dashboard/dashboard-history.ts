/** One stretch of the run on the live charts: `t` is the second it ends at (s since the start), `seconds` how many it covers. */
export interface HistoryPoint {
  t: number;
  seconds: number;
  /** Deliveries started per second (the mean over the stretch). */
  achievedRate: number;
  /** Deliveries per second the load profile asked for (the mean over the stretch). */
  targetRate: number;
  /** Ack p99 so far, at the stretch's end. */
  ackP99Ms: number;
  /** Webhook→reply p99 so far on the final gate's population, at the stretch's end. */
  replyP99Ms: number | null;
}

/** The whole run's per-second history, from its start: `stepS` seconds a point, doubled whenever it would pass `maxPoints`. */
export interface History {
  stepS: number;
  points: HistoryPoint[];
}

/** Ten minutes at one point a second; a longer run's history is downsampled to stay under it. */
export const MAX_HISTORY_POINTS = 600;

export const emptyHistory = (): History => ({ stepS: 1, points: [] });

type Sample = Omit<HistoryPoint, 't' | 'seconds'>;

function merge(a: HistoryPoint, b: HistoryPoint): HistoryPoint {
  const seconds = a.seconds + b.seconds;
  const mean = (x: number, y: number) => (x * a.seconds + y * b.seconds) / seconds;
  return {
    t: b.t,
    seconds,
    achievedRate: mean(a.achievedRate, b.achievedRate),
    targetRate: mean(a.targetRate, b.targetRate),
    ackP99Ms: b.ackP99Ms,
    replyP99Ms: b.replyP99Ms,
  };
}

/** The points regrouped into stretches of `stepS` seconds (second t falls in stretch ⌈t / stepS⌉). */
function regroup(points: readonly HistoryPoint[], stepS: number): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (const p of points) {
    const last = out.at(-1);
    if (last && Math.ceil(last.t / stepS) === Math.ceil(p.t / stepS)) out[out.length - 1] = merge(last, p);
    else out.push(p);
  }
  return out;
}

/**
 * The history with the second that ends at `elapsedS` added (a progress snapshot comes about once
 * a second; a second already recorded is left alone, seconds skipped by a stalled loop get the
 * snapshot's values, which are means since the previous one). Pure.
 *
 * @example
 * history = recordSecond(history, frame.elapsedS, frame); // points t = 1, 2, 3, … while stepS is 1
 */
export function recordSecond(
  history: History,
  elapsedS: number,
  sample: Sample,
  maxPoints = MAX_HISTORY_POINTS,
): History {
  const t = Math.floor(elapsedS);
  const lastT = history.points.at(-1)?.t ?? 0;
  if (t <= lastT) return history;
  const value = {
    achievedRate: sample.achievedRate,
    targetRate: sample.targetRate,
    ackP99Ms: sample.ackP99Ms,
    replyP99Ms: sample.replyP99Ms,
  };
  const added = Array.from({ length: t - lastT }, (_, i) => ({ t: lastT + i + 1, seconds: 1, ...value }));
  let stepS = history.stepS;
  let points = regroup([...history.points, ...added], stepS);
  while (points.length > maxPoints) points = regroup(points, (stepS *= 2));
  return { stepS, points };
}
