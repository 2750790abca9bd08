import { describeGatesUnderShortfall, describeLoad, describePlan } from './load-line.ts';
import { lostDifference } from './lost-agreement.ts';
import { failureReasons } from '../judge/failure-reasons.ts';
import { faultPhasesNote } from '../judge/fault-phase-note.ts';
import { droppedByK6 } from '../judge/dropped-cause.ts';
import { describeSupervised } from './render-supervised.ts';
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
import type { GateResult, Summary } from '../schema/summary-schema.ts';
import { renderDependencyTerminal } from './render-dependency.ts';

type Paint = (code: number, text: string) => string;

const COLOR: Record<GateResult['verdict'], number> = { pass: 32, fail: 31, 'not-measured': 33, incomplete: 33 };
const RUN_COLOR: Record<Summary['verdict'], number> = { pass: 32, fail: 31, aborted: 33, 'load-not-delivered': 33 };

/** Pads to a width counted in code points (→, ≤ are one column each). */
function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function table(
  rows: readonly string[][],
  colorOf: (row: number, col: number) => number | undefined,
  paint: Paint,
): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => [...(r[col] ?? '')].length)));
  return rows.map((r, i) =>
    r
      .map((c, col) => {
        const padded = col === r.length - 1 ? c : pad(c, widths[col] ?? 0);
        const code = colorOf(i, col);
        return code ? paint(code, padded) : padded;
      })
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The terminal table printed after a run. `color` adds ANSI colours; callers pass
 * `process.stdout.isTTY` so pipes and CI logs stay plain. Pure.
 */
export function renderTerminal(s: Summary, options: { color: boolean }): string {
  const paint: Paint = (code, text) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const bold = (text: string): string => paint(1, text);
  const gateRows = [
    ['Gate', 'Verdict', 'Observed', 'Threshold', 'Source'],
    ...s.gates.map((g) => [g.id, formatVerdict(g), formatObserved(g), formatThreshold(g), g.source]),
  ];
  const verdictColor = (gates: readonly GateResult[]) => (row: number, col: number) =>
    row === 0
      ? 1
      : col === 1
        ? gates[row - 1]?.verdict === 'not-measured' && gates[row - 1]?.allowedNotMeasured
          ? 2
          : COLOR[gates[row - 1]!.verdict]
        : undefined;
  const lines = [
    `${paint(RUN_COLOR[s.verdict], bold(RUN_VERDICT_LABEL[s.verdict]))}  ${s.scenario}  run ${s.runId}  ${s.engine.name} ${s.engine.version}  ${formatDuration(s.durationS)}`,
    `load: ${describeLoad(s.load)}`,
    ...(s.loadDelivery ? [`plan: ${describePlan(s.loadDelivery)}`] : []),
    ...(s.verdict === 'load-not-delivered' && s.loadDelivery
      ? [paint(33, `LOAD NOT DELIVERED: ${s.loadDelivery.text}; ${describeGatesUnderShortfall(s.loadDelivery)}.`)]
      : []),
    ...(s.status === 'aborted'
      ? [paint(33, `ABORTED: ${s.abortReason ?? 'no reason recorded'}; gates are incomplete.`)]
      : []),
    ...failureReasons(s).map((reason) => paint(31, `why: ${reason}`)),
    '',
    ...table(gateRows, verdictColor(s.gates), paint),
  ];
  for (const p of s.phaseGates) {
    const failing = p.gates.filter((g) => g.verdict === 'fail');
    const incomplete = p.gates.some((g) => g.verdict === 'incomplete');
    const text = failing.length
      ? failing.map((g) => `${g.id} ${formatObserved(g)} (${formatThreshold(g)})`).join(', ')
      : incomplete
        ? 'incomplete'
        : 'all pass';
    lines.push(`phase ${p.phase}: ${failing.length ? paint(31, text) : paint(incomplete ? 33 : 32, text)}`);
  }
  const faultNote = faultPhasesNote(s);
  if (faultNote) lines.push(faultNote);
  lines.push(...renderDependencyTerminal(s, paint));
  const r = s.reconciliation;
  if (r) {
    lines.push(
      '',
      `reconciliation: ${r.ackedMessages} acked, ${r.lost} lost${r.estimate ? ' (estimate)' : ''}${lostDifference(s)}, ${r.rejectedNotLost} rejected by Graph, duplicates ${r.duplicateReplies.genuine + r.duplicateReads.genuine} genuine / ${r.duplicateReplies.ambiguous + r.duplicateReads.ambiguous} ambiguous, ${r.unacked.replies} side effects for unacked deliveries`,
    );
  }
  if (s.lateCopies) lines.push(s.lateCopies.text);
  if (s.supervised) lines.push('', 'supervised target:', ...describeSupervised(s.supervised).map((l) => `  ${l}`));
  if (s.errors.dropped)
    lines.push(
      paint(
        33,
        `${droppedByK6(s.engine.name) ? 'dropped by k6 (dropped_iterations: no free VU)' : 'dropped by the harness (maxInFlight)'}: ${s.errors.dropped}`,
      ),
    );
  lines.push(...s.info.map((i) => `${i.title} ${i.guidance}: ${i.observed}`));
  if (s.baseline) {
    lines.push('', `baseline ${s.baseline.runId}:`);
    for (const m of s.baseline.metrics) {
      const v = (x: number | null): string =>
        x === null ? '–' : m.unit === 'ms' ? formatMs(x) : m.unit === '%' ? `${x.toFixed(2)} %` : formatRate(x);
      const text = `  ${m.title}: ${v(m.baseline)} → ${v(m.current)} (${formatChange(m.changePct)}) ${m.verdict}`;
      lines.push(m.verdict === 'regressed' ? paint(31, text) : text);
    }
  }
  lines.push('', `exit code ${s.exitCode}`);
  return lines.join('\n');
}
