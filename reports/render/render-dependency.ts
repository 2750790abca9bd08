import type { PhaseWindow } from '../../common/contracts/index.ts';
import type { DependencySummary } from '../schema/dependency-schema.ts';
import { escapeHtml as e } from './escape-html.ts';
import { formatMs } from './format.ts';
import type { Summary } from '../schema/summary-schema.ts';

const faultList = (faults: Record<string, number>) =>
  Object.entries(faults)
    .map(([kind, n]) => `${kind} ×${n}`)
    .join(', ');

const gateText = (p: DependencySummary['phases'][number]) =>
  p.gates.map((g) => `${g.id} ${g.observed ?? '–'} (≤ ${g.threshold}) ${g.verdict.toUpperCase()}`).join('; ') ||
  'no per-phase verdict';

/** Phases renamed for the charts so the shading also names the Redis faults of each phase. */
export function labelPhasesWithDependency(
  phases: readonly PhaseWindow[],
  dependency: DependencySummary | null,
): PhaseWindow[] {
  if (!dependency) return [...phases];
  return phases.map((p) => {
    const d = dependency.phases.find((x) => x.phase === p.name);
    return d ? { ...p, name: `${p.name} · redis ${Object.keys(d.faults).join('+')}` } : p;
  });
}

function headline(d: DependencySummary): string {
  const wire = d.wireDedupe
    ? `dedupe on the wire p99 ${formatMs(d.wireDedupe.p99Ms)} over ${d.wireDedupe.count} decisions`
    : 'no dedupe command seen on the wire';
  return `Redis ${d.upstream} through the proxy: ${d.commands} commands; ${wire}; TTL ${d.ttl.verdict}.`;
}

/** Markdown lines for the "Dependency faults" section (none without a Redis proxy). */
export function renderDependencyMarkdown(s: Summary): string[] {
  const d = s.dependency;
  if (!d) return [];
  const lines = [
    '## Dependency faults (Redis)',
    '',
    headline(d),
    '',
    `${d.ttl.verdict === 'ok' ? '' : '> [!WARNING]\n> '}Dedupe key TTL: ${d.ttl.note}`,
    '',
  ];
  if (d.phases.length) {
    lines.push(
      '| Phase | Window | Faults | Webhooks 2xx / 5xx / timeouts | Lost | Duplicates | Gates |',
      '| --- | --- | --- | ---: | ---: | ---: | --- |',
    );
    for (const p of d.phases) {
      const w = p.webhooks;
      lines.push(
        `| ${p.phase} | ${p.startS ?? '–'}–${p.endS ?? '–'} s | ${faultList(p.faults)} | ${w.ok} / ${w.status5xx} / ${w.timeouts} | ${p.lost ?? '–'} | ${p.duplicates ?? '–'} | ${gateText(p)} |`,
      );
    }
    lines.push('');
    for (const p of d.phases) lines.push(`- **${p.phase}**: ${p.behaviour.join(' ')}`);
    lines.push('');
  }
  return lines;
}

/** Terminal lines: one per dependency-fault phase. */
export function renderDependencyTerminal(s: Summary, paint: (code: number, text: string) => string): string[] {
  const d = s.dependency;
  if (!d) return [];
  const lines = ['', headline(d)];
  if (d.ttl.verdict !== 'ok') lines.push(paint(33, `TTL: ${d.ttl.note}`));
  for (const p of d.phases) {
    const failing = p.gates.some((g) => g.verdict === 'fail');
    lines.push(
      `redis phase ${p.phase} (${faultList(p.faults)}): ${paint(failing ? 31 : 32, gateText(p))} — ${p.behaviour.join(' ')}`,
    );
  }
  return lines;
}

/** HTML section. */
export function renderDependencyHtml(s: Summary): string {
  const d = s.dependency;
  if (!d) return '';
  const rows = d.phases
    .map(
      (p) =>
        `<tr><td>${e(p.phase)}</td><td>${p.startS ?? '–'}–${p.endS ?? '–'} s</td><td>${e(faultList(p.faults))}</td><td class="num">${p.webhooks.ok} / ${p.webhooks.status5xx} / ${p.webhooks.timeouts}</td><td class="num">${p.lost ?? '–'}</td><td class="num">${p.duplicates ?? '–'}</td><td>${e(gateText(p))}</td><td>${e(p.behaviour.join(' '))}</td></tr>`,
    )
    .join('');
  const table = rows
    ? `<table><thead><tr><th>Phase</th><th>Window</th><th>Faults</th><th>2xx / 5xx / timeouts</th><th>Lost</th><th>Duplicates</th><th>Gates</th><th>What the connector did</th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
  return `<h2>Dependency faults (Redis)</h2><p>${e(headline(d))}</p><p${d.ttl.verdict === 'ok' ? '' : ' class="banner"'}>Dedupe key TTL: ${e(d.ttl.note)}</p>${table}`;
}
