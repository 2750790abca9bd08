import { describe, expect, it } from 'vitest';
import { buildRichSummary } from '../../test/helpers/reports/render-support.ts';
import { renderMarkdown } from './render-markdown.ts';

describe('renderMarkdown', () => {
  it('renders a failing run with phases, reconciliation and a baseline', async () => {
    const md = renderMarkdown(buildRichSummary());
    await expect(md).toMatchFileSnapshot('__snapshots__/report.md');
    expect(md).toContain('❌ Load test FAIL');
    expect(md).toContain('| Lost messages (`lost`) | ❌ FAIL | 1 |');
  });

  it('includes a readiness checklist block with load, p99, error rate, dedupe and verdict', () => {
    const block = renderMarkdown(buildRichSummary()).split('```text\n')[1]!.split('```')[0]!;
    expect(block).toMatch(/^When: 2026-01-15T02:00:00.000Z/m);
    expect(block).toMatch(/^Load: target 100 msg\/s, achieved 99.4 msg\/s first deliveries \(\+ copies/m);
    expect(block).toMatch(/^Webhook ack p99: .* \(gate < 5.00 s: FAIL\)$/m);
    expect(block).toMatch(/^Error rate: 1.41 %/m);
    expect(block).toMatch(/^Dedupe overhead p99: /m);
    expect(block).toMatch(/^Verdict: FAIL \(exit 99\)$/m);
  });

  it('shows an aborted banner for an aborted run', async () => {
    const md = renderMarkdown(buildRichSummary({ aborted: true }));
    await expect(md).toMatchFileSnapshot('__snapshots__/report-aborted.md');
    expect(md).toContain('**Run aborted**: target stopped answering');
    expect(md).toContain('⏸️ incomplete');
  });

  it('stays far below the GitHub step summary limit of 1 MiB', () => {
    expect(Buffer.byteLength(renderMarkdown(buildRichSummary()))).toBeLessThan(64 * 1024);
  });
});
