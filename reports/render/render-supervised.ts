import { escapeHtml as e } from './escape-html.ts';
import { renderSvgChart } from './svg-chart.ts';
import type { SupervisedSummary } from '../judge/supervised-summary.ts';

const orDash = (x: number | null, unit = ''): string => (x === null ? '–' : `${x}${unit}`);

/**
 * The supervised target in plain lines (memory, CPU, health, log hygiene, drills, deaths):
 * the same text for the terminal, report.md and report.html. Pure.
 */
export function describeSupervised(sup: SupervisedSummary): string[] {
  const r = sup.resources;
  const h = sup.health;
  const lines = [
    `command: ${sup.command} (${sup.replicas} replica(s), ${sup.instancesStarted} instance(s) started; env ${sup.envNames.join(', ')})`,
    r.available
      ? `memory: peak ${orDash(r.peakRssMb, ' MB')} per instance, ${orDash(r.peakTotalRssMb, ' MB')} all instances; growth ${r.growthMbPer10Min === null ? `not judged (${r.growthWindowS} s after warm-up)` : `${r.growthMbPer10Min} MB/10 min over ${r.growthWindowS} s`}`
      : `memory: ${r.note}`,
    ...(r.available
      ? [
          `CPU: mean ${orDash(r.meanCpuPct, ' %')}, peak ${orDash(r.peakCpuPct, ' %')} of one core (${r.samples} samples)`,
        ]
      : []),
    `health: ${h.ok}/${h.probes} probes 2xx within ${h.timeoutMs} ms (availability ${orDash(h.availabilityPct, ' %')}; p50 ${orDash(h.p50Ms, ' ms')}, p99 ${orDash(h.p99Ms, ' ms')}, max ${orDash(h.maxMs, ' ms')})`,
    ...h.firstFailures.map(
      (p) =>
        `  health failure at ${p.t} s, instance ${p.instance}: ${p.status ?? p.error ?? 'no answer'} after ${p.ms} ms`,
    ),
    `log hygiene: ${sup.logs.hits} line(s) with planted values in ${sup.logs.linesScanned} lines of ${sup.logs.files.join(', ') || 'no log'}`,
    ...sup.logs.examples.slice(0, 5).map((x) => `  ${x.file}:${x.lineNo} [${x.kinds.join(', ')}] ${x.redacted}`),
    ...sup.drills.map(
      (d) =>
        `drill ${d.kind}@${d.atS} s: ${d.signal} to instance ${d.instance} → ${d.exit ?? 'still running'} after ${orDash(d.exitMs, ' ms')}${d.killedAfterTimeout ? ' (SIGKILL after the drain timeout)' : ''}; ` +
        `answered after the signal ${d.answeredAfterSignal.ok} 2xx / ${d.answeredAfterSignal.notOk} non-2xx; ${d.ackedMessages} acked, ${orDash(d.unprocessed)} unprocessed` +
        (d.kind === 'restart'
          ? `, ${d.reackedLater} re-acked after the restart, ${orDash(d.answeredTwice)} answered twice`
          : '') +
        `; replacement ${d.replacement} ready in ${orDash(d.replacementReadyMs, ' ms')}`,
    ),
    ...sup.deaths.map(
      (d) =>
        `DIED: instance ${d.instance} at ${d.atS} s (${d.exit})${d.lastLines.length ? `; last line: ${d.lastLines.at(-1)}` : ''}`,
    ),
  ];
  return lines;
}

/** The HTML section: an RSS / CPU chart and the lines above. Pure. */
export function renderSupervisedHtml(sup: SupervisedSummary | undefined): string {
  if (!sup) return '';
  const xs = sup.resources.series.map((p) => p.t);
  const chart = xs.length
    ? renderSvgChart({
        id: 'chart-target-resources',
        title: 'Target process trees: RSS (MB) and CPU (% of one core)',
        xs,
        series: [
          { name: 'RSS MB', color: '#0969da', values: sup.resources.series.map((p) => p.rssMb) },
          { name: 'CPU %', color: '#cf222e', values: sup.resources.series.map((p) => p.cpuPct) },
        ],
        phases: [],
        formatY: (v) => String(v),
      })
    : '';
  return `<h2>Supervised target</h2>${chart}<ul>${describeSupervised(sup)
    .map((l) => `<li>${e(l)}</li>`)
    .join('')}</ul>`;
}
