import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetCommandSchema } from '../../../targets/supervisor/index.ts';
import { createSimulator } from '../../../mock-graph-api/index.ts';
import { readFinalLedger, resolveMock, waitForAdminUrl } from './in-target-mock.ts';
import type { SupervisedConfig } from '../resolve/supervised-target.ts';

const supervised = (command: string, over: Partial<SupervisedConfig> = {}): SupervisedConfig => ({
  command: targetCommandSchema.parse({ command }),
  replicas: 1,
  drills: [],
  reference: false,
  ...over,
});

describe('resolveMock', () => {
  it('keeps the harness mock by default: --mock-url is external, else spawned on --mock-port', () => {
    expect(resolveMock({ mockUrl: 'http://127.0.0.1:8089', drills: [] })).toEqual({
      mode: 'external',
      url: 'http://127.0.0.1:8089',
    });
    expect(resolveMock({ mode: 'harness', mockPort: 8089, drills: [] })).toEqual({ mode: 'spawn', port: 8089 });
  });

  it('hosts the mock in one supervised Node target', () => {
    expect(resolveMock({ mode: 'in-target', supervised: supervised('PORT=1 exec node bot.mjs'), drills: [] })).toEqual({
      mode: 'in-target',
    });
    expect(resolveMock({ mode: 'in-target', supervised: supervised('npm start'), drills: [] })).toEqual({
      mode: 'in-target',
    });
  });

  it.each([
    [
      'WA_MOCK_URL',
      { mockUrl: 'http://127.0.0.1:1', mockUrlFromEnv: true, supervised: supervised('node bot.mjs') },
      /with WA_MOCK_URL/,
    ],
    [
      'the reference connector',
      { supervised: supervised('node connector.ts', { reference: true }) },
      /the harness starts no target here/,
    ],
    ['a Go command', { supervised: supervised('GOPROXY=off go run .') }, /"go" is not Node/],
    ['uvicorn by path', { supervised: supervised('/opt/venv/bin/uvicorn app:app') }, /"uvicorn" is not Node/],
    [
      'a drain drill',
      { supervised: supervised('node bot.mjs'), drills: ['drain@20s'] },
      /with --drill drain@20s: the drill stops the instance that holds the mock/,
    ],
  ])('refuses %s (exit 2)', (_what, input, message) => {
    expect(() => resolveMock({ mode: 'in-target', drills: [], ...input })).toThrow(message);
  });
});

describe('waitForAdminUrl', () => {
  it('returns the loopback URL once the file holds one, and ignores anything else meanwhile', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wa-url-')), 'mock-admin-url');
    writeFileSync(file, 'http://example.com:80\n');
    setTimeout(() => writeFileSync(file, 'http://127.0.0.1:4321\n'), 150);
    expect(await waitForAdminUrl(file, { timeoutMs: 3000, logFile: 'target.log' })).toBe('http://127.0.0.1:4321');
  });

  it('gives up after the bound, naming the file, NODE_OPTIONS and the log to read', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wa-url-')), 'mock-admin-url');
    await expect(waitForAdminUrl(file, { timeoutMs: 200, logFile: '/runs/x/target.log' })).rejects.toThrow(
      new RegExp(
        `${file} never appeared \\(with a loopback URL in it\\) within 0.2 s.*NODE_OPTIONS.*/runs/x/target.log`,
      ),
    );
  });
});

describe('readFinalLedger', () => {
  it('prefers the ledger the preload wrote at exit, else the one read before the stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-ledger-'));
    const before = createSimulator().stats();
    expect(await readFinalLedger(join(dir, 'none.json'), before)).toBe(before);
    const atExit = { ...before, uncorrelated: 4 };
    writeFileSync(join(dir, 'at-exit.json'), JSON.stringify(atExit));
    expect((await readFinalLedger(join(dir, 'at-exit.json'), before))?.uncorrelated).toBe(4);
  });
});
