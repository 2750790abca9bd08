import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
/** A PNG's size from its IHDR chunk: proves the screenshot is an image of the page, not an empty file. */
const pngSize = (png: Buffer) => {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};
const CHROMIUM = '/usr/bin/chromium';

describe('loadtest --dashboard in headless Chromium', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install chromium\`.`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opened late, draws the whole run with axes, units and fault phases shaded, updates every second, then ends on the final figures and the report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wa-dashboard-'));
    const shots = mkdtempSync(join(tmpdir(), 'wa-dashboard-shots-'));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'scripts/loadtest.ts'),
        '--scenario',
        'smoke',
        '--duration',
        '12',
        '--engine',
        'node',
        '--chaos',
        'calibration',
        '--dashboard',
        '--out',
        out,
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const hardStop = setTimeout(() => child.kill('SIGKILL'), 100_000);
    try {
      const until = Date.now() + 60_000;
      while (!/live dashboard at (http:\/\/127\.0\.0\.1:\d+\/)/.test(stderr) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 100));
      const url = /live dashboard at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1];
      expect(url, stderr).toBeDefined();

      // Opened late: the page must draw the seconds it missed from /state's history.
      await new Promise((r) => setTimeout(r, 5000));
      const tab = await (await browser!.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
      const external: string[] = [];
      const problems: string[] = [];
      tab.on('request', (r) => !r.url().startsWith(url!) && external.push(r.url()));
      tab.on('pageerror', (e) => problems.push(e.message));
      await tab.goto(url!);
      await tab.waitForFunction(() => Number(document.body.dataset.frames ?? 0) >= 1, undefined, { timeout: 20_000 });
      const first = await tab.evaluate(() => ({ ...document.body.dataset }));
      expect(Number(first.firstElapsedS)).toBeGreaterThanOrEqual(3);
      expect(Number(first.firstPoints)).toBe(Math.floor(Number(first.firstElapsedS)));

      const sentEarly = Number(await tab.textContent('#sent b'));
      await tab.waitForFunction((n) => Number(document.querySelector('#sent b')?.textContent) > n, sentEarly, {
        timeout: 30_000,
      });
      await tab.waitForSelector('#rate-chart rect.phase-fault[data-phase="unavailable"]', { timeout: 20_000 });
      const cards = await tab.$$eval('.card', (els) =>
        Object.fromEntries(els.map((e) => [e.id, e.querySelector('b')!.textContent])),
      );
      expect(cards.rate).toMatch(/^\d+\.\d \/ \d+\.\d$/);
      expect(cards.ack).toMatch(/\d+ ms|\d\.\d\d s/);
      expect(cards.phase).toMatch(/warmup|unavailable|ambiguous/);
      expect(Object.keys(cards)).toEqual([
        'rate',
        'sent',
        'errors',
        'ack',
        'reply',
        'phase',
        'faults',
        'dropped',
        'lost',
      ]);
      const chart = (id: string) =>
        tab.$eval(id, (svg) => ({
          titles: [...svg.querySelectorAll('.axis-title')].map((t) => t.textContent),
          xTicks: [...svg.querySelectorAll('.x-tick')].map((t) => t.textContent),
          yTicks: [...svg.querySelectorAll('.y-tick')].map((t) => t.textContent),
          series: [...svg.querySelectorAll('path.series')].map((p) => [
            p.getAttribute('data-series'),
            p.getAttribute('d'),
          ]),
          points: Number((svg as SVGElement).dataset.points),
        }));
      const rate = await chart('#rate-chart');
      expect(rate.titles).toEqual(['time since the run started (s)', 'msg/s']);
      expect(rate.xTicks[0]).toBe('0 s');
      expect(rate.xTicks.length).toBeGreaterThanOrEqual(3);
      expect(rate.yTicks.length).toBeGreaterThanOrEqual(3);
      expect(rate.series.map(([k]) => k)).toEqual(['targetRate', 'achievedRate']);
      for (const [, d] of rate.series) expect(d).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+$/);
      // the achieved rate is not drawn along the top edge: its y stays below the plot's top (12)
      const ys = rate.series[1]![1]!.split(/[ML]/)
        .filter(Boolean)
        .map((p) => Number(p.split(' ')[1]));
      expect(Math.min(...ys)).toBeGreaterThan(20);
      expect(rate.points).toBeGreaterThanOrEqual(Number(first.firstPoints));
      const latency = await chart('#latency-chart');
      expect(latency.titles).toEqual(['time since the run started (s)', 'p99 (ms)']);
      expect(latency.yTicks.every((t) => / m?s$/.test(t ?? ''))).toBe(true);
      const live = await tab.screenshot({ path: join(shots, 'dashboard-live.png'), fullPage: true });
      expect(pngSize(live).width).toBeGreaterThanOrEqual(1000);

      await tab.waitForSelector('body[data-final="true"]', { timeout: 60_000 });
      const summary = JSON.parse(readFileSync(join(out, readdirSync(out)[0]!, 'summary.json'), 'utf8')) as {
        verdict: string;
        exitCode: number;
        counters: { sent: number };
        gates: { id: string; observed: number | null }[];
      };
      const gate = (id: string) => summary.gates.find((g) => g.id === id)?.observed;
      const finalCards = await tab.$$eval('.card', (els) =>
        Object.fromEntries(
          els.map((e) => [e.id, [e.querySelector('span')!.textContent, e.querySelector('b')!.textContent]]),
        ),
      );
      expect(finalCards.lost).toEqual(['lost (final)', String(gate('lost'))]);
      expect(finalCards.sent).toEqual(['sent', String(summary.counters.sent)]);
      expect(finalCards.reply?.[0]).toBe('webhook→reply p99 (gate)');
      expect(finalCards.phase?.[1]).toBe('ended');
      expect(await tab.textContent('#final')).toContain(`Run finished: ${summary.verdict.toUpperCase()}`);
      await tab.frameLocator('#report').locator('figure.chart').first().waitFor({ timeout: 30_000 });
      expect(await tab.frameLocator('#report').locator('head title').textContent()).toMatch(/smoke/);
      const ended = await tab.screenshot({ path: join(shots, 'dashboard-final.png'), fullPage: true });
      expect(pngSize(ended).height).toBeGreaterThan(pngSize(live).height);
      expect(external).toEqual([]);
      expect(problems).toEqual([]);
      expect(await exited, stderr).toBe(summary.exitCode);
      expect(readdirSync(out)).toHaveLength(1);
    } finally {
      clearTimeout(hardStop);
      child.kill('SIGKILL');
    }
  }, 120_000);
});
