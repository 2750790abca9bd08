import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNamespace, startListening, type Listening, type Namespace } from '../helpers/network-namespace.ts';

/**
 * A staging chaos run rehearsed on this machine: the mock Graph API and a connector run in a
 * network namespace with their own non-loopback address (as pods behind a cluster network), the
 * harness drives them from the default namespace with --mock-url / --target / --allow-host.
 * Without namespaces (not root, no CAP_NET_ADMIN) the same rehearsal runs on loopback with the
 * tokens, and the suite's name says so.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const ADMIN = 'staging-admin-token-6f1d2c9a';
const ACCESS = 'EAAG-staging-run-token';
const SECRET = 'staging-app-secret';
const VERIFY = 'staging-verify';
const made = makeNamespace();
const ns: Namespace | undefined = 'unavailable' in made ? undefined : made;
const address = ns?.address ?? '127.0.0.1';
const title = ns
  ? `staging rehearsal over a network namespace (${ns.address}, reached through a veth pair)`
  : `staging rehearsal on loopback with the tokens: network namespaces unavailable here (${(made as { unavailable: string }).unavailable})`;

let mock: Listening;
const started: Listening[] = [];

function loadtest(args: string[], env: Record<string, string> = {}) {
  const out = mkdtempSync(join(tmpdir(), 'wa-staging-'));
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/loadtest.ts', '--engine', 'node', '--out', out, ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        WA_APP_SECRET: SECRET,
        WA_VERIFY_TOKEN: VERIFY,
        ...env,
      },
    },
  );
  const runs = readdirSync(out);
  return { code: result.status, output: result.stdout + result.stderr, runDir: runs[0] ? join(out, runs[0]) : '' };
}

async function startConnector(defect: string): Promise<Listening> {
  const connector = await startListening(
    'scripts/connector.ts',
    ['--host', address, '--port', '0', '--graph-base-url', mock.url, '--defect', defect],
    { WA_APP_SECRET: SECRET, WA_ACCESS_TOKEN: ACCESS, WA_VERIFY_TOKEN: VERIFY },
    ns?.name,
  );
  started.push(connector);
  return connector;
}

/** Every file of a run folder, as text. */
function folderText(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

const RUN = ['--scenario', 'smoke', '--duration', '6', '--rate', '5'];

describe(title, () => {
  beforeAll(async () => {
    mock = await startListening(
      'scripts/mock.ts',
      ['--host', address, '--port', '0'],
      { WA_MOCK_ADMIN_TOKEN: ADMIN, WA_MOCK_ACCESS_TOKENS: `${ACCESS},EAAG-other` },
      ns?.name,
    );
    started.push(mock);
  }, 40_000);
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    ns?.remove();
  });

  it.runIf(ns)('the mock refuses to start on the namespace address without an admin token', async () => {
    await expect(startListening('scripts/mock.ts', ['--host', address, '--port', '0'], {}, ns?.name)).rejects.toThrow(
      /exited 2 before listening[\s\S]*WA_MOCK_ADMIN_TOKEN/,
    );
  });

  it('refuses load to the remote connector without --allow-host, and the admin API without the token', async () => {
    const connector = await startConnector('none');
    const target = ['--target', connector.url, '--mock-url', mock.url];
    if (ns) {
      const refused = loadtest([...RUN, ...target], { WA_MOCK_ADMIN_TOKEN: ADMIN });
      expect(refused.code, refused.output).toBe(2);
      expect(refused.output).toContain(`--allow-host ${address}`);
    }
    const locked = loadtest([...RUN, ...target, '--allow-host', address]);
    expect(locked.code, locked.output).toBe(3);
    expect(locked.output).toMatch(/401.*WA_MOCK_ADMIN_TOKEN is not set/);
    expect(locked.output).not.toContain(ADMIN);
  }, 120_000);

  it('passes the correct connector on the remote ledger, with no token in any output or file, and report re-reads the ledger', async () => {
    const connector = await startConnector('none');
    const args = [...RUN, '--target', connector.url, '--mock-url', mock.url, '--allow-host', address];
    const run = loadtest(args, { WA_MOCK_ADMIN_TOKEN: ADMIN });
    expect(run.code, run.output).toBe(0);
    const summary = JSON.parse(readFileSync(join(run.runDir, 'summary.json'), 'utf8')) as {
      gates: { id: string; verdict: string }[];
      reconciliation: { acked: number };
    };
    expect(summary.gates.find((g) => g.id === 'lost')?.verdict).toBe('pass');
    expect(summary.gates.find((g) => g.id === 'reply-p99')?.verdict).toBe('pass');
    for (const text of [run.output, folderText(run.runDir)]) {
      expect(text).not.toContain(ADMIN);
      expect(text).not.toContain(ACCESS);
      expect(text).not.toContain(SECRET);
    }
    const report = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/report.ts', run.runDir, '--mock-url', mock.url, '--no-color'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env.PATH ?? '', WA_MOCK_ADMIN_TOKEN: ADMIN },
      },
    );
    expect(report.status, report.stdout + report.stderr).toBe(0);
    expect(report.stderr).toContain('read the ledgers of 1 mock replica(s) into ledger-stats-1.json');
    expect(readdirSync(run.runDir)).toContain('ledger-stats-1.json');
    expect(report.stdout + report.stderr).not.toContain(ADMIN);
  }, 120_000);

  it('fails a connector whose replies take 6 s, over the same network path', async () => {
    const connector = await startConnector('slow-reply');
    const args = [...RUN, '--target', connector.url, '--mock-url', mock.url, '--allow-host', address];
    const run = loadtest(args, { WA_MOCK_ADMIN_TOKEN: ADMIN });
    expect(run.code, run.output).toBe(99);
    const summary = JSON.parse(readFileSync(join(run.runDir, 'summary.json'), 'utf8')) as {
      gates: { id: string; verdict: string }[];
    };
    const failed = summary.gates.filter((g) => g.verdict === 'fail').map((g) => g.id);
    expect(
      failed.some((id) => id === 'reply-p99' || id === 'lost'),
      failed.join(','),
    ).toBe(true);
  }, 120_000);
});
