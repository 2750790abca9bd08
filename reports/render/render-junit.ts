import { formatObserved, formatThreshold } from './format.ts';
import type { GateResult, Summary } from '../schema/summary-schema.ts';
import { describePlan } from './load-line.ts';

/** Escapes text for XML attributes and content; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

interface Case {
  classname: string;
  name: string;
  outcome: { kind: 'pass' } | { kind: 'failure' | 'error' | 'skipped'; type: string; message: string; detail: string };
  stdout: string;
}

function caseForGate(classname: string, g: GateResult): Case {
  const detail =
    `${g.title}: observed ${formatObserved(g)}, threshold ${formatThreshold(g)}, source ${g.source}. ${g.note}`.trim();
  const name = g.id;
  switch (g.verdict) {
    case 'pass':
      return { classname, name, outcome: { kind: 'pass' }, stdout: detail };
    case 'fail':
      return {
        classname,
        name,
        outcome: {
          kind: 'failure',
          type: 'GateFailed',
          message: `${g.title} ${formatObserved(g)} does not meet ${formatThreshold(g)}`,
          detail,
        },
        stdout: '',
      };
    case 'not-measured':
      return g.allowedNotMeasured
        ? {
            classname,
            name,
            outcome: { kind: 'skipped', type: 'NotMeasured', message: `${g.title} not measured (allowed)`, detail },
            stdout: '',
          }
        : {
            classname,
            name,
            outcome: { kind: 'failure', type: 'NotMeasured', message: `${g.title} could not be measured`, detail },
            stdout: '',
          };
    case 'incomplete':
      return {
        classname,
        name,
        outcome: { kind: 'error', type: 'RunAborted', message: `${g.title}: run aborted, verdict incomplete`, detail },
        stdout: '',
      };
  }
}

/** The load-delivered rule as one test case: an error (not a gate failure) when the load generator fell short. */
function caseForLoad(classname: string, d: NonNullable<Summary['loadDelivery']>): Case {
  const detail = `${describePlan(d)}. ${d.text}.`;
  return d.delivered
    ? { classname, name: 'load-delivered', outcome: { kind: 'pass' }, stdout: detail }
    : {
        classname,
        name: 'load-delivered',
        outcome: { kind: 'error', type: 'LoadNotDelivered', message: d.text, detail },
        stdout: '',
      };
}

function renderCase(c: Case): string {
  const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="0"`;
  const o = c.outcome;
  if (o.kind === 'pass') return `${open}>\n      <system-out>${escapeXml(c.stdout)}</system-out>\n    </testcase>`;
  if (o.kind === 'skipped') return `${open}>\n      <skipped message="${escapeXml(o.message)}"/>\n    </testcase>`;
  return `${open}>\n      <${o.kind} message="${escapeXml(o.message)}" type="${o.type}">${escapeXml(o.detail)}</${o.kind}>\n    </testcase>`;
}

function renderSuite(name: string, cases: readonly Case[], s: Summary): string {
  const count = (kind: string): number => cases.filter((c) => c.outcome.kind === kind).length;
  return [
    `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${s.durationS.toFixed(3)}" timestamp="${escapeXml(s.startedAt.replace(/Z$/, ''))}">`,
    ...cases.map(renderCase),
    '  </testsuite>',
  ].join('\n');
}

/**
 * junit.xml in the shape Jenkins, GitLab and GitHub test reporters read: one testsuite for the
 * run's gates, one per chaos phase, one for the baseline; one testcase per gate. Pure.
 */
export function renderJunit(s: Summary): string {
  const prefix = `wa-loadtest.${s.scenario}`;
  const suites: { name: string; cases: Case[] }[] = [
    { name: `${prefix}.gates`, cases: s.gates.map((g) => caseForGate(`${prefix}.gates`, g)) },
  ];
  if (s.loadDelivery) suites.push({ name: `${prefix}.load`, cases: [caseForLoad(`${prefix}.load`, s.loadDelivery)] });
  for (const p of s.phaseGates) {
    const classname = `${prefix}.phase.${p.phase}`;
    suites.push({ name: classname, cases: p.gates.map((g) => caseForGate(classname, g)) });
  }
  if (s.baseline) {
    const classname = `${prefix}.baseline`;
    suites.push({
      name: classname,
      cases: s.baseline.metrics.map((m) => {
        const detail = `${m.title}: baseline ${m.baseline ?? '–'}, this run ${m.current ?? '–'} ${m.unit}, change ${m.changePct ?? '–'} %.`;
        return m.verdict === 'regressed'
          ? {
              classname,
              name: m.id,
              outcome: {
                kind: 'failure',
                type: 'BaselineRegression',
                message: `${m.title} regressed ${m.changePct} % against run ${s.baseline!.runId}`,
                detail,
              },
              stdout: '',
            }
          : { classname, name: m.id, outcome: { kind: 'pass' }, stdout: detail };
      }),
    });
  }
  const all = suites.flatMap((x) => x.cases);
  const count = (kind: string): number => all.filter((c) => c.outcome.kind === kind).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(`wa-loadtest ${s.scenario} ${s.runId}`)}" tests="${all.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${s.durationS.toFixed(3)}">`,
    ...suites.map((x) => renderSuite(x.name, x.cases, s)),
    '</testsuites>',
    '',
  ].join('\n');
}
