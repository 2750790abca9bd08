import { buildWebhookUrl } from '../../../scenarios/model/index.ts';
import { checkHealth } from '../../../targets/presets/index.ts';
import type { ResolvedLoadtest } from '../resolve/resolve-config.ts';
import { checkHandshake } from './handshake.ts';
import { scrapeMetrics } from './scrape-metrics.ts';
import { need, type RunContext } from './run-context.ts';
import { startReferenceConnector } from './start-reference-connector.ts';
import { startSupervised } from './start-supervised.ts';
import type { StopStack } from './stop-stack.ts';

/**
 * Stage: the target up and answering: the reference connector, a supervised target, or the
 * user's URL; then Meta's handshake, the preset's health endpoints and a first /metrics scrape.
 */
export async function startTarget(run: RunContext, stops: StopStack): Promise<void> {
  const { config, scenario } = run;
  const dependencies = need(run, 'dependencies');
  let url = config.target;
  const connector = config.target === 'builtin' ? await startReferenceConnector(run, dependencies, stops) : undefined;
  if (connector) url = connector.url;
  const pool = config.supervised ? await startSupervised(run, config.supervised, dependencies, stops) : undefined;
  if (pool) url = pool.url;

  const webhookUrl = buildWebhookUrl(url, scenario.target.pathTemplate, scenario.business.phoneNumberId);
  if (scenario.target.handshake) await checkHandshake(webhookUrl, scenario.target.verifyToken);
  const endpoints = config.preset?.endpoints;
  const base = url.replace(/\/+$/, '');
  const health: Record<string, unknown> = {};
  if (scenario.target.handshake && endpoints) {
    for (const path of [endpoints.health, endpoints.healthDetailed])
      if (path) health[path] = await checkHealth(base + path);
  }
  const metricsPath = endpoints ? endpoints.metrics : connector ? '/metrics' : null;
  const metricsUrl = config.metricsUrl ?? (metricsPath ? base + metricsPath : undefined);
  const sourceAddresses = config.sourceAddresses ?? [];
  const note = describeSourceAddresses(config, sourceAddresses);
  if (note) run.log(note);
  const metricsBefore = metricsUrl ? await scrapeMetrics(metricsUrl) : undefined;
  run.target = { url, connector, pool, health, metricsUrl, sourceAddresses, metricsBefore };
}

/** Where the engine sends from, when that is worth saying. Pure. */
function describeSourceAddresses(config: ResolvedLoadtest, addresses: readonly string[]): string | undefined {
  if (addresses.length)
    return `loadtest: sending from ${addresses.length} source addresses (${addresses[0]}…${addresses.at(-1)}), round-robin`;
  if (config.preset?.engine.sourceAddresses)
    return `loadtest: preset ${config.preset.name} spreads source addresses only towards a loopback target; any 429 is reported as rate-limited by target`;
  return undefined;
}
