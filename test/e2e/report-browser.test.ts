import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../reports/index.ts';
import { buildRichSummary } from '../helpers/reports/render-support.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '../..', 'test-artifacts');

describe('report.html in headless Chromium', () => {
  let browser: Browser | undefined;
  const profile = mkdtempSync(join(tmpdir(), 'report-chromium-'));
  const page = join(profile, 'report.html');

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install chromium\` (CI installs it).`);
    writeFileSync(page, renderHtml(buildRichSummary()));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('renders every chart offline, without errors, and keeps a screenshot', async () => {
    const context = await browser!.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
    const tab = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    tab.on(
      'console',
      (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console ${m.type()}: ${m.text()}`),
    );
    tab.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    tab.on('request', (r) => r.url() !== pathToFileURL(page).href && requests.push(r.url()));
    await tab.goto(pathToFileURL(page).href);

    const charts = await tab.$$eval('figure.chart', (figs) =>
      figs.map((f) => {
        const paths = [...f.querySelectorAll('path')];
        const box = f.querySelector('svg')!.getBoundingClientRect();
        return {
          id: f.id,
          points: Math.max(...paths.map((p) => (p.getAttribute('d') ?? '').split('L').length)),
          drawnLength: paths.reduce((n, p) => n + p.getTotalLength(), 0),
          phases: f.querySelectorAll('rect.phase').length,
          width: box.width,
          height: box.height,
        };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual([
      'chart-latency',
      'chart-rate',
      'chart-outcomes',
      'chart-reply',
      'chart-faults',
    ]);
    for (const c of charts) {
      expect(c.points, c.id).toBeGreaterThanOrEqual(60);
      expect(c.drawnLength, c.id).toBeGreaterThan(500);
      expect(c.phases, c.id).toBe(3);
      expect(c.width, c.id).toBeGreaterThan(600);
      expect(c.height, c.id).toBeGreaterThan(100);
    }
    expect(await tab.locator('table.gates tbody tr').count()).toBe(8);
    expect(await tab.locator('table.gates .v-fail').count()).toBe(5);

    // The ledger's charts draw what the summary holds: the storm's replies and faults, not a flat line.
    const series = await tab.$$eval('#chart-reply path.line, #chart-faults path.line', (paths) =>
      paths.map((p) => {
        const ys = (p.getAttribute('d') ?? '')
          .slice(1)
          .split('L')
          .map((xy) => Number(xy.split(',')[1]));
        return {
          chart: p.closest('figure')!.id,
          name: p.dataset.series,
          points: ys.length,
          distinctYs: new Set(ys).size,
        };
      }),
    );
    expect(series.map((s) => `${s.chart}/${s.name}`)).toEqual([
      'chart-reply/p50',
      'chart-reply/p99',
      'chart-faults/429 rate limit',
      'chart-faults/5xx',
      'chart-faults/timeout',
    ]);
    for (const s of series) expect(s.distinctYs, `${s.chart}/${s.name}`).toBeGreaterThan(1);
    const faults = tab.locator('#chart-faults svg');
    await faults.scrollIntoViewIfNeeded();
    const faultBox = (await faults.boundingBox())!;
    await tab.mouse.move(faultBox.x + faultBox.width * 0.45, faultBox.y + faultBox.height * 0.5);
    await expect
      .poll(() => tab.locator('#chart-faults .tip').textContent())
      .toMatch(/^t = (2\d|3\d) s\n429 rate limit: 3\d\/s\n5xx: \d\/s\ntimeout: [01]\/s$/);
    await tab.mouse.move(0, 0);

    const svg = tab.locator('#chart-latency svg');
    await svg.scrollIntoViewIfNeeded();
    const box = (await svg.boundingBox())!;
    await tab.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await expect
      .poll(() => tab.locator('#chart-latency .tip').textContent())
      .toMatch(/^t = \d+ s\np50: [\d.]+ ms\np90: [\d.]+ ms\np99: [\d.]+ ms$/);
    await tab.mouse.move(0, 0);
    await expect.poll(() => tab.locator('#chart-latency .tip').isHidden()).toBe(true);

    mkdirSync(ARTIFACTS, { recursive: true });
    await tab.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await context.close();
  });
});
