import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  out: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts loadtest as a terminal would: in its own process group (we are the "terminal"). */
function startLoadtest(args: string[]): Started {
  const out = mkdtempSync(join(tmpdir(), 'wa-loadtest-signals-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/loadtest.ts'), '--engine', 'node', '--out', out, ...args],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.resume();
  const hardStop = setTimeout(() => child.kill('SIGKILL'), 110_000);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => (clearTimeout(hardStop), done(code))));
  return { child, out, stderr: () => stderr, exited };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 70_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The loadtest's direct children, by command line. */
function childrenOf(pid: number): { pid: number; args: string }[] {
  const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [p, ...rest] = l.trim().split(/\s+/);
      return { pid: Number(p), args: rest.join(' ') };
    });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portsIn(text: string): number[] {
  return [...text.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
}

function isListening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

function readSummary(out: string): { status: string; abortReason?: string; gates: { verdict: string }[] } {
  const runs = readdirSync(out);
  expect(runs).toHaveLength(1);
  return JSON.parse(readFileSync(join(out, runs[0] as string, 'summary.json'), 'utf8'));
}

async function startedLoad(run: Started): Promise<{ pid: number; args: string }[]> {
  await waitFor(() => run.stderr().includes('rate '), 'the first progress line');
  const kids = childrenOf(run.child.pid!);
  expect(kids.map((k) => k.args).join('\n')).toMatch(/mock\.ts[\s\S]*connector\.ts|connector\.ts[\s\S]*mock\.ts/);
  return kids;
}

async function expectNothingLeft(run: Started, kids: { pid: number }[]): Promise<void> {
  // A stopped child may take a moment to be reaped on a busy machine: wait for it, bounded.
  for (const k of kids) await waitFor(() => !isRunning(k.pid), `child ${k.pid} to exit`);
  for (const port of portsIn(run.stderr())) expect(await isListening(port), `port ${port} still open`).toBe(false);
}

describe('loadtest under signals and dying children', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`writes the aborted report and exits 3 when ${signal} reaches the whole process group (Ctrl-C in a terminal)`, async () => {
      const run = startLoadtest(['--scenario', 'smoke', '--duration', '60']);
      const kids = await startedLoad(run);
      await new Promise((r) => setTimeout(r, 1000));
      process.kill(-run.child.pid!, signal);
      expect(await run.exited, run.stderr()).toBe(3);
      expect(run.stderr()).toContain(`${signal}: stopping the load`);
      expect(run.stderr()).not.toContain('Could not reach the mock');
      const summary = readSummary(run.out);
      expect(summary.status).toBe('aborted');
      expect(summary.gates.every((g) => g.verdict === 'incomplete')).toBe(true);
      await expectNothingLeft(run, kids);
    }, 120_000);
  }

  it('leaves no orphan child when loadtest itself is SIGKILLed', async () => {
    const run = startLoadtest(['--scenario', 'smoke', '--duration', '60']);
    const kids = await startedLoad(run);
    process.kill(run.child.pid!, 'SIGKILL');
    await run.exited;
    await waitFor(() => kids.every((k) => !isRunning(k.pid)), 'the children to notice their parent is gone', 15_000);
    await expectNothingLeft(run, kids);
  }, 120_000);

  it('stops at once when the reference connector is killed, names it and how, and keeps a partial report', async () => {
    const run = startLoadtest(['--scenario', 'smoke', '--duration', '60']);
    const kids = await startedLoad(run);
    const started = Date.now();
    process.kill(kids.find((k) => k.args.includes('connector.ts'))!.pid, 'SIGKILL');
    expect(await run.exited, run.stderr()).toBe(3);
    expect(Date.now() - started).toBeLessThan(30_000);
    const summary = readSummary(run.out);
    expect(summary.status).toBe('aborted');
    expect(summary.abortReason).toMatch(
      /the reference connector died \d+ s into the run \(killed by SIGKILL\); its last output: /,
    );
    expect(run.stderr()).toContain('reference connector died');
    await expectNothingLeft(run, kids);
  }, 120_000);

  it('keeps the run record when the mock dies and says the ledger gates are incomplete', async () => {
    const run = startLoadtest(['--scenario', 'smoke', '--duration', '60']);
    const kids = await startedLoad(run);
    process.kill(kids.find((k) => k.args.includes('mock.ts'))!.pid, 'SIGKILL');
    expect(await run.exited, run.stderr()).toBe(3);
    const summary = readSummary(run.out);
    expect(summary.abortReason).toMatch(
      /the mock Graph API died .*\(killed by SIGKILL\).*the mock's ledger went with it, so the ledger gates are incomplete/,
    );
    const files = readdirSync(join(run.out, readdirSync(run.out)[0]!));
    expect(files).toEqual(expect.arrayContaining(['run-record.json', 'summary.json', 'report.html']));
    expect(files).not.toContain('ledger-stats.json');
    await expectNothingLeft(run, kids);
  }, 120_000);
});
