import { describe, expect, it } from 'vitest';
import { gatesSchema } from '../../common/contracts/index.ts';
import { buildSummary } from '../judge/build-summary.ts';
import { buildLedgerStats, buildRunRecord } from '../../test/helpers/reports/test-builders.ts';
import { renderHtml } from './render-html.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderTerminal } from './render-terminal.ts';

const HEADLINE =
  'load not delivered: the load generator fell short — 20 of 1020 planned deliveries dropped or never started (1.96 %); the target was not judged on the planned load';

function summaryOf(counters: { planned: number; dropped: number; unstarted: number }) {
  return buildSummary({
    runRecords: [buildRunRecord({ engine: { name: 'k6', version: 'v1.3.0' }, counters })],
    ledgers: [buildLedgerStats()],
    gates: gatesSchema.parse({}),
  });
}

describe('every renderer shows load not delivered as the headline, and the plan identity', () => {
  const short = summaryOf({ planned: 1020, dropped: 0, unstarted: 20 });
  const delivered = summaryOf({ planned: 1002, dropped: 2, unstarted: 0 });

  it('terminal: the headline verdict, the reason, the identity and exit 3', () => {
    const text = renderTerminal(short, { color: false });
    expect(text.split('\n')[0]).toMatch(/^LOAD NOT DELIVERED {2}smoke/);
    expect(text).toContain(
      `LOAD NOT DELIVERED: ${HEADLINE}; the gates below all pass, but they judged less load than planned.`,
    );
    expect(text).toContain('plan: 1020 planned = 1000 started + 0 dropped + 20 never started');
    expect(text).toMatch(/exit code 3$/);
    const ok = renderTerminal(delivered, { color: false });
    expect(ok.split('\n')[0]).toMatch(/^PASS/);
    expect(ok).toContain('plan: 1002 planned = 1000 started + 2 dropped + 0 never started');
    expect(ok).not.toContain('LOAD NOT DELIVERED');
  });

  it('says when k6 started one iteration beyond the plan (v1.3 at t = duration) instead of an equation that does not add up', () => {
    // Observed on real k6 v1.3.0: smoke at 5/s for 6 s planned 30 and started 31.
    const over = summaryOf({ planned: 999, dropped: 0, unstarted: 0 }); // the builder's record started 1000
    const text = renderTerminal(over, { color: false });
    expect(text).toContain(
      'plan: 999 planned; 1000 started (1 beyond the plan, at its end) + 0 dropped + 0 never started',
    );
    expect(text.split('\n')[0]).toMatch(/^PASS/);
  });

  it('Markdown: the title, a warning with the reason, and the identity', () => {
    const md = renderMarkdown(short);
    expect(md.split('\n')[0]).toBe('# ⚠️ Load test LOAD NOT DELIVERED: `smoke` (run a1b2c3d4e5f6)');
    expect(md).toContain(`> **Load not delivered**: ${HEADLINE}.`);
    expect(md).toContain('Plan: 1020 planned = 1000 started + 0 dropped + 20 never started');
    expect(md).toContain('Verdict: LOAD NOT DELIVERED (exit 3)');
  });

  it('JUnit: an error test case for the load, gates still as judged', () => {
    const xml = renderJunit(short);
    expect(xml).toContain('<testsuite name="wa-loadtest.smoke.load" tests="1" failures="0" errors="1"');
    expect(xml).toContain('type="LoadNotDelivered"');
    expect(xml).toContain('<testcase classname="wa-loadtest.smoke.gates" name="ack-p99"');
    expect(renderJunit(delivered)).toMatch(
      /<testcase classname="wa-loadtest.smoke.load" name="load-delivered" time="0">\s*<system-out>/,
    );
  });

  it('HTML: the badge and a banner with the reason', () => {
    const html = renderHtml(short);
    expect(html).toContain('<span class="badge load-not-delivered">LOAD NOT DELIVERED</span>');
    expect(html).toContain('role="alert">Load not delivered: the load generator fell short');
    expect(html).toContain('1020 planned = 1000 started + 0 dropped + 20 never started');
  });
});
