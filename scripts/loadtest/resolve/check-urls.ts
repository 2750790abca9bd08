import { assertUrlAllowed, type ResolveHost } from '../../../common/node/index.ts';
import type { ResolvedLoadtest } from './resolve-config.ts';

/**
 * Every URL a run will contact, wherever it came from (flags, environment, config file, preset),
 * checked once before anything starts: loopback after name resolution, or named by --allow-host.
 * The handshake and health checks go to the target's host, so the target check covers them.
 */
export async function assertRunUrlsAllowed(config: ResolvedLoadtest, resolve?: ResolveHost): Promise<void> {
  const allow = config.scenario.target.allowHosts;
  // A supervised target listens on a loopback port the harness chose.
  if (config.target !== 'builtin' && !config.supervised)
    await assertUrlAllowed(config.target, allow, { what: 'target', resolve });
  if (config.mock.mode === 'external')
    await assertUrlAllowed(config.mock.url, allow, { what: 'mock Graph API', resolve });
  if (config.metricsUrl) await assertUrlAllowed(config.metricsUrl, allow, { what: '--metrics-url', resolve });
  if (config.redisUrl)
    await assertUrlAllowed(config.redisUrl, allow, {
      what: "Redis (--redis-url or the preset's builtin.redisUrl)",
      protocols: ['redis:', 'rediss:'],
      resolve,
    });
}
