import { writeFileSync } from 'node:fs';
import { EXIT } from '../common/core/index.ts';
import { printHelpIfAsked, runCli } from '../common/node/index.ts';
import { loadChaosProfile } from '../mock-graph-api/index.ts';
import { parseRedisProxyArgs, startRedisDependency } from '../targets/redis-proxy/index.ts';
import { REDIS_PROXY_HELP } from './help/redis-proxy.ts';

// The Redis proxy on its own: prints {"event":"listening","url":…}, starts the chaos clock at once,
// and on SIGTERM/SIGINT writes --stats (redis-proxy-stats.json) and stops.
await runCli('redis-proxy', async () => {
  if (printHelpIfAsked(process.argv.slice(2), REDIS_PROXY_HELP)) return EXIT.ok;
  const options = parseRedisProxyArgs(process.argv.slice(2));
  const profile = loadChaosProfile(options.profile);
  const redis = await startRedisDependency({
    upstreamUrl: options.upstream,
    upstreamFlag: '--upstream',
    allowHosts: options.allowHost,
    profile,
    seed: options.seed,
  });
  redis.startClock();
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', url: redis.url.replace(/\/\/[^@/]*@/, '//'), upstream: redis.upstream, profile: profile.name })}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      if (options.stats) writeFileSync(options.stats, JSON.stringify(redis.stats(), null, 1) + '\n');
      void redis.stop().then(resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
});
