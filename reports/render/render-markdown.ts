import { describeGatesUnderShortfall, describeLoad, describePlan } from './load-line.ts';
import { lostDifference } from './lost-agreement.ts';
import { failureReasons } from '../judge/failure-reasons.ts';
import { droppedByK6, K6_DROPPED } from '../judge/dropped-cause.ts';
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
import { renderDependencyMarkdown } from './render-dependency.ts';
import { faultPhasesNote } from '../judge/fault-phase-note.ts';

const ICON: Record<Summary['verdict'], string> = { pass: '✅', fail: '❌', aborted: '⚠️', 'load-not-delivered': '⚠️' };
const GATE_ICON: Record<GateResult['verdict'], string> = {
  pass: '✅',
  fail: '❌',
  'not-measured': '❔',
  incomplete: '⏸️',
};

/** Table cells cannot hold pipes or newlines. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function gateIcon(g: GateResult): string {
  return g.verdict === 'not-measured' && g.allowedNotMeasured ? '➖' : GATE_ICON[g.verdict];
}

function renderGates(s: Summary): string[] {
  return [
    '## Gates',
    '',
    row(['Gate', 'Verdict', 'Observed', 'Threshold', 'Source', 'Note']),
    row(['---', '---', '---:', '---:', '---', '---']),
    ...s.gates.map((g) =>
      row([
        `${g.title} (\`${g.id}\`)`,
        `${gateIcon(g)} ${formatVerdict(g)}`,
        formatObserved(g),
        formatThreshold(g),
        g.source,
        g.note,
      ]),
    ),
  ];
}

function renderPhases(s: Summary): string[] {
  if (s.phaseGates.length === 0) return [];
  const window = (a: number | null, b: number | null): string => (a === null || b === null ? '–' : `${a}–${b} s`);
  return [
    '',
    '## Gates per chaos phase',
    '',
    row(['Phase', 'Window', 'Gate', 'Verdict', 'Observed', 'Threshold']),
    row(['---', '---', '---', '---', '---:', '---:']),
    ...s.phaseGates.flatMap((p) =>
      p.gates.map((g) =>
        row([
          p.phase,
          window(p.startS, p.endS),
          g.id,
          `${gateIcon(g)} ${formatVerdict(g)}`,
          formatObserved(g),
          formatThreshold(g),
        ]),
      ),
    ),
    ...(faultPhasesNote(s) ? ['', faultPhasesNote(s) as string] : []),
  ];
}

function renderReconciliation(s: Summary): string[] {
  const r = s.reconciliation;
  if (!r) return ['', '## Reconciliation', '', 'Not available: no ledger stats from the mock Graph API.'];
  return [
    '',
    '## Reconciliation (run record × mock ledger)',
    '',
    `- Acknowledged inbound messages: ${r.ackedMessages}${r.estimate ? ' (the engine reported a count only: lost is an **estimate**)' : ''}`,
    `- Answered: ${r.withReply}; **lost: ${r.lost}**${lostDifference(s)}; rejected by Graph (do-not-retry error), not lost: ${r.rejectedNotLost}`,
    `- Duplicate replies: **${r.duplicateReplies.genuine} genuine** (messages affected: ${r.duplicateReplyMessages.genuine}), ${r.duplicateReplies.ambiguous} ambiguous (after-commit faults, not failing)`,
    `- Duplicate read receipts: **${r.duplicateReads.genuine} genuine**, ${r.duplicateReads.ambiguous} ambiguous`,
    `- Side effects for unacknowledged deliveries: ${r.unacked.replies} replies to ${r.unacked.messages} messages`,
    ...(r.examples.lost.length
      ? [`- Lost examples (seq/part): ${r.examples.lost.map(([q, p]) => `${q}/${p}`).join(', ')}`]
      : []),
    ...(r.examples.duplicates.length
      ? [`- Duplicate examples (seq/part): ${r.examples.duplicates.map(([q, p]) => `${q}/${p}`).join(', ')}`]
      : []),
    ...(s.lateCopies ? [`- Dedupe horizon: ${s.lateCopies.text}`] : []),
  ];
}

function renderOutcomes(s: Summary): string[] {
  const c = s.counters;
  const e = s.errors;
  return [
    '',
    '## Webhook outcomes',
    '',
    row([
      'Attempts',
      '2xx',
      '4xx (errors)',
      '5xx',
      'Timeouts',
      'Connection errors',
      'Dropped (harness)',
      'Redeliveries',
      'Duplicates sent',
      'Forged sent / rejected / accepted',
    ]),
    row(Array.from({ length: 10 }, () => '---:')),
    row(
      [
        c.sent,
        c.status2xx,
        e.status4xx,
        c.status5xx,
        c.timeouts,
        c.connectionErrors,
        c.dropped,
        c.redeliveries,
        c.duplicatesSent,
      ]
        .map(String)
        .concat(`${c.forgedSent} / ${c.forgedRejected} / ${c.forgedAccepted}`),
    ),
    ...(c.dropped
      ? [
          '',
          `> ${c.dropped} deliveries were ${droppedByK6(s.engine.name) ? K6_DROPPED : 'dropped by the harness (maxInFlight reached)'}: a harness-side limit, not a target error.`,
        ]
      : []),
  ];
}

function renderInfo(s: Summary): string[] {
  return [
    '',
    "## Meta's guidance (information, not a gate)",
    '',
    ...s.info.map((i) =>
      `- ${i.title} ${i.guidance}: ${i.observed} ${i.meets === null ? '' : i.meets ? '✅' : '⚠️'}`.trimEnd(),
    ),
  ];
}

function renderBaseline(s: Summary): string[] {
  const b = s.baseline;
  if (!b) return [];
  const icon = { ok: '✅', regressed: '❌', 'not-comparable': '➖', info: 'ℹ️' } as const;
  const value = (v: number | null, unit: string): string =>
    v === null ? '–' : unit === 'ms' ? formatMs(v) : unit === '%' ? `${v.toFixed(2)} %` : formatRate(v);
  return [
    '',
    `## Baseline comparison (run ${b.runId}, ${b.startedAt}; tolerances p99 +${b.tolerances.p99Pct} %, rate −${b.tolerances.ratePct} %)`,
    '',
    row(['Metric', 'Baseline', 'This run', 'Change', 'Verdict']),
    row(['---', '---:', '---:', '---:', '---']),
    ...b.metrics.map((m) =>
      row([
        m.title,
        value(m.baseline, m.unit),
        value(m.current, m.unit),
        formatChange(m.changePct),
        `${icon[m.verdict]} ${m.verdict}`,
      ]),
    ),
  ];
}

/** The pasteable block for a launch-readiness checklist: plain text, one fact per line. */
export function renderChecklist(s: Summary): string[] {
  const gate = (id: string): GateResult | undefined => s.gates.find((g) => g.id === id);
  const line = (label: string, g: GateResult | undefined): string =>
    g
      ? `${label}: ${formatObserved(g)}${g.source === 'estimate' ? ' (estimate)' : ''} (gate ${formatThreshold(g)}: ${formatVerdict(g)})`
      : `${label}: –`;
  return [
    `Load test: scenario ${s.scenario}, run ${s.runId}, engine ${s.engine.name} ${s.engine.version}`,
    `When: ${s.startedAt} → ${s.endedAt} (${formatDuration(s.durationS)})`,
    `Load: ${describeLoad(s.load)}`,
    ...(s.loadDelivery ? [`Plan: ${describePlan(s.loadDelivery)}`] : []),
    line('Webhook ack p99', gate('ack-p99')),
    line('Error rate', gate('error-rate')),
    line('Dedupe overhead p99', gate('dedupe-p99')),
    line('Webhook → reply p99', gate('reply-p99')),
    `Lost / duplicated: ${formatObserved(gate('lost')!)} / ${formatObserved(gate('duplicates')!)}`,
    `Verdict: ${RUN_VERDICT_LABEL[s.verdict]} (exit ${s.exitCode})`,
  ];
}

