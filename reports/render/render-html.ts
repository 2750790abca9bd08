import { renderSupervisedHtml } from './render-supervised.ts';
import { embedJson, escapeHtml } from './escape-html.ts';
import { failureReasons } from '../judge/failure-reasons.ts';
import { faultPhasesNote } from '../judge/fault-phase-note.ts';
import {
  formatChange,
  formatDuration,
  formatMs,
  formatObserved,
  formatRate,
  formatThreshold,
  formatVerdict,
  RUN_VERDICT_LABEL,
} from './format.ts';
import { REPORT_CSS, REPORT_JS } from './html-assets.ts';
import { lostDifference } from './lost-agreement.ts';
import { describeGatesUnderShortfall, describePlan } from './load-line.ts';
import { renderChecklist } from './render-markdown.ts';
import type { GateResult, Summary } from '../schema/summary-schema.ts';
import { renderSvgChart, type ChartSeries } from './svg-chart.ts';
import { labelPhasesWithDependency, renderDependencyHtml } from './render-dependency.ts';
import { renderFaultChart, renderReplyChart } from './render-series-charts.ts';

const e = escapeHtml;
const round = (x: number): number => Math.round(x * 100) / 100;

function verdictCell(g: GateResult): string {
  const cls = g.verdict === 'not-measured' && g.allowedNotMeasured ? 'v-allowed' : `v-${g.verdict}`;
  return `<td class="${cls}">${e(formatVerdict(g))}</td>`;
}

