import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfraError } from '../../common/node/index.ts';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL) but keeps its port, so `start` can bring it back. */
  stop(): Promise<void>;
  /** Starts it again on the same port, after `stop`. */
  start(): Promise<void>;
  /** SIGSTOP: the process hangs with its sockets open, like a Redis stuck in a fork or a swap storm. */
  freeze(): void;
  /** SIGCONT after `freeze`. */
  thaw(): void;
  /** Stops it for good and removes its temp dir. */
  close(): Promise<void>;
}

/** Throws an InfraError with the install hint when redis-server is not on PATH. */
export function assertRedisInstalled(upstreamFlag = '--redis-upstream'): void {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new InfraError(
      `Could not start redis-server: it is not installed. Install it (apt-get install redis-server) or pass ${upstreamFlag} <url> of a running Redis.`,
    );
  }
}

/**
 * Starts a throwaway redis-server on a free loopback port in a temp dir (no persistence) and
 * resolves once it accepts connections. Tests use it too, so Redis tests fail (not skip) when
 * redis-server is missing.
 */
export async function startRedisServer(upstreamFlag = '--redis-upstream'): Promise<RedisServer> {
  assertRedisInstalled(upstreamFlag);
  const dir = mkdtempSync(join(tmpdir(), 'wa-redis-'));
  let child: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    port = await findFreePort();
    child = await spawnRedis(port, dir).catch(() => undefined); // the port may be taken meanwhile
  }
  if (!child) {
    rmSync(dir, { recursive: true, force: true });
    throw new InfraError(
      `Could not start redis-server on a free loopback port: 3 attempts failed. Check that redis-server runs by hand, or pass ${upstreamFlag} <url>.`,
    );
  }
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child) await stopChild(child);
      child = undefined;
    },
    async start() {
      if (!child) child = await spawnRedis(port, dir);
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
    async close() {
      server.thaw();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

async function spawnRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`redis-server did not become ready within 5 s:\n${output}`)), 5_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`redis-server exited with ${code}:\n${output}`)));
    child.once('error', fail);
  });
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
