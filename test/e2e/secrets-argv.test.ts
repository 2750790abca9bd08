import { readdirSync, readFileSync } from 'node:fs';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreset } from '../helpers/run-preset.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';

const PASSWORD = 'hunter2-argv-Secret';
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
  const admin = createClient({ url: redis.url });
  await admin.connect();
  await admin.configSet('requirepass', PASSWORD);
  await admin.close();
});
afterAll(() => redis?.close());

/** Command lines of this process's descendants, read from /proc (what `ps` shows). */
function descendantCommandLines(): string[] {
  const parents = new Map<number, number>();
  const lines = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      lines.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // the process ended meanwhile
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && hops < 20; p = parents.get(p), hops++)
      if (p === process.pid) return true;
    return false;
  };
  return [...lines].filter(([pid]) => isDescendant(pid)).map(([, line]) => line);
}

describe('secrets never in argv', () => {
  it('hands a Redis password in --redis-url to the reference connector by environment, not argv', async () => {
    const seen = new Set<string>();
    const poll = setInterval(() => descendantCommandLines().forEach((line) => seen.add(line)), 100);
    try {
      const run = await runPreset([
        '--scenario',
        'smoke',
        '--duration',
        '2',
        '--rate',
        '5',
        '--redis-url',
        `redis://:${PASSWORD}@127.0.0.1:${redis.port}`,
      ]);
      expect(run.log).not.toContain(PASSWORD);
      expect(run.exitCode, run.log).toBe(0);
    } finally {
      clearInterval(poll);
    }
    const inspector = createClient({ url: redis.url, password: PASSWORD });
    await inspector.connect();
    const keys = await inspector.dbSize();
    await inspector.close();
    expect(keys).toBeGreaterThan(0); // the connector did dedupe in this Redis, password and all
    const connector = [...seen].filter((line) => line.includes('connector.ts'));
    expect(connector.length).toBeGreaterThan(0);
    expect([...seen].filter((line) => line.includes(PASSWORD))).toEqual([]);
  }, 60_000);
});