function renderGateTable(gates: readonly GateResult[]): string {
  const rows = gates.map(
    (g) =>
      `<tr><td>${e(g.title)}<br><code>${e(g.id)}</code></td>${verdictCell(g)}<td class="num">${e(formatObserved(g))}</td><td class="num">${e(formatThreshold(g))}</td><td>${e(g.source)}</td><td class="note">${e(g.note)}</td></tr>`,
  );
  return `<table class="gates"><thead><tr><th>Gate</th><th>Verdict</th><th>Observed</th><th>Threshold</th><th>Source</th><th>Note</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderPhaseTable(s: Summary): string {
  if (!s.phaseGates.length) return '';
  const rows = s.phaseGates.flatMap((p) =>
    p.gates.map(
      (g) =>
        `<tr><td>${e(p.phase)}</td><td>${p.startS === null ? '–' : `${p.startS}–${p.endS} s`}</td><td><code>${e(g.id)}</code></td>${verdictCell(g)}<td class="num">${e(formatObserved(g))}</td><td class="num">${e(formatThreshold(g))}</td></tr>`,
    ),
  );
  return `<h2>Gates per chaos phase</h2><table><thead><tr><th>Phase</th><th>Window</th><th>Gate</th><th>Verdict</th><th>Observed</th><th>Threshold</th></tr></thead><tbody>${rows.join('')}</tbody></table>${faultPhasesNote(s) ? `<p class="note">${e(faultPhasesNote(s) as string)}</p>` : ''}`;
}

function buildCharts(s: Summary): { html: string; data: unknown } {
  const pts = s.timeline.points;
  const xs = pts.map((p) => p.t);
  const latency: ChartSeries[] = [
    { name: 'p50', color: '#0969da', values: pts.map((p) => round(p.p50Ms)) },
    { name: 'p90', color: '#8250df', values: pts.map((p) => round(p.p90Ms)) },
    { name: 'p99', color: '#cf222e', values: pts.map((p) => round(p.p99Ms)) },
  ];
  const rate: ChartSeries[] = [
    { name: 'target', color: '#57606a', values: pts.map((p) => round(p.targetRate)) },
    { name: 'achieved', color: '#1a7f37', values: pts.map((p) => p.sent) },
  ];
  const outcomes: ChartSeries[] = [
    { name: '2xx', color: '#2da44e', values: pts.map((p) => p.ok) },
    { name: '4xx', color: '#d4a72c', values: pts.map((p) => p.clientErrors) },
    { name: '5xx', color: '#cf222e', values: pts.map((p) => p.serverErrors) },
    { name: 'timeouts', color: '#8250df', values: pts.map((p) => p.timeouts) },
    { name: 'connection errors', color: '#1b1f24', values: pts.map((p) => p.connectionErrors) },
    { name: 'dropped', color: '#8c959f', values: pts.map((p) => p.dropped) },
  ];
  const phases = labelPhasesWithDependency(s.phases, s.dependency);
  const per = s.timeline.resolutionS > 1 ? ` (${s.timeline.resolutionS} s buckets, worst second shown)` : '';
  const extra = [
    ...(s.replyTimeline ? [renderReplyChart(s.replyTimeline, phases)] : []),
    ...(s.faultTimeline ? [renderFaultChart(s.faultTimeline, phases)] : []),
  ];
  const html = [
    renderSvgChart({
      id: 'chart-latency',
      title: `Webhook ack latency percentiles${per}`,
      xs,
      series: latency,
      phases,
      formatY: formatMs,
    }),
    renderSvgChart({
      id: 'chart-rate',
      title: 'Target vs achieved rate (POST/s)',
      xs,
      series: rate,
      phases,
      formatY: (v) => `${v}/s`,
      dashed: ['target'],
    }),
    renderSvgChart({
      id: 'chart-outcomes',
      title: 'Outcomes by class (per second)',
      xs,
      series: outcomes,
      phases,
      formatY: (v) => `${v}/s`,
      stacked: true,
    }),
    ...extra.map((c) => c.html),
  ].join('');
  const strip = (series: ChartSeries[], unit: string) => series.map((x) => ({ name: x.name, values: x.values, unit }));
  return {
    html,
    data: {
      xs,
      // Charts with their own seconds (the ledger's series reach past the load into the settle).
      xsBy: Object.fromEntries(extra.map((c) => [c.id, c.xs])),
      charts: {
        'chart-latency': strip(latency, ' ms'),
        'chart-rate': strip(rate, '/s'),
        'chart-outcomes': strip(outcomes, '/s'),
        ...Object.fromEntries(extra.map((c) => [c.id, c.series])),
      },
    },
  };
}

function renderFacts(s: Summary): string {
  const r = s.reconciliation;
  const c = s.counters;
  const recon = r
    ? `<ul><li>Acknowledged inbound messages: ${r.ackedMessages}${r.estimate ? ' (count only: lost is an <b>estimate</b>)' : ''}</li><li>Answered ${r.withReply}; <b>lost ${r.lost}</b>${e(lostDifference(s))}; rejected by Graph, not lost ${r.rejectedNotLost}</li><li>Duplicate replies: <b>${r.duplicateReplies.genuine} genuine</b>, ${r.duplicateReplies.ambiguous} ambiguous (after-commit faults)</li><li>Duplicate read receipts: <b>${r.duplicateReads.genuine} genuine</b>, ${r.duplicateReads.ambiguous} ambiguous</li><li>Side effects for unacknowledged deliveries: ${r.unacked.replies} (${r.unacked.messages} messages)</li></ul>`
    : '<p>Not available: no ledger stats from the mock Graph API.</p>';
  const counters = [
    ['Attempts', c.sent],
    ['2xx', c.status2xx],
    ['4xx (errors)', s.errors.status4xx],
    ['5xx', c.status5xx],
    ['Timeouts', c.timeouts],
    ['Connection errors', c.connectionErrors],
    ['Dropped (harness)', c.dropped],
    ['Redeliveries', c.redeliveries],
    ['Duplicates sent', c.duplicatesSent],
    ['Forged sent / rejected / accepted', `${c.forgedSent} / ${c.forgedRejected} / ${c.forgedAccepted}`],
  ];
  const info = s.info
    .map(
      (i) =>
        `<li>${e(i.title)} ${e(i.guidance)}: <b>${e(i.observed)}</b>${i.meets === null ? '' : i.meets ? ' ✓' : ' ⚠'}</li>`,
    )
    .join('');
  return [
    `<h2>Meta's guidance <small>(information, not a gate)</small></h2><ul>${info}</ul>`,
    `<h2>Reconciliation</h2>${recon}${s.lateCopies ? `<p>Dedupe horizon: ${e(s.lateCopies.text)}</p>` : ''}`,
    `<h2>Webhook outcomes</h2><table><tbody>${counters.map(([k, v]) => `<tr><th>${e(String(k))}</th><td class="num">${e(String(v))}</td></tr>`).join('')}</tbody></table>`,
  ].join('');
}

