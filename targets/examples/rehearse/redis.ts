import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfraError } from '../../../common/node/index.ts';
import { freePort } from './free-port.ts';

export interface ThrowawayRedis {
  url: string;
  close(): Promise<void>;
}

/** Whether `redis-server` can be run here. */
export function hasRedisServer(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return !probe.error && probe.status === 0;
}

/** A redis-server on a free loopback port with no persistence, for one rehearsal. */
export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'wa-rehearse-redis-'));
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let seen = '';
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5000);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Ready to accept connections')) (clearTimeout(timer), resolve(true));
    });
    child.once('close', () => (clearTimeout(timer), resolve(false)));
  });
  if (!ready) {
    await close();
    throw new InfraError(
      `Could not start redis-server on 127.0.0.1:${port}: ${seen.trim().split('\n').at(-1) ?? 'no output'}. Check the redis-server install (apt-get install redis-server).`,
    );
  }
  return { url: `redis://127.0.0.1:${port}`, close };
}
