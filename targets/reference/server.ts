import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRng, deriveSeed } from '../../common/core/index.ts';
import { InfraError, validate } from '../../common/node/index.ts';
import { connectorConfigSchema, type ConnectorConfigInput, type ResolvedConnectorConfig } from './config.ts';
import { createMemoryStore } from './dedupe/memory-store.ts';
import { createRedisStore } from './dedupe/redis-store.ts';
import { applyRedisDownDefect } from './dedupe/redis-down-defects.ts';
import { SHORT_DEDUPE_TTL_S } from './defects.ts';
import type { DedupeStore } from './dedupe/store.ts';
import { createApp } from './http/app.ts';
import { createLogger, type Logger } from './logger.ts';
import { BREAKER_STATE_VALUE, createMetrics } from './metrics.ts';
import { CircuitBreaker } from './send/circuit-breaker.ts';
import { createGraphClient } from './send/graph-client.ts';
import { createSemaphore } from './send/semaphore.ts';
import { createTaskTracker } from './task-tracker.ts';

export interface RunningConnector {
  /** Base URL, e.g. http://127.0.0.1:41234 (the webhook lives at the path template). */
  url: string;
  /** Stop accepting, drain in-flight work up to drainTimeoutMs, release everything. Idempotent. */
  close(): Promise<void>;
  /** Resolves when every background task (processing, sends, pending retries) has settled. */
  drain(): Promise<void>;
}

/** Starts the reference connector in this process. Invalid config throws a UserError. */
/** `now` is the inbound rate limiter's clock (tests freeze it; the default is Date.now). */
export async function startConnector(
  input: ConnectorConfigInput,
  options: { now?: () => number } = {},
): Promise<RunningConnector> {
  const config = validate(connectorConfigSchema, input, { thing: 'connector config' });
  const logger = createLogger(config.logLevel, [
    config.appSecret,
    config.accessToken,
    ...(config.verifyToken ? [config.verifyToken] : []),
  ]);
  const metrics = createMetrics();
  const store = await openStore(config, logger);
  const breaker = new CircuitBreaker({
    failureThreshold: config.breakerFailureThreshold,
    openMs: config.breakerOpenMs,
    onChange: (state) => {
      metrics.breakerState.set(BREAKER_STATE_VALUE[state]);
      logger.info('graph circuit breaker', { state });
    },
  });
  const client = createGraphClient({ ...config, maxConnections: config.maxConcurrentSends });
  const shutdown = new AbortController();
  const tasks = createTaskTracker((n) => metrics.inFlight.set(n));
  let stopping = false;

  const sender = {
    client,
    breaker,
    metrics,
    logger,
    defect: config.defect,
    shutdown: shutdown.signal,
    tuning: config,
    semaphore: createSemaphore(config.maxConcurrentSends),
    rng: createRng(deriveSeed(config.seed, 'retry-jitter')),
  };
  const app = createApp({
    config,
    store,
    metrics,
    logger,
    tasks,
    breaker,
    defect: config.defect,
    errorDice: createRng(deriveSeed(config.seed, 'webhook-errors')),
    process: { sender, metrics, logger, defect: config.defect, slowReplyMs: config.slowReplyMs },
    isStopping: () => stopping,
    inFlight: () => tasks.size,
    now: options.now,
  });
  const server = await listen(app, config).catch(async (error: unknown) => {
    await client.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info('connector listening', { url, store: store.kind, defect: config.defect, path: config.pathTemplate });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      if (config.defect === 'drop-on-sigterm') {
        // The defect: pending and new work is abandoned while the server still says 200.
        logger.info('stopping without draining', { inFlightTasks: tasks.size });
        shutdown.abort();
        await new Promise((r) => setTimeout(r, config.dropOnSigtermAckMs));
      }
      stopping = true;
      logger.info('draining', { inFlightTasks: tasks.size, drainTimeoutMs: config.drainTimeoutMs });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const settled = await settleWithin(Promise.all([closed, tasks.drain()]), config.drainTimeoutMs);
      if (!settled) {
        logger.warn('drain deadline passed; abandoning pending work', {
          inFlightTasks: tasks.size,
          drainTimeoutMs: config.drainTimeoutMs,
        });
        shutdown.abort();
        server.closeAllConnections();
        await settleWithin(tasks.drain(), 1_000);
      }
      await client.close().catch(() => undefined);
      await store.close().catch(() => undefined);
      logger.info('connector stopped', { abandoned: !settled });
    })());
  return { url, close, drain: () => tasks.drain() };
}

async function openStore(config: ResolvedConnectorConfig, logger: Logger): Promise<DedupeStore> {
  // The short-ttl-dedupe defect changes only how long an id is remembered, in either store.
  const ttlSeconds = config.defect === 'short-ttl-dedupe' ? SHORT_DEDUPE_TTL_S : config.dedupeTtlSeconds;
  if (!config.redisUrl) return createMemoryStore({ ttlSeconds, maxEntries: config.maxDedupeEntries });
  const redis = await createRedisStore({
    url: config.redisUrl,
    ttlSeconds,
    keyPrefix: config.dedupeKeyPrefix,
    commandTimeoutMs: config.redisCommandTimeoutMs,
    connectTimeoutMs: config.redisConnectTimeoutMs,
    logger,
  });
  return applyRedisDownDefect(config.defect, redis, { ttlSeconds, maxEntries: config.maxDedupeEntries });
}

function listen(app: ReturnType<typeof createApp>, config: ResolvedConnectorConfig): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new InfraError(
          `Could not listen on ${config.host}:${config.port}: ${error.code ?? error.message}. Choose a free --port (0 lets the OS pick) or another --host.`,
        ),
      ),
    );
  });
}

/** True when the promise settled within the time; the timer never keeps the process alive. */
async function settleWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