function renderBaseline(s: Summary): string {
  const b = s.baseline;
  if (!b) return '';
  const v = (x: number | null, unit: string): string =>
    x === null ? '–' : unit === 'ms' ? formatMs(x) : unit === '%' ? `${x.toFixed(2)} %` : formatRate(x);
  const rows = b.metrics.map(
    (m) =>
      `<tr><td>${e(m.title)}</td><td class="num">${e(v(m.baseline, m.unit))}</td><td class="num">${e(v(m.current, m.unit))}</td><td class="num">${e(formatChange(m.changePct))}</td><td class="${m.verdict === 'regressed' ? 'v-fail' : ''}">${e(m.verdict)}</td></tr>`,
  );
  return `<h2>Baseline: run ${e(b.runId)} (${e(b.startedAt)})</h2><p class="meta">Tolerances: p99 +${b.tolerances.p99Pct} %, achieved rate −${b.tolerances.ratePct} %.</p><table><thead><tr><th>Metric</th><th>Baseline</th><th>This run</th><th>Change</th><th>Verdict</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The load-not-delivered banner, or the plan identity as a line when the load was delivered. */
function renderLoadDelivery(s: Summary): string {
  const d = s.loadDelivery;
  if (!d) return '';
  const text = d.text.charAt(0).toUpperCase() + d.text.slice(1);
  return s.verdict === 'load-not-delivered'
    ? `<div class="banner" role="alert">${e(text)}. ${e(describePlan(d) ?? '')}; ${e(describeGatesUnderShortfall(d))}.</div>`
    : `<p class="meta">Plan: ${e(describePlan(d) ?? '')}</p>`;
}

/** report.html: one self-contained page (inline CSS, JS and SVG; no network). Pure. */
export function renderHtml(s: Summary): string {
  const charts = buildCharts(s);
  const card = (label: string, value: string): string =>
    `<div class="card"><span>${e(label)}</span><b>${e(value)}</b></div>`;
  const ack = s.gates.find((g) => g.id === 'ack-p99');
  const err = s.gates.find((g) => g.id === 'error-rate');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${e(`${RUN_VERDICT_LABEL[s.verdict]} · ${s.scenario} · run ${s.runId}`)}</title><style>${REPORT_CSS}</style></head>
<body>
<h1><span class="badge ${s.verdict}">${RUN_VERDICT_LABEL[s.verdict]}</span>${e(s.scenario)}</h1>
<p class="meta">Run ${e(s.runId)} · ${e(s.startedAt)} → ${e(s.endedAt)} (${e(formatDuration(s.durationS))}) · engine ${e(s.engine.name)} ${e(s.engine.version)} ×${s.engine.instances} · exit code ${s.exitCode}</p>
${s.status === 'aborted' ? `<div class="banner" role="alert">Run aborted: ${e(s.abortReason ?? 'no reason recorded')}. Gates are marked incomplete; figures cover the part that ran.</div>` : ''}${renderLoadDelivery(s)}
${renderWhyFailed(s)}
<div class="cards">${card('Target rate', formatRate(s.load.targetRate))}${card('Achieved rate', formatRate(s.load.achievedRate))}${card('Ack p99', ack ? formatObserved(ack) : '–')}${card('Error rate', err ? formatObserved(err) : '–')}</div>
<h2>Gates</h2>${renderGateTable(s.gates)}
${renderPhaseTable(s)}${renderDependencyHtml(s)}
<h2>Timeline</h2>${charts.html}
${renderFacts(s)}${renderSupervisedHtml(s.supervised)}
${renderBaseline(s)}
<h2>Readiness checklist</h2><pre>${e(renderChecklist(s).join('\n'))}</pre>
<footer>wa-loadtest report · summary schema v${s.schemaVersion}</footer>
<script type="application/json" id="chart-data">${embedJson(charts.data)}</script>
<script>${REPORT_JS}</script>
</body></html>
`;
}

function renderWhyFailed(s: Summary): string {
  const reasons = failureReasons(s);
  return reasons.length
    ? `<div class="banner why" role="alert"><strong>Why it failed</strong><ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul></div>`
    : '';
}
