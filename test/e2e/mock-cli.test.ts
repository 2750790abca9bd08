import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs');

function startCli(args: string[]) {
  return spawn(process.execPath, [TSX, 'scripts/mock.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('npm run mock', () => {
  it('prints one listening line, serves, and exits 0 on SIGTERM', async () => {
    const child = startCli([
      '--port',
      '0',
      '--profile',
      'flaky-5xx',
      '--throughput',
      'off',
      '--limit-status',
      '400',
      '--token',
      'T',
    ]);
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const line = await new Promise<string>((done) => createInterface({ input: child.stdout }).once('line', done));
    const event = JSON.parse(line) as { event: string; url: string };
    expect(event.event).toBe('listening');
    expect(event.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const chaos = (await (await fetch(`${event.url}/__admin/chaos`)).json()) as { profile: { name: string } };
    expect(chaos.profile.name).toBe('flaky-5xx');
    expect((await fetch(`${event.url}/v21.0/1`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    clearTimeout(kill);
  });

  // Flag parsing itself is covered by mock-graph-api/cli-options.test.ts; these prove the exit path.
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--run-id', 'XYZ'], /runId: must be 12 lowercase hex chars/],
    // Off loopback without WA_MOCK_ADMIN_TOKEN: the admin API would be open to the network.
    [['--host', '0.0.0.0'], /Could not start the mock on 0\.0\.0\.0: .*Set WA_MOCK_ADMIN_TOKEN/],
  ])('exits 2 with a clear message for bad flags %j', async (args, message) => {
    const child = startCli(args);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
