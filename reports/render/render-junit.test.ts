import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildRichSummary } from '../../test/helpers/reports/render-support.ts';
import { escapeXml, renderJunit } from './render-junit.ts';
import type { Summary } from '../schema/summary-schema.ts';

type Node = Record<string, unknown>;
const asArray = (x: unknown): Node[] => (Array.isArray(x) ? x : x === undefined ? [] : [x]) as Node[];

/** Parses junit.xml the way CI test reporters do: attributes, nested suites and cases. */
function parseJunit(xml: string): { root: Node; suites: Node[]; cases: Node[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseAttributeValue: false }).parse(
    xml,
  ) as Node;
  const root = doc.testsuites as Node;
  const suites = asArray(root.testsuite);
  return { root, suites, cases: suites.flatMap((s) => asArray(s.testcase)) };
}

describe('renderJunit', () => {
  it('renders a snapshot of a failing run', async () => {
    await expect(renderJunit(buildRichSummary())).toMatchFileSnapshot('__snapshots__/junit.xml');
  });

  it('has one testcase per gate, per phase gate and per baseline metric, with consistent totals', () => {
    const s = buildRichSummary();
    const { root, suites, cases } = parseJunit(renderJunit(s));
    const expected =
      s.gates.length + s.phaseGates.reduce((n, p) => n + p.gates.length, 0) + (s.baseline?.metrics.length ?? 0);
    expect(cases).toHaveLength(expected);
    expect(Number(root['@tests'])).toBe(expected);
    for (const suite of suites) {
      for (const attr of ['@name', '@tests', '@failures', '@errors', '@skipped', '@time'])
        expect(suite[attr], attr).toBeDefined();
      expect(Number(suite['@tests'])).toBe(asArray(suite.testcase).length);
      expect(Number(suite['@failures'])).toBe(asArray(suite.testcase).filter((c) => c.failure).length);
    }
    for (const c of cases) for (const attr of ['@classname', '@name', '@time']) expect(c[attr], attr).toBeDefined();
    expect(suites.map((x) => x['@name'])).toEqual([
      'wa-loadtest.smoke.gates',
      'wa-loadtest.smoke.phase.calm',
      'wa-loadtest.smoke.phase.429-storm',
      'wa-loadtest.smoke.phase.recovery',
      'wa-loadtest.smoke.baseline',
    ]);
  });

  it('gives a failed gate a failure element with message and type', () => {
    const { cases } = parseJunit(renderJunit(buildRichSummary()));
    const lost = cases.find((c) => c['@classname'] === 'wa-loadtest.smoke.gates' && c['@name'] === 'lost')!;
    expect(lost.failure).toMatchObject({ '@type': 'GateFailed', '@message': 'Lost messages 1 does not meet ≤ 0' });
    const reply = cases.find((c) => c['@classname'] === 'wa-loadtest.smoke.gates' && c['@name'] === 'reply-p99')!;
    expect(reply.failure).toBeUndefined();
  });

  it('reports an aborted run as errors, not passes', () => {
    const { root } = parseJunit(renderJunit(buildRichSummary({ aborted: true })));
    expect(Number(root['@errors'])).toBeGreaterThan(0);
    expect(Number(root['@failures'])).toBe(1); // the baseline regression still counts
  });

  it('marks an allowed unmeasured gate skipped and an unallowed one failed', () => {
    const s = buildRichSummary();
    const gates: Summary['gates'] = s.gates.map((g) =>
      g.id === 'dedupe-p99'
        ? { ...g, verdict: 'not-measured', observed: null, allowedNotMeasured: true }
        : g.id === 'reply-p99'
          ? { ...g, verdict: 'not-measured', observed: null }
          : g,
    );
    const { cases } = parseJunit(renderJunit({ ...s, gates }));
    const find = (name: string) =>
      cases.find((c) => c['@classname'] === 'wa-loadtest.smoke.gates' && c['@name'] === name)!;
    expect(find('dedupe-p99').skipped).toBeDefined();
    expect(find('reply-p99').failure).toMatchObject({ '@type': 'NotMeasured' });
  });

  it('escapes markup in phase names and notes', () => {
    const s = buildRichSummary();
    const phaseGates = [{ ...s.phaseGates[0]!, phase: `<storm> & "quotes" 'too'` }];
    const xml = renderJunit({ ...s, phaseGates, gates: s.gates.map((g) => ({ ...g, note: 'a < b && c > d\u0001' })) });
    const { suites } = parseJunit(xml);
    expect(suites[1]?.['@name']).toBe(`wa-loadtest.smoke.phase.<storm> & "quotes" 'too'`);
    expect(xml).not.toContain('\u0001');
    expect(escapeXml('<a href="x">&\'</a>\u0000')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
});
