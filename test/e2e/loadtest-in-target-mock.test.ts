import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLoadtestCli } from '../helpers/preload-target.ts';

// README "In-process" + "Supervised targets", as a user runs it: the harness starts the SDK bot
// (@great-detail/whatsapp, which calls graph.facebook.com itself) with --target-cmd and hosts the
// mock inside it (--mock in-target: the msw preload through NODE_OPTIONS), then judges the ledger
// of that in-process mock. No mock of the harness's own, no --mock-url.

const BOT = 'node targets/examples/sdk-bot/bot.mjs';

function runDir(out: string, stderr: string): string {
  const runs = readdirSync(out);
  expect(runs, stderr).toHaveLength(1);
  return join(out, runs[0] as string);
}

async function loadtest(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'wa-in-target-'));
  const result = await runLoadtestCli(['--engine', 'node', '--out', out, ...args], {}, 110_000);
  return { ...result, out };
}

type Summary = {
  counters: { inboundMessagesAcked: number; duplicatesSent: number };
  reconciliation: { ackedMessages: number; withReply: number; lost: number; duplicateReplies: { genuine: number } };
  gates: { id: string; verdict: string }[];
};
const readSummary = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;

describe('loadtest --target-cmd with --mock in-target', () => {
  it('passes smoke on the SDK bot, judged on the ledger of the mock inside it', async () => {
    const run = await loadtest(['--target-cmd', BOT, '--mock', 'in-target', '--scenario', 'smoke', '--duration', '6']);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/PASS\s+smoke/);
    expect(run.stderr).toMatch(/mock Graph API inside the target \(msw preload\) at http:\/\/127\.0\.0\.1:\d+/);
    const dir = runDir(run.out, run.stderr);
    const { counters, reconciliation } = readSummary(dir);
    expect(counters.inboundMessagesAcked).toBeGreaterThan(0);
    expect(reconciliation).toMatchObject({
      ackedMessages: counters.inboundMessagesAcked,
      withReply: counters.inboundMessagesAcked,
      lost: 0,
    });
    // The preload ran inside the bot: its announcement is in the bot's own log.
    expect(readFileSync(join(dir, 'target.log'), 'utf8')).toContain('"event":"mock-admin-listening"');
    // Only the preload's mock was used: the harness started none (nothing else wrote a ledger).
    const ledger = JSON.parse(readFileSync(join(dir, 'ledger-stats.json'), 'utf8')) as {
      committedByType: Record<string, number>;
    };
    expect(ledger.committedByType.text).toBe(counters.inboundMessagesAcked);
  }, 120_000);

  it('fails dedupe-storm with exit 99 on duplicates when the bot does not dedupe', async () => {
    const run = await loadtest([
      '--target-cmd',
      `EXAMPLE_DEFECT=no-dedupe ${BOT}`,
      '--mock',
      'in-target',
      '--scenario',
      'dedupe-storm',
      '--duration',
      '5',
      '--rate',
      '10',
    ]);
    expect(run.code, run.stderr + run.stdout).toBe(99);
    const summary = readSummary(runDir(run.out, run.stderr));
    expect(summary.counters.duplicatesSent).toBeGreaterThan(0);
    expect(summary.gates.find((g) => g.id === 'duplicates')?.verdict).toBe('fail');
    expect(summary.gates.find((g) => g.id === 'lost')?.verdict).toBe('pass');
    expect(summary.reconciliation.duplicateReplies.genuine).toBeGreaterThan(0);
  }, 120_000);

  it('judges the connector, not the Node wrapper that starts it (both load the preload)', async () => {
    // Like `npm start`: a Node process that starts the bot as its child and forwards SIGTERM.
    const wrapper = `node -e "const c=require('child_process').spawn(process.execPath,['targets/examples/sdk-bot/bot.mjs'],{stdio:'inherit'});process.on('SIGTERM',()=>c.kill('SIGTERM'));c.on('exit',(x)=>process.exit(x??1))"`;
    // Two Node processes with the mock loaded in each weigh more than the 200 MB default peak-RSS gate.
    const config = join(mkdtempSync(join(tmpdir(), 'wa-in-target-cfg-')), 'roomy.json');
    writeFileSync(config, JSON.stringify({ scenario: 'smoke', gates: { supervised: { peakRssMb: 600 } } }));
    const run = await loadtest(['--target-cmd', wrapper, '--mock', 'in-target', '--config', config, '--duration', '4']);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const dir = runDir(run.out, run.stderr);
    expect(readFileSync(join(dir, 'target.log'), 'utf8').match(/"event":"mock-admin-listening"/g)).toHaveLength(2);
    const { counters, reconciliation } = readSummary(dir);
    expect(counters.inboundMessagesAcked).toBeGreaterThan(0);
    expect(reconciliation).toMatchObject({ withReply: counters.inboundMessagesAcked, lost: 0 });
  }, 120_000);

  it('exits 3 naming the URL file and the cause when the target never loads the preload', async () => {
    // A Node target that empties NODE_OPTIONS stands for any command the preload cannot reach (Python, Go…).
    const run = await loadtest([
      '--target-cmd',
      'NODE_OPTIONS= node test/helpers/tiny-target.mjs',
      '--mock',
      'in-target',
      '--scenario',
      'smoke',
      '--duration',
      '3',
      '--no-handshake',
    ]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(
      /Could not find the mock inside the target: .*mock-admin-url.* never appeared \(with a loopback URL in it\) within/,
    );
    expect(run.stderr).toContain('NODE_OPTIONS');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it.each([
    [
      ['--target', 'http://127.0.0.1:9'],
      /Could not host the mock in the target: the harness starts no target here.*--target-cmd/,
    ],
    [
      ['--target-cmd', BOT, '--replicas', '2'],
      /Could not host the mock in the target with --replicas 2: each replica would hold its own mock and ledger/,
    ],
    [
      ['--target-cmd', BOT, '--drill', 'restart@3s'],
      /Could not host the mock in the target with --drill restart@3s: .*ledger/,
    ],
    [['--target-cmd', BOT, '--mock-url', 'http://127.0.0.1:9'], /Could not use --mock in-target with --mock-url/],
    [['--target-cmd', BOT, '--mock-port', '8089'], /Could not use --mock in-target with --mock-port/],
    [
      ['--target-cmd', '/usr/bin/python3 targets/examples/fastapi-bot/app.py'],
      /Could not host the mock in the target: "python3" is not Node, and the msw preload gets in only through NODE_OPTIONS/,
    ],
  ])(
    'exits 2 before starting anything for %j',
    async (extra, message) => {
      const run = await loadtest(['--mock', 'in-target', '--scenario', 'smoke', '--duration', '6', ...extra]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(readdirSync(run.out)).toHaveLength(0);
    },
    60_000,
  );

  it('exits 2 with the valid values for an unknown --mock', async () => {
    const run = await loadtest(['--mock', 'inside', '--target-cmd', BOT]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Could not read --mock "inside".*in-target/);
  }, 60_000);
});
