import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { encodeWamid } from '../../common/core/index.ts';
import { chaosProfileSchema, type ChaosProfileInput } from '../../mock-graph-api/index.ts';
import { startRedisDependency, type RedisDependency } from '../../targets/redis-proxy/index.ts';

const clients: { close(): Promise<unknown> }[] = [];
async function connectTo(url: string, extra: Record<string, unknown> = {}) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: false, connectTimeout: 2000 },
    ...extra,
  });
  client.on('error', () => undefined);
  await client.connect();
  clients.push({ close: () => client.close().catch(() => undefined) });
  return client;
}

function profileOf(redisFaults: unknown[], settings?: Record<string, unknown>) {
  const input = {
    name: 't',
    phases: [{ name: 'fault', redis: { faults: redisFaults } }],
    ...(settings ? { redis: settings } : {}),
  } as ChaosProfileInput;
  return chaosProfileSchema.parse(input);
}

describe('redis proxy, pass-through', () => {
  let redis: RedisDependency;
  beforeAll(async () => {
    redis = await startRedisDependency({});
  });
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await redis.stop();
  });

  it('answers node-redis commands exactly as the redis-server behind it does, pipelined', async () => {
    const client = await connectTo(redis.url);
    const replies = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        client.set(`k${i}`, 'v'.repeat(i), { condition: 'NX', expiration: { type: 'EX', value: 60 } }),
      ),
    );
    expect(replies.every((r) => r === 'OK')).toBe(true);
    expect(await client.set('k1', 'again', { condition: 'NX' })).toBeNull();
    expect(await client.get('k499')).toBe('v'.repeat(499));
    expect(await client.mGet(['k0', 'k2', 'missing'])).toEqual(['', 'vv', null]);
    const big = 'x'.repeat(300_000);
    await client.set('big', big);
    expect(await client.get('big')).toBe(big);
    const stats = redis.stats();
    expect(stats.commands.byFamily.write).toBeGreaterThanOrEqual(502);
    expect(stats.dedupe.byShape['set-nx']).toBe(501);
    expect(stats.dedupe.outcomes).toMatchObject({ claimed: 500, seen: 1 });
    expect(stats.dedupe.ttl).toMatchObject({ withTtl: 500, withoutTtl: 1, minS: 60, maxS: 60, belowMinimum: 500 });
  });

  it('keeps working for a RESP3 client that said HELLO 3', async () => {
    const client = await connectTo(redis.url, { RESP: 3 });
    await client.hSet('h', { a: '1', b: '2' });
    expect(await client.hGetAll('h')).toEqual({ a: '1', b: '2' });
    expect(await client.exists('h')).toBe(1);
  });

  it('passes redis-cli through unchanged, piped commands included', async () => {
    const port = new URL(redis.url).port;
    const cli = await promisify(execFile)('redis-cli', ['-p', port, 'ECHO', 'héllo'], {
      encoding: 'utf8',
      timeout: 5000,
    });
    expect(cli.stdout.trim()).toBe('héllo');
    const piped = spawn('redis-cli', ['-p', port], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    piped.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    piped.stdin.end('PING\nSET cli 1\nGET cli\n');
    await new Promise((resolve) => piped.once('exit', resolve));
    expect(out.trim().split('\n')).toEqual(['PONG', 'OK', '1']);
  });

  it('ties a dedupe key to the synthetic message id it carries and counts a second claim of the same id', async () => {
    const client = await connectTo(redis.url);
    const wamid = encodeWamid({ runId: 'abcdefabcdef', seq: 42, part: 0, sentAtMs: 1_700_000_000_000 });
    expect(
      await client.set(`dedupe:${wamid}`, '1', { condition: 'NX', expiration: { type: 'PX', value: 172_800_000 } }),
    ).toBe('OK');
    await client.del(`dedupe:${wamid}`);
    expect(
      await client.set(`dedupe:${wamid}`, '1', { condition: 'NX', expiration: { type: 'EX', value: 172_800 } }),
    ).toBe('OK');
    const { dedupe } = redis.stats();
    expect(dedupe.tiedToMessage).toBe(2);
    expect(dedupe.messagesClaimedTwice).toBe(1);
    expect(dedupe.ttl.maxS).toBe(172_800);
  });

  it('times check-then-set and dedupe scripts as one decision each', async () => {
    const client = await connectTo(redis.url);
    const before = redis.stats().dedupe.latency.count;
    const wamid = encodeWamid({ runId: 'abcdefabcdef', seq: 7, part: 0, sentAtMs: 1_700_000_000_000 });
    expect(await client.exists(`seen:${wamid}`)).toBe(0);
    await client.set(`seen:${wamid}`, '1', { expiration: { type: 'EX', value: 90_000 } });
    const script = "return redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) and 1 or 0";
    expect(await client.eval(script, { keys: ['lua:1'], arguments: ['100000'] })).toBe(1);
    expect(await client.eval(script, { keys: ['lua:1'], arguments: ['100000'] })).toBe(0);
    const { dedupe } = redis.stats();
    expect(dedupe.latency.count - before).toBe(3);
    expect(dedupe.byShape).toMatchObject({ check: 1, 'set-after-check': 1, eval: 2 });
  });
});

