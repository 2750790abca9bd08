import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioDefinition } from '../../scenarios/definitions/index.ts';
import { parseLoadtestFlags, resolveLoadtest, runLoadtest } from '../../scripts/loadtest/index.ts';
import {
  createHarnessMetrics,
  HARNESS_METRICS,
  startMetricsServer,
} from '../../scripts/loadtest/live/metrics/index.ts';

const root = join(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'metrics-export-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('startMetricsServer', () => {
  it('serves the registry on 127.0.0.1 at /metrics and nothing else', async () => {
    const metrics = createHarnessMetrics({ runId: 'a1b2c3d4e5f6', scenario: 'smoke' });
    metrics.update({
      elapsedS: 1,
      durationS: 10,
      targetRate: 5,
      achievedRate: 5,
      sent: 7,
      errors: 0,
      dropped: 0,
      p99Ms: 12,
    });
    const server = await startMetricsServer(metrics.registry, 0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const res = await fetch(server.url);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(await res.text()).toContain('wa_loadtest_sent_total{run_id="a1b2c3d4e5f6",scenario="smoke"} 7');
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('refuses a busy port with an infrastructure error naming --metrics-port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startMetricsServer(createHarnessMetrics({ runId: 'a1b2c3d4e5f6', scenario: 'x' }).registry, port),
      ).rejects.toMatchObject({
        exitCode: 3,
        message: expect.stringContaining('--metrics-port'),
      });
    } finally {
      blocker.close();
    }
  });
});

describe('loadtest --metrics-port', () => {
  it('serves live harness metrics of the running Node engine and stops serving when the run ends', async () => {
    const lines: string[] = [];
    const scrapes: string[] = [];
    let url: string | undefined;
    const stderr = {
      write(text: string) {
        lines.push(text);
        url ??= /live metrics at (\S+)/.exec(text)?.[1];
        return true;
      },
    };
    const config = resolveLoadtest({
      flags: parseLoadtestFlags([
        '--scenario',
        'smoke',
        '--engine',
        'node',
        '--duration',
        '3',
        '--metrics-port',
        '0',
        '--out',
        out,
      ]),
      env: {},
      loadDefinition: loadScenarioDefinition,
    });
    const poll = setInterval(() => {
      if (url)
        void fetch(url)
          .then((r) => r.text())
          .then(
            (t) => scrapes.push(t),
            () => {},
          );
    }, 500);
    try {
      const result = await runLoadtest(config, {
        stdout: { write: () => true },
        stderr,
        signal: new AbortController().signal,
        scriptsDir: join(root, 'scripts'),
        printSummary: false,
      });
      expect(result.exitCode, lines.join('')).toBe(0);
    } finally {
      clearInterval(poll);
    }
    const runId = /run ([0-9a-f]{12})/.exec(lines.join(''))?.[1];
    const last = scrapes.at(-1) ?? '';
    const sent = Number(
      new RegExp(`${HARNESS_METRICS.sent}\\{run_id="${runId}",scenario="smoke"\\} (\\d+)`).exec(last)?.[1],
    );
    expect(sent).toBeGreaterThan(0);
    expect(last).toContain(`${HARNESS_METRICS.targetRate}{run_id="${runId}",scenario="smoke"} 5`);
    await expect(fetch(url as string)).rejects.toThrow();
  }, 20_000);
});
