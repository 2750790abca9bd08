import { GATE_TITLES } from './gate-result.ts';
import {
  GATE_FIELD,
  LOAD_DELIVERY_RULE,
  MODEL_GATES,
  PHASE_KIND_MEANING,
  PHASE_KIND_TITLES,
  PHASE_KINDS,
  VERDICT_MODEL,
  type ThresholdRule,
} from './verdict-model.ts';

/** The markers around the generated part of docs/verdicts.md. */
export const VERDICT_DOC_BEGIN = '<!-- verdict-model:begin (generated from reports/judge/verdict-model.ts) -->';
export const VERDICT_DOC_END = '<!-- verdict-model:end -->';

const describeThreshold = (rule: ThresholdRule, field: string): string =>
  rule === 'not-judged'
    ? 'not judged'
    : rule === 'gate'
      ? `gates.${field}`
      : `gates.${field} + the phase's Redis round trip p99 (wire)`;

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The verdict model as Markdown: the load-delivered rule, the kinds of phase, then one table per gate. Pure. */
export function renderVerdictModelMarkdown(): string {
  const rule = LOAD_DELIVERY_RULE;
  const lines: string[] = [
    '### Load delivered (before any gate)',
    '',
    '| rule | population | why |',
    '|---|---|---|',
    `| dropped + unstarted ≤ ${rule.maxShortfall * 100} % of planned (planned > 0), else exit ${rule.exitCode}: load not delivered | ${cell(rule.population)} | ${cell(rule.why)} |`,
    '',
    '### Kinds of phase',
    '',
    '| kind | what it is |',
    '|---|---|',
  ];
  for (const kind of PHASE_KINDS) lines.push(`| ${PHASE_KIND_TITLES[kind]} | ${PHASE_KIND_MEANING[kind]} |`);
  for (const gate of MODEL_GATES) {
    lines.push(
      '',
      `### \`${gate}\`: ${GATE_TITLES[gate]}`,
      '',
      '| phase | threshold | population | why a correct connector can promise it |',
      '|---|---|---|---|',
    );
    for (const kind of PHASE_KINDS) {
      const c = VERDICT_MODEL[gate][kind];
      lines.push(
        `| ${PHASE_KIND_TITLES[kind]} | ${describeThreshold(c.threshold, GATE_FIELD[gate])} | ${cell(c.population)} | ${cell(c.why)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** The generated section of a verdicts document, or undefined when its markers are missing. */
export function extractVerdictSection(doc: string): string | undefined {
  const from = doc.indexOf(VERDICT_DOC_BEGIN);
  const to = doc.indexOf(VERDICT_DOC_END);
  if (from < 0 || to < from) return undefined;
  return doc.slice(from + VERDICT_DOC_BEGIN.length, to).trim();
}

/** `doc` with its generated section replaced by the current model. */
export function updateVerdictSection(doc: string): string {
  const from = doc.indexOf(VERDICT_DOC_BEGIN);
  const to = doc.indexOf(VERDICT_DOC_END);
  if (from < 0 || to < from) return doc;
  return `${doc.slice(0, from + VERDICT_DOC_BEGIN.length)}\n\n${renderVerdictModelMarkdown()}\n\n${doc.slice(to)}`;
}