describe('redis proxy, dependency faults', () => {
  let redis: RedisDependency | undefined;
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await redis?.stop();
  });
  const start = async (faults: unknown[]) => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await redis?.stop();
    redis = await startRedisDependency({ profile: profileOf(faults), seed: 3 });
    return redis;
  };

  it('injects nothing before the chaos clock starts', async () => {
    const r = await start([{ kind: 'error', attributes: { reply: 'LOADING' } }]);
    const client = await connectTo(r.url);
    expect(await client.set('a', '1')).toBe('OK');
    expect(r.stats().faults).toEqual({});
  });

  it('answers -LOADING / -READONLY / -OOM to the command family in scope only, in order, without running them', async () => {
    for (const reply of ['LOADING', 'READONLY', 'OOM'] as const) {
      const r = await start([{ kind: 'error', scope: { families: ['write'] }, attributes: { reply } }]);
      const client = await connectTo(r.url);
      r.startClock();
      const [get1, set, get2] = await Promise.allSettled([client.get('a'), client.set('a', '1'), client.get('a')]);
      expect(get1).toEqual({ status: 'fulfilled', value: null });
      expect(set.status === 'rejected' && String(set.reason)).toContain(reply);
      expect(get2).toEqual({ status: 'fulfilled', value: null });
      expect(r.stats().faults).toEqual({ 'fault/error': 1 });
    }
  });

  it('adds latency drawn from the same distributions as the Graph faults', async () => {
    const r = await start([{ kind: 'latency', attributes: { distribution: 'fixed', latencyMs: 40 } }]);
    const client = await connectTo(r.url);
    r.startClock();
    const t0 = performance.now();
    await client.set('x', '1', { condition: 'NX' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(39);
    expect(r.stats().dedupe.latency.min).toBeGreaterThanOrEqual(39_000);
  });

  it('resets the connection after part of a reply', async () => {
    const r = await start([{ kind: 'reset', scope: { commands: ['GET'] } }]);
    const client = await connectTo(r.url);
    await client.set('long', 'y'.repeat(1000));
    r.startClock();
    await expect(client.get('long')).rejects.toThrow();
    expect(r.stats().connections.closedByFault).toBe(1);
  });

  it('drips a reply a few bytes at a time, still intact', async () => {
    const r = await start([
      { kind: 'slow-drip', scope: { commands: ['GET'] }, attributes: { chunkBytes: 4, intervalMs: 2 } },
    ]);
    const client = await connectTo(r.url);
    await client.set('drip', 'z'.repeat(100));
    r.startClock();
    const t0 = performance.now();
    expect(await client.get('drip')).toBe('z'.repeat(100));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(40);
  });

  it('refuses connections and closes open ones during an outage', async () => {
    const r = await start([{ kind: 'outage' }]);
    const client = await connectTo(r.url);
    r.startClock();
    await expect(client.ping()).rejects.toThrow();
    await expect(connectTo(r.url)).rejects.toThrow();
    expect(r.stats().connections).toMatchObject({ closedByFault: 1, refused: 1 });
  });

  it('accepts but never answers during a freeze', async () => {
    const r = await start([{ kind: 'freeze' }]);
    r.startClock();
    const client = createClient({ url: r.url, socket: { reconnectStrategy: false } });
    client.on('error', () => undefined);
    const answered = await Promise.race([
      client.connect().then(
        () => true,
        () => true,
      ),
      new Promise((resolve) => setTimeout(() => resolve(false), 500)),
    ]);
    client.destroy();
    expect(answered).toBe(false);
    expect(r.stats().connections).toMatchObject({ accepted: 1, frozen: 1 });
  });
});