function whyFailed(s: Summary): string[] {
  const reasons = failureReasons(s);
  return reasons.length ? ['**Why it failed:**', '', ...reasons.map((r) => `- ${r.replace(/\|/g, '\\|')}`), ''] : [];
}

/** report.md: GitHub-flavoured Markdown sized for $GITHUB_STEP_SUMMARY. Pure. */
export function renderMarkdown(s: Summary): string {
  const lines = [
    `# ${ICON[s.verdict]} Load test ${RUN_VERDICT_LABEL[s.verdict]}: \`${s.scenario}\` (run ${s.runId})`,
    '',
    ...(s.status === 'aborted'
      ? [
          `> [!WARNING]`,
          `> **Run aborted**: ${s.abortReason ?? 'no reason recorded'}. Gates are marked incomplete; the figures cover the part that ran.`,
          '',
        ]
      : []),
    ...(s.verdict === 'load-not-delivered' && s.loadDelivery
      ? [
          `> [!WARNING]`,
          `> **Load not delivered**: ${s.loadDelivery.text}. ${describePlan(s.loadDelivery)}; ${describeGatesUnderShortfall(s.loadDelivery)}.`,
          '',
        ]
      : []),
    ...whyFailed(s),
    row(['Started', 'Duration', 'Engine', 'Target rate', 'Achieved rate', 'Exit code']),
    row(['---', '---', '---', '---:', '---:', '---:']),
    row([
      s.startedAt,
      formatDuration(s.durationS),
      `${s.engine.name} ${s.engine.version} ×${s.engine.instances}`,
      formatRate(s.load.targetRate),
      formatRate(s.load.achievedRate),
      String(s.exitCode),
    ]),
    '',
    ...renderGates(s),
    ...renderPhases(s),
    ...renderDependencyMarkdown(s),
    ...renderInfo(s),
    ...renderReconciliation(s),
    ...renderOutcomes(s),
    ...renderBaseline(s),
    ...(s.supervised
      ? [
          '',
          '## Supervised target',
          '',
          ...describeSupervised(s.supervised).map((l) => (l.startsWith('  ') ? `  - ${l.trim()}` : `- ${l}`)),
        ]
      : []),
    '',
    '## Readiness checklist',
    '',
    '```text',
    ...renderChecklist(s),
    '```',
    '',
  ];
  return lines.join('\n');
}
