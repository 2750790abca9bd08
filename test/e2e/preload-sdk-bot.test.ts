import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerStatsSchema } from '../../common/contracts/index.ts';
import { runLoadtestCli, spawnPreloaded, type PreloadedTarget } from '../helpers/preload-target.ts';

// README "Testing your connector", step 3, as a user runs it: a bot on a public npm WhatsApp SDK
// (@great-detail/whatsapp, fetch through ky) that calls graph.facebook.com itself, started with the
// mock's preload, then the real loadtest CLI with --mock-url at the preload's admin URL.

const BOT = 'targets/examples/sdk-bot/bot.mjs';
const secrets = {
  appSecret: randomBytes(12).toString('hex'),
  verifyToken: randomBytes(8).toString('hex'),
  accessToken: `EAAG${randomBytes(10).toString('hex')}`,
};
let bot: PreloadedTarget | undefined;

async function startBot(defect: 'none' | 'no-dedupe'): Promise<{ targetUrl: string; adminUrl: string }> {
  bot = spawnPreloaded(BOT, {
    PORT: '0',
    WHATSAPP_APP_SECRET: secrets.appSecret,
    WHATSAPP_VERIFY_TOKEN: secrets.verifyToken,
    WHATSAPP_ACCESS_TOKEN: secrets.accessToken,
    EXAMPLE_DEFECT: defect,
    WA_MOCK_ADMIN_PORT: '0',
    WA_MOCK_CONFIG: JSON.stringify({ accessToken: secrets.accessToken }),
  });
  return { adminUrl: await bot.adminUrl, targetUrl: await bot.listening };
}

async function loadtest(targetUrl: string, adminUrl: string | undefined, extra: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'wa-preload-sdk-'));
  const result = await runLoadtestCli(
    ['--target', targetUrl, ...(adminUrl ? ['--mock-url', adminUrl] : []), '--engine', 'node', '--out', out, ...extra],
    {
      WA_APP_SECRET: secrets.appSecret,
      WA_VERIFY_TOKEN: secrets.verifyToken,
    },
  );
  const runs = readdirSync(out);
  expect(runs, result.stderr).toHaveLength(1);
  const dir = join(out, runs[0] as string);
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
    runId: string;
    counters: { inboundMessagesAcked: number; duplicatesSent: number };
    reconciliation: { ackedMessages: number; withReply: number; lost: number; duplicateReplies: { genuine: number } };
    gates: { id: string; verdict: string; observed: number | null }[];
  };
  return { ...result, dir, summary, gate: (id: string) => summary.gates.find((g) => g.id === id) };
}

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('a README-style SDK bot under the msw preload', () => {
  it('passes smoke with every acknowledged message answered once, judged on the ledger inside the bot', async () => {
    const { targetUrl, adminUrl } = await startBot('none');
    expect(new URL(adminUrl).hostname).toBe('127.0.0.1');
    const run = await loadtest(targetUrl, adminUrl, ['--scenario', 'smoke', '--duration', '6']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/PASS\s+smoke/);
    const { reconciliation, counters } = run.summary;
    expect(counters.inboundMessagesAcked).toBeGreaterThan(0);
    expect(reconciliation).toMatchObject({
      ackedMessages: counters.inboundMessagesAcked,
      withReply: counters.inboundMessagesAcked,
      lost: 0,
    });
    // The ledger loadtest judged is the preload's: the bot's own simulator holds this run's replies.
    const stats = ledgerStatsSchema.parse(await (await fetch(`${adminUrl}/__admin/stats`)).json());
    expect(stats.runs.map((r) => r.runId)).toContain(run.summary.runId);
    expect(stats.committedByType.text).toBe(counters.inboundMessagesAcked);
    const everything =
      run.stdout +
      run.stderr +
      bot!.output().stderr +
      readdirSync(run.dir)
        .map((f) => readFileSync(join(run.dir, f), 'utf8'))
        .join('');
    for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret);
  }, 120_000);

  it.each([
    ['none', 0, 'pass'],
    ['no-dedupe', 99, 'fail'],
  ] as const)(
    'under dedupe-storm, the bot with defect %s exits %i with the duplicates gate %s',
    async (defect, exitCode, verdict) => {
      const { targetUrl, adminUrl } = await startBot(defect);
      const run = await loadtest(targetUrl, adminUrl, [
        '--scenario',
        'dedupe-storm',
        '--duration',
        '5',
        '--rate',
        '10',
      ]);
      expect(run.code, run.stderr + run.stdout).toBe(exitCode);
      expect(run.summary.counters.duplicatesSent).toBeGreaterThan(0);
      expect(run.gate('duplicates')?.verdict).toBe(verdict);
      expect(run.gate('lost')?.verdict).toBe('pass');
      if (defect === 'no-dedupe') expect(run.summary.reconciliation.duplicateReplies.genuine).toBeGreaterThan(0);
    },
    120_000,
  );

  it('without --mock-url, says the bot never called the mock loadtest started and how to pass the preload admin URL', async () => {
    const { targetUrl } = await startBot('none');
    const run = await loadtest(targetUrl, undefined, ['--scenario', 'smoke', '--duration', '3']);
    expect(run.code).toBe(99);
    expect(run.gate('lost')?.verdict).toBe('fail');
    expect(run.stderr).toMatch(
      /the target acknowledged \d+ messages but sent no request at all to the mock Graph API at http:\/\/127\.0\.0\.1:\d+, so they count as lost/,
    );
    expect(run.stderr).toContain('WA_MOCK_ADMIN_PORT=0 and pass --mock-url');
  }, 120_000);
});
