import { connect, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import type { ChaosProfile } from '../../mock-graph-api/index.ts';
import { DEFAULT_DEDUPE_SCRIPT, createScriptBook, type DedupeMatchSettings } from './dedupe-command.ts';
import { createRedisFaultPicker } from './fault-picker.ts';
import { ProxyConnection, type ConnectionContext } from './proxy-connection.ts';
import { createProxyStats } from './proxy-stats.ts';
import type { RedisProxyStats } from '../../common/contracts/index.ts';

export interface RedisProxyOptions {
  upstream: { host: string; port: number };
  /** Shown in the stats file instead of the upstream address (credentials already removed). */
  upstreamLabel?: string;
  /** The chaos profile whose phases carry `redis` sections; none = a plain pass-through proxy. */
  profile?: ChaosProfile;
  seed?: number;
  host?: string;
  port?: number;
}

export interface RedisProxy {
  /** redis://host:port of the proxy, to hand the target instead of its real Redis. */
  url: string;
  port: number;
  /** Starts (or restarts) the chaos clock: phase 0 begins now. Before it, nothing is injected. */
  startClock(): void;
  stats(): RedisProxyStats;
  close(): Promise<void>;
}

/** Starts a RESP proxy on loopback in front of one Redis, injecting the profile's dependency faults. */
export async function startRedisProxy(options: RedisProxyOptions): Promise<RedisProxy> {
  const host = options.host ?? '127.0.0.1';
  const settings = options.profile?.redis;
  const stats = createProxyStats({
    upstream: options.upstreamLabel ?? `${options.upstream.host}:${options.upstream.port}`,
    minTtlS: settings?.minTtlS ?? 86_400,
  });
  const dedupe: DedupeMatchSettings = {
    keyPattern: settings?.dedupeKeyPattern ? new RegExp(settings.dedupeKeyPattern) : undefined,
    scriptPattern: settings?.dedupeScriptPattern ? new RegExp(settings.dedupeScriptPattern) : DEFAULT_DEDUPE_SCRIPT,
  };
  const picker = options.profile ? createRedisFaultPicker(options.profile, options.seed ?? 1) : undefined;
  const connections = new Set<ProxyConnection>();
  let clockStart: number | undefined;
  let phaseIndex = 0;
  let timers: NodeJS.Timeout[] = [];

  const ctx: ConnectionContext = {
    stats,
    dedupe,
    scripts: createScriptBook(),
    phase: () =>
      picker && clockStart !== undefined ? { index: phaseIndex, name: picker.phaseName(phaseIndex) } : undefined,
    decide: (index, command, family) => (picker as NonNullable<typeof picker>).decideCommand(index, command, family),
  };

  const verdictNow = () => (picker && clockStart !== undefined ? picker.decideConnection(phaseIndex) : null);
  const countConnectionFault = (kind: 'outage' | 'freeze') =>
    picker && stats.countFault(picker.phaseName(phaseIndex), kind);
  const freeze = (c: ProxyConnection) => {
    countConnectionFault('freeze');
    stats.countConnection('frozen');
    c.frozen = true;
  };
  const applyConnectionFault = (c: ProxyConnection) => {
    const verdict = verdictNow();
    if (verdict === 'outage') {
      countConnectionFault('outage');
      stats.countConnection('closedByFault');
      c.close(true);
    } else if (verdict === 'freeze') freeze(c);
  };

  const enterPhase = (index: number) => {
    phaseIndex = index;
    for (const c of [...connections]) {
      // A freeze ends the way a failover does: the hung connections are dropped, their commands never run.
      if (c.frozen) {
        c.close(true);
        continue;
      }
      applyConnectionFault(c);
    }
  };

  const server: Server = createServer({ noDelay: true }, (client: Socket) => {
    const verdict = verdictNow();
    if (verdict === 'outage') {
      countConnectionFault('outage');
      stats.countConnection('refused');
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    stats.countConnection('accepted');
    const upstream = connect({ host: options.upstream.host, port: options.upstream.port, noDelay: true });
    const connection = new ProxyConnection(client, upstream, ctx, (c) => connections.delete(c));
    connections.add(connection);
    if (verdict === 'freeze') freeze(connection);
  });
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const clearTimers = () => {
    for (const t of timers) clearTimeout(t);
    timers = [];
  };

  return {
    url: `redis://${host}:${port}`,
    port,
    startClock() {
      clearTimers();
      clockStart = Date.now();
      enterPhase(0);
      if (!picker) return;
      picker.endsMs.slice(0, -1).forEach((endMs, i) => {
        const t = setTimeout(() => enterPhase(i + 1), endMs);
        t.unref();
        timers.push(t);
      });
    },
    stats: () => stats.snapshot(),
    async close() {
      clearTimers();
      for (const c of [...connections]) c.close(false);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
