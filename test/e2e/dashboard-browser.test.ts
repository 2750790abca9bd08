import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
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

  it('updates rate, latency and phase every second on loopback, then ends on the final report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wa-dashboard-'));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'scripts/loadtest.ts'),
        '--scenario',
        'smoke',
        '--duration',
        '8',
        '--engine',
        'node',
        '--chaos',
        'mild',
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

      const tab = await (await browser!.newContext()).newPage();
      const external: string[] = [];
      const problems: string[] = [];
      tab.on('request', (r) => !r.url().startsWith(url!) && external.push(r.url()));
      tab.on('pageerror', (e) => problems.push(e.message));
      await tab.goto(url!);
      await tab.waitForFunction(() => Number(document.body.dataset.frames ?? 0) >= 2, undefined, { timeout: 20_000 });
      const sentEarly = Number(await tab.textContent('#sent b'));
      await tab.waitForFunction((n) => Number(document.querySelector('#sent b')?.textContent) > n, sentEarly, {
        timeout: 30_000,
      });
      const cards = await tab.$$eval('.card', (els) =>
        Object.fromEntries(els.map((e) => [e.id, e.querySelector('b')!.textContent])),
      );
      expect(cards.rate).toMatch(/^\d+\.\d \/ \d+\.\d$/);
      expect(cards.ack).toMatch(/\d+ ms|\d\.\d\d s/);
      expect(cards.phase).toMatch(/healthy|wobble|recovery/);
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

      await tab.waitForURL(/\/report$/, { timeout: 60_000 });
      expect(await tab.title()).toMatch(/smoke/);
      expect(await tab.$$('figure.chart')).not.toHaveLength(0);
      expect(external).toEqual([]);
      expect(problems).toEqual([]);
      expect(await exited, stderr).toBe(0);
      expect(readdirSync(out)).toHaveLength(1);
    } finally {
      clearTimeout(hardStop);
      child.kill('SIGKILL');
    }
  }, 120_000);
});
