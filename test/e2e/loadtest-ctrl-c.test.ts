import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isListening, isRunning, portsIn, waitFor } from '../helpers/processes.ts';

/**
 * Ctrl-C the way users press it: `npm run loadtest` in a pseudo-terminal (util-linux `script`
 * turns the \x03 we type into SIGINT for the foreground process group, and npm relays its own
 * copy), and a signal to the whole process group of a detached `npm run` or `wa-loadtest`, with
 * no terminal (a CI runner, a wrapper). Each at 100 deliveries/s, bounded in time.
 */

const root = resolve(import.meta.dirname, '../..');
const LOAD = ['--scenario', 'load', '--rate', '100', '--duration', '40', '--engine', 'node'];

interface Run {
  child: ChildProcess;
  out: string;
  output: () => string;
  exited: Promise<number | null>;
}

function watch(child: ChildProcess, out: string): Run {
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // Bounded: the whole group goes at 100 s whatever happens.
  const hardStop = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 100_000);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => (clearTimeout(hardStop), done(code))));
  return { child, out, output: () => output, exited };
}

/** `npm run loadtest -- …` in a pseudo-terminal; typing \x03 on its stdin is Ctrl-C. */
function startInTerminal(): Run {
  const out = mkdtempSync(join(tmpdir(), 'wa-ctrl-c-pty-'));
  // `exec`: an interactive shell leaves npm alone in the terminal's foreground group. Without it
  // `script` runs the line under $SHELL, and dash (CI has no SHELL set) waits in that group and
  // dies of the SIGINT itself, so `script` reports 130 whatever npm exits with.
  const command = `exec npm run loadtest -- ${[...LOAD, '--out', out].join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  return watch(child, out);
}

/** A command in its own process group with no terminal. */
function startDetached(command: string, args: string[]): Run {
  const out = mkdtempSync(join(tmpdir(), 'wa-ctrl-c-group-'));
  const child = spawn(command, [...args, ...LOAD, '--out', out], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return watch(child, out);
}

/** Every process below `pid` (npm, its shell, loadtest, the mock, the connector…). */
function descendantsOf(pid: number): { pid: number; args: string }[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = ps.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [p, pp, ...rest] = line.trim().split(/\s+/);
      return { pid: Number(p), ppid: Number(pp), args: rest.join(' ') };
    });
  const found: { pid: number; args: string }[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const row of rows.filter((r) => r.ppid === parent)) {
      found.push({ pid: row.pid, args: row.args });
      queue.push(row.pid);
    }
  }
  return found;
}

/** Waits until the load runs a few seconds, then lists the processes the run started. */
async function loadRunning(run: Run): Promise<{ pid: number; args: string }[]> {
  // The progress line (`[  3s/40s] rate …`), not npm's echo of `--rate 100`.
  await waitFor(() => /s\] rate /.test(run.output()), 'the first progress line');
  await new Promise((r) => setTimeout(r, 3000));
  const kids = descendantsOf(run.child.pid!);
  expect(kids.map((k) => k.args).join('\n')).toMatch(/mock\.ts[\s\S]*connector\.ts|connector\.ts[\s\S]*mock\.ts/);
  return kids;
}

function expectAbortedReport(run: Run): void {
  const runs = readdirSync(run.out);
  expect(runs, run.output()).toHaveLength(1);
  const summary = JSON.parse(readFileSync(join(run.out, runs[0]!, 'summary.json'), 'utf8')) as {
    status: string;
    gates: { verdict: string }[];
  };
  expect(summary.status).toBe('aborted');
  expect(summary.gates.every((g) => g.verdict === 'incomplete')).toBe(true);
}

async function expectNothingLeft(run: Run, kids: { pid: number; args: string }[]): Promise<void> {
  // The children stop before loadtest exits; allow the kernel a moment to reap them.
  await waitFor(() => kids.every((k) => !isRunning(k.pid)), 'every child to be gone', 5_000).catch(() => undefined);
  for (const k of kids) expect(isRunning(k.pid), `still running: ${k.args}`).toBe(false);
  const ports = portsIn(run.output());
  expect(ports.length).toBeGreaterThan(0);
  for (const port of ports) expect(await isListening(port), `port ${port} still open`).toBe(false);
}

describe('Ctrl-C on a loadtest at 100 deliveries/s', () => {
  it('in a terminal through npm run: one Ctrl-C writes the aborted report, stops every child, and npm exits 3', async () => {
    const run = startInTerminal();
    const kids = await loadRunning(run);
    run.child.stdin!.write('\x03');
    expect(await run.exited, run.output()).toBe(3);
    expect(run.output()).toContain('SIGINT: stopping the load');
    expect(run.output()).not.toContain('again: force quit');
    expect(run.output()).toContain('report written to');
    expectAbortedReport(run);
    await expectNothingLeft(run, kids);
  }, 120_000);

  it('in a terminal through npm run: a second Ctrl-C pressed later forces quit with exit 3 and leaves no child', async () => {
    const run = startInTerminal();
    const kids = await loadRunning(run);
    run.child.stdin!.write('\x03');
    await waitFor(() => run.output().includes('SIGINT: stopping the load'), 'the stopping line', 10_000);
    // After the grace window (1 s) and before the settle (≥ 2 s) ends: a distinct press.
    await new Promise((r) => setTimeout(r, 1200));
    run.child.stdin!.write('\x03');
    expect(await run.exited, run.output()).toBe(3);
    expect(run.output()).toContain('SIGINT again: force quit');
    await expectNothingLeft(run, kids);
  }, 120_000);

  it('SIGINT to the process group of npm run loadtest (no terminal) writes the aborted report and npm exits 3', async () => {
    const run = startDetached('npm', ['run', 'loadtest', '--']);
    const kids = await loadRunning(run);
    process.kill(-run.child.pid!, 'SIGINT');
    expect(await run.exited, run.output()).toBe(3);
    expect(run.output()).not.toContain('again: force quit');
    expectAbortedReport(run);
    await expectNothingLeft(run, kids);
  }, 120_000);

  it('SIGTERM to the process group of the wa-loadtest bin writes the aborted report and exits 3', async () => {
    const run = startDetached(process.execPath, [join(root, 'scripts/wa-loadtest.mjs')]);
    const kids = await loadRunning(run);
    process.kill(-run.child.pid!, 'SIGTERM');
    expect(await run.exited, run.output()).toBe(3);
    expect(run.output()).toContain('SIGTERM: stopping the load');
    expectAbortedReport(run);
    await expectNothingLeft(run, kids);
  }, 120_000);
});
