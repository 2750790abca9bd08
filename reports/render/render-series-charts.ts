import type { PhaseWindow } from '../../common/contracts/index.ts';
import { formatMs } from './format.ts';
import type { FaultTimeline, ReplyTimeline } from '../schema/series-schema.ts';
import { renderSvgChart, type ChartSeries } from './svg-chart.ts';

/** A chart with its own x values, for the hover script (reports/html-assets.ts). */
export interface SeriesChart {
  id: string;
  html: string;
  xs: number[];
  series: { name: string; values: readonly number[]; unit: string }[];
}

const FAULT_STYLE: Record<string, { label: string; color: string }> = {
  'rate-limit': { label: '429 rate limit', color: '#d4a72c' },
  'server-error': { label: '5xx', color: '#cf222e' },
  timeout: { label: 'timeout', color: '#8250df' },
  reset: { label: 'connection reset', color: '#1b1f24' },
  reject: { label: 'rejected (do not retry)', color: '#bc4c00' },
  malformed: { label: 'malformed body', color: '#57606a' },
  latency: { label: 'added latency', color: '#0969da' },
};
const REDIS_COLORS = ['#1a7f37', '#4ac26b', '#116329', '#2da44e', '#7ee787', '#0a3622'];

function faultStyle(kind: string, redisIndex: number): { label: string; color: string } {
  if (kind.startsWith('redis '))
    return { label: kind, color: REDIS_COLORS[redisIndex % REDIS_COLORS.length] as string };
  return FAULT_STYLE[kind] ?? { label: kind, color: '#8c959f' };
}

const per = (resolutionS: number, what: string): string =>
  resolutionS > 1 ? ` (${resolutionS} s buckets, ${what})` : '';

/** Webhook→reply latency p50/p99 by the webhook's send second. */
export function renderReplyChart(timeline: ReplyTimeline, phases: readonly PhaseWindow[]): SeriesChart {
  const xs = timeline.points.map((p) => p.t);
  const series: ChartSeries[] = [
    { name: 'p50', color: '#0969da', values: timeline.points.map((p) => p.p50Ms) },
    { name: 'p99', color: '#cf222e', values: timeline.points.map((p) => p.p99Ms) },
  ];
  const title = `Webhook→reply latency by webhook send second${per(timeline.resolutionS, 'histograms merged')}`;
  return {
    id: 'chart-reply',
    html: renderSvgChart({ id: 'chart-reply', title, xs, series, phases, formatY: formatMs }),
    xs,
    series: [
      ...series.map((s) => ({ name: s.name, values: s.values, unit: ' ms' })),
      { name: 'replies', values: timeline.points.map((p) => p.count), unit: '' },
    ],
  };
}

/** Faults injected per second by kind (Graph API mock, Redis proxy). */
export function renderFaultChart(timeline: FaultTimeline, phases: readonly PhaseWindow[]): SeriesChart {
  const xs = timeline.points.map((p) => p.t);
  let redisIndex = 0;
  const series: ChartSeries[] = timeline.kinds.map((kind) => {
    const style = faultStyle(kind, kind.startsWith('redis ') ? redisIndex++ : 0);
    return { name: style.label, color: style.color, values: timeline.points.map((p) => p.perS[kind] ?? 0) };
  });
  // No fault at all is a result too: draw it as a flat zero line rather than an empty frame.
  if (!series.length) series.push({ name: 'no faults injected', color: '#8c959f', values: xs.map(() => 0) });
  const title = `Faults injected per second by kind${per(timeline.resolutionS, 'averaged')}`;
  return {
    id: 'chart-faults',
    html: renderSvgChart({ id: 'chart-faults', title, xs, series, phases, formatY: (v) => `${v}/s` }),
    xs,
    series: series.map((s) => ({ name: s.name, values: s.values, unit: '/s' })),
  };
}
