import type { PhaseWindow } from '../../common/contracts/index.ts';
import { escapeHtml } from './escape-html.ts';

export interface ChartSeries {
  name: string;
  color: string;
  values: readonly number[];
}

export interface ChartSpec {
  id: string;
  title: string;
  /** Seconds since the run start, one per value. */
  xs: readonly number[];
  series: readonly ChartSeries[];
  phases: readonly PhaseWindow[];
  formatY: (v: number) => string;
  /** Stack the series as areas (outcomes by class) instead of drawing lines. */
  stacked?: boolean;
  dashed?: readonly string[];
}

const PHASE_COLORS = ['#54aeff', '#fd8c73', '#4ac26b', '#d2a8ff', '#d4a72c'];
const W = 900;
const H = 240;
const M = { left: 64, right: 16, top: 16, bottom: 28 };

/** 1, 2 or 5 × 10^k: tick steps people read at a glance. */
function niceStep(range: number, ticks: number): number {
  const raw = range / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

function formatClock(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  return h
    ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`
    : `${m}:${String(sec).padStart(2, '0')}`;
}

/** Width of one phase-label character at the chart's 11 px font, rounded up. */
const PHASE_LABEL_CHAR_PX = 6.5;

const fmt = (x: number): string => (Math.round(x * 10) / 10).toString();

/** Renders one time-series chart as inline SVG (no script needed to see it). Pure. */
export function renderSvgChart(spec: ChartSpec): string {
  const xMax = Math.max(1, spec.xs[spec.xs.length - 1] ?? 1, ...spec.phases.map((p) => p.endS));
  const stackedTops = spec.stacked
    ? spec.xs.map((_, i) => spec.series.reduce((acc, s) => acc + (s.values[i] ?? 0), 0))
    : spec.series.flatMap((s) => s.values as number[]);
  const yRaw = Math.max(0, ...stackedTops);
  const step = niceStep(yRaw || 1, 4);
  const yMax = Math.max(step, Math.ceil(yRaw / step) * step);
  const x = (t: number): number => M.left + (t / xMax) * (W - M.left - M.right);
  const y = (v: number): number => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const parts: string[] = [];
  // A label drops to the next row when it would run into the previous one ("healthystorm"),
  // and is left to the rect's tooltip when no row has room.
  const rowEnds: number[] = [];
  spec.phases.forEach((p, i) => {
    const x0 = x(p.startS);
    const x1 = x(Math.max(p.startS, p.endS));
    // Adjacent phases get different hues so their boundaries stay visible.
    const fill = PHASE_COLORS[i % PHASE_COLORS.length];
    parts.push(
      `<rect class="phase" fill="${fill}" x="${fmt(x0)}" y="${M.top}" width="${fmt(Math.max(1, x1 - x0))}" height="${H - M.top - M.bottom}"><title>${escapeHtml(p.name)}</title></rect>`,
      `<line class="phase-edge" x1="${fmt(x0)}" x2="${fmt(x0)}" y1="${M.top}" y2="${H - M.bottom}"/>`,
    );
    const labelX = x0 + 4;
    const row = [0, 1, 2].find((r) => (rowEnds[r] ?? -Infinity) <= labelX);
    if (row !== undefined) {
      rowEnds[row] = labelX + p.name.length * PHASE_LABEL_CHAR_PX + 6;
      parts.push(
        `<text class="phase-label" x="${fmt(labelX)}" y="${M.top + 12 + row * 12}">${escapeHtml(p.name)}</text>`,
      );
    }
  });
  for (let v = 0; v <= yMax + step / 2; v += step) {
    parts.push(
      `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${fmt(y(v))}" y2="${fmt(y(v))}"/>`,
      `<text class="tick" x="${M.left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end">${escapeHtml(spec.formatY(v))}</text>`,
    );
  }
  const xStep = niceStep(xMax, 6);
  for (let t = 0; t <= xMax; t += xStep)
    parts.push(`<text class="tick" x="${fmt(x(t))}" y="${H - 8}" text-anchor="middle">${formatClock(t)}</text>`);
  if (spec.stacked) {
    const base = spec.xs.map(() => 0);
    for (const s of spec.series) {
      const top = base.map((b, i) => b + (s.values[i] ?? 0));
      const upper = spec.xs.map((t, i) => `${fmt(x(t))},${fmt(y(top[i] ?? 0))}`);
      const lower = spec.xs.map((t, i) => `${fmt(x(t))},${fmt(y(base[i] ?? 0))}`).reverse();
      if (upper.length)
        parts.push(
          `<path class="area" data-series="${escapeHtml(s.name)}" fill="${s.color}" d="M${upper.join('L')}L${lower.join('L')}Z"/>`,
        );
      top.forEach((v, i) => (base[i] = v));
    }
  } else {
    for (const s of spec.series) {
      const points = spec.xs.map((t, i) => `${fmt(x(t))},${fmt(y(s.values[i] ?? 0))}`);
      const dash = spec.dashed?.includes(s.name) ? ' stroke-dasharray="6 4"' : '';
      if (points.length)
        parts.push(
          `<path class="line" data-series="${escapeHtml(s.name)}" stroke="${s.color}"${dash} d="M${points.join('L')}"/>`,
        );
    }
  }
  parts.push(
    `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>`,
    `<line class="cursor" x1="0" x2="0" y1="${M.top}" y2="${H - M.bottom}" visibility="hidden"/>`,
  );
  const legend = spec.series
    .map((s) => `<span class="key"><i style="background:${s.color}"></i>${escapeHtml(s.name)}</span>`)
    .join('');
  return [
    `<figure class="chart" id="${spec.id}" data-xmax="${xMax}" data-left="${M.left}" data-right="${M.right}" data-width="${W}">`,
    `<figcaption>${escapeHtml(spec.title)}<span class="legend">${legend}</span></figcaption>`,
    `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(spec.title)}">${parts.join('')}</svg>`,
    `<div class="tip" hidden></div>`,
    `</figure>`,
  ].join('');
}
