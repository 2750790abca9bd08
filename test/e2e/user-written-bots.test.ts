import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onlyRunFolder, runLoadtest } from '../helpers/run-loadtest.ts';

// Issue 24's rules on a bot written as tutorials write it (test/helpers/tutorial-bot.mjs), not
// like the reference connector: it answers with `to` only and dedupes with a Set. Each rule is
// shown both ways: the correct bot passes, the faulty variant fails the gate that watches it.

const BOT = 'node test/helpers/tutorial-bot.mjs';

type Gate = { id: string; verdict: string; observed?: number | null; note?: string };
type Summary = {
  gates: Gate[];
  reconciliation: { ackedMessages: number; withReply: number; lost: number; duplicateReplies: { genuine: number } };
  ledger: { uncorrelated: number };
};

async function loadtest(bot: string, args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'wa-user-bot-'));
  const run = await runLoadtest(['--target-cmd', bot, '--engine', 'node', '--out', out, ...args], {
    hardStopMs: 100_000,
    hardStopSignal: 'SIGINT',
  });
  const summary = JSON.parse(readFileSync(join(onlyRunFolder(out), 'summary.json'), 'utf8')) as Summary;
  const gate = (id: string) => summary.gates.find((g) => g.id === id);
  return { ...run, summary, gate };
}

describe('a tutorial bot that replies with `to` only', () => {
  it('passes smoke: every reply is tied to its message by its sender, with a measured reply p99', async () => {
    const run = await loadtest(BOT, ['--scenario', 'smoke', '--duration', '5']);
    expect(run.code, run.output).toBe(0);
    const { reconciliation, ledger } = run.summary;
    expect(reconciliation.ackedMessages).toBeGreaterThan(0);
    expect(reconciliation.withReply).toBe(reconciliation.ackedMessages);
    expect(ledger.uncorrelated).toBe(0);
    expect(run.gate('reply-p99')).toMatchObject({ verdict: 'pass' });
    expect(run.gate('reply-p99')?.observed).toBeGreaterThan(0);
  }, 110_000);

  it('fails lost when it replies to a number the run never sent from, and the report says so instead of "never sent a reply"', async () => {
    const run = await loadtest(`BOT_REPLY_TO=15550001111 ${BOT}`, ['--scenario', 'smoke', '--duration', '5']);
    expect(run.code, run.output).toBe(99);
    const lost = run.gate('lost');
    expect(lost?.verdict).toBe('fail');
    expect(run.summary.ledger.uncorrelated).toBeGreaterThan(0);
    expect(lost?.note).toContain('sends it could not tie to a message of this run');
    expect(lost?.note).not.toContain('never sent a reply');
    expect(run.gate('reply-p99')?.note).toContain('could not tie');
  }, 110_000);
});

describe('redeliveries inside a different batch (dedupe-storm rebatches half of the copies)', () => {
  const storm = ['--scenario', 'dedupe-storm', '--rate', '10', '--duration', '5'];

  it('pass a bot that dedupes by message id', async () => {
    const run = await loadtest(BOT, storm);
    expect(run.code, run.output).toBe(0);
    expect(run.gate('duplicates')).toMatchObject({ verdict: 'pass', observed: 0 });
  }, 110_000);

  it('fail a bot that dedupes by a hash of the body, on duplicates only', async () => {
    const run = await loadtest(`BOT_DEDUPE=body-hash ${BOT}`, storm);
    expect(run.code, run.output).toBe(99);
    expect(run.gate('duplicates')?.verdict).toBe('fail');
    expect(run.summary.reconciliation.duplicateReplies.genuine).toBeGreaterThan(0);
    expect(run.gate('lost')?.verdict).toBe('pass');
  }, 110_000);
});
