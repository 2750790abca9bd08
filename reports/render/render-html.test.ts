import { describe, expect, it } from 'vitest';
import { buildRichSummary } from '../../test/helpers/reports/render-support.ts';
import { renderHtml } from './render-html.ts';

describe('renderHtml', () => {
  it('renders a snapshot of a failing run', async () => {
    await expect(renderHtml(buildRichSummary())).toMatchFileSnapshot('__snapshots__/report.html');
  });

  it('references nothing outside the file', () => {
    const html = renderHtml(buildRichSummary());
    expect(html).not.toMatch(/\b(?:src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('draws five charts with a point per timeline second and shaded chaos phases', () => {
    const s = buildRichSummary();
    const html = renderHtml(s);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(5);
    const p99 = /<path class="line" data-series="p99"[^>]* d="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(p99.split('L')).toHaveLength(s.timeline.points.length);
    expect(html.match(/<rect class="phase"/g)).toHaveLength(5 * s.phases.length);
  });

  it('draws the webhook→reply and faults charts from the ledger series, and leaves them out for a ledger without them', () => {
    const s = buildRichSummary();
    const html = renderHtml(s);
    const replyP99 =
      /<figure class="chart" id="chart-reply".*?data-series="p99"[^>]* d="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(replyP99.split('L')).toHaveLength(s.replyTimeline!.points.length);
    expect(html).toMatch(/id="chart-faults".*data-series="429 rate limit"/);
    const { replyTimeline, faultTimeline, ...older } = s;
    expect(replyTimeline && faultTimeline).toBeTruthy();
    const old = renderHtml(older);
    expect(old.match(/<figure class="chart"/g)).toHaveLength(3);
    expect(old).not.toContain('chart-reply');
  });

  it('draws a flat "no faults injected" line when the ledger counted no fault', () => {
    const s = buildRichSummary();
    const html = renderHtml({
      ...s,
      faultTimeline: {
        resolutionS: 1,
        kinds: [],
        points: [
          { t: 0, perS: {} },
          { t: 1, perS: {} },
        ],
      },
    });
    expect(html).toMatch(/id="chart-faults".*data-series="no faults injected"/);
  });

  it('shows an aborted banner for an aborted run', () => {
    expect(renderHtml(buildRichSummary({ aborted: true }))).toContain(
      '<div class="banner" role="alert">Run aborted: target stopped answering',
    );
    expect(renderHtml(buildRichSummary())).not.toContain('class="banner"');
  });

  it('cannot be broken out of by a phase name', () => {
    const s = buildRichSummary();
    const html = renderHtml({ ...s, phases: [{ name: '</script><script>alert(1)</script>', startS: 0, endS: 5 }] });
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script/g)).toHaveLength(2);
  });
});
