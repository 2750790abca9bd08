import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWamid } from '../core/index.ts';
import { ledgerStatsSchema } from '../contracts/index.ts';
import { decodeBytes } from '../lib/index.ts';

const ROOT = resolve(import.meta.dirname, '..');

function runNode(args: string[], env: Record<string, string>, timeoutMs = 15_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('preload (node --import …/preload.ts)', () => {
  it('intercepts an unmodified target fetch to graph.facebook.com and writes ledger stats on exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-preload-'));
    const target = join(dir, 'target.mjs');
    const statsFile = join(dir, 'stats.json');
    const wamid = encodeWamid({ runId: 'a1b2c3d4e5f6', seq: 3, part: 0, sentAtMs: Date.now() });
    writeFileSync(
      target,
      `const r = await fetch('https://graph.facebook.com/v21.0/42/messages', { method: 'POST',
         headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
         body: JSON.stringify({ messaging_product: 'whatsapp', to: '15550001111', type: 'text', text: { body: 'hi' }, context: { message_id: '${wamid}' } }) });
       console.log(r.status);`,
    );
    const result = await runNode(['--import', 'tsx', '--import', './mock-graph-api/preload.ts', target], { WA_MOCK_STATS_FILE: statsFile, WA_MOCK_PROFILE: 'none' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('200');
    const stats = ledgerStatsSchema.parse(JSON.parse(readFileSync(statsFile, 'utf8')));
    expect(decodeBytes(stats.runs[0]!.replies)[3]).toBe(1);
  });

  it('exits 2 with a clear message for an unknown profile', async () => {
    const result = await runNode(['--import', 'tsx', '--import', './mock-graph-api/preload.ts', '-e', '0'], { WA_MOCK_PROFILE: 'nope' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Could not load chaos profile "nope"/);
  });
});
