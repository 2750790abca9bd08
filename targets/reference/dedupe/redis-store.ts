import { createClient } from 'redis';
import { InfraError } from '../../../common/node/index.ts';
import type { Logger } from '../logger.ts';
import { StoreUnavailableError, type DedupeStore } from './store.ts';

export interface RedisStoreOptions {
  url: string;
  ttlSeconds: number;
  keyPrefix: string;
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  logger: Logger;
}

/** The URL without credentials, safe for logs and error messages. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(unparseable Redis URL)';
  }
}

/**
 * The production store: `SET key 1 NX EX ttl` is one atomic check-and-mark shared by every
 * connector replica. Commands fail fast while disconnected (no offline queue) so a webhook can
 * answer 503 instead of hanging; the client keeps reconnecting in the background.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<DedupeStore> {
  const where = describeRedisUrl(options.url);
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    commandOptions: { timeout: options.commandTimeoutMs },
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(50 * 2 ** Math.min(retries, 5), 1_000) },
  });
  let lastError = '';
  client.on('error', (error: Error) => {
    // node-redis emits on every failed reconnect; log each distinct failure once.
    if (error.message === lastError) return;
    lastError = error.message;
    options.logger.warn('redis error', { redis: where, error: error.message });
  });
  client.on('ready', () => {
    if (lastError) options.logger.info('redis reconnected', { redis: where });
    lastError = '';
  });

  const connecting = client.connect();
  connecting.catch(() => undefined); // the timeout below reports it
  try {
    await withTimeout(connecting, options.connectTimeoutMs);
  } catch (error) {
    client.destroy();
    const reason = lastError ? `${lastError} (gave up after ${options.connectTimeoutMs} ms)` : (error as Error).message;
    throw new InfraError(
      `Could not connect to Redis at ${where}: ${reason}. Start Redis, fix --redis-url, or unset it to use the in-memory store.`,
    );
  }

  const key = (id: string) => options.keyPrefix + id;
  // A hung Redis (stopped process, full network buffer) keeps the socket open, so isReady stays
  // true and node-redis's own timeout stops counting once a command is written: every call gets
  // our own timer, and a timed-out call marks the store hung until Redis answers again.
  let hung = false;
  client.on('ready', () => (hung = false));
  const run = async <T>(command: () => Promise<T>, onLateAnswer?: (value: T) => void): Promise<T> => {
    if (!client.isReady) throw new StoreUnavailableError(`Redis at ${where} is not connected`);
    const pending = command();
    pending.then(
      () => (hung = false),
      () => undefined,
    );
    try {
      return await withTimeout(pending, options.commandTimeoutMs);
    } catch (error) {
      if (error instanceof CommandTimeoutError) {
        hung = true;
        if (onLateAnswer) pending.then(onLateAnswer, () => undefined);
      }
      throw new StoreUnavailableError(`Redis at ${where} failed: ${(error as Error).message}`);
    }
  };
  // A claim that timed out was answered 503 (Meta redelivers); if Redis applies it late, release
  // it, or the redelivery would be taken for a duplicate and the message lost.
  const release = (id: string) => (claimed: boolean) => {
    if (claimed) client.del(key(id)).catch(() => undefined);
  };

  return {
    kind: 'redis',
    claim: (id) =>
      run(
        async () =>
          (await client.set(key(id), '1', {
            condition: 'NX',
            expiration: { type: 'EX', value: options.ttlSeconds },
          })) === 'OK',
        release(id),
      ),
    has: (id) => run(async () => (await client.exists(key(id))) === 1),
    mark: (id) =>
      run(async () => void (await client.set(key(id), '1', { expiration: { type: 'EX', value: options.ttlSeconds } }))),
    // Bounded like every call, a few tries (Redis is failing right now), never thrown: the request is
    // already failing closed.
    async release(id) {
      for (let attempt = 0; attempt < 3; attempt++)
        if (
          await run(async () => void (await client.del(key(id)))).then(
            () => true,
            () => false,
          )
        )
          return;
    },
    isReady: () => client.isReady && !hung,
    async close() {
      // QUIT waits for pending replies, which a hung Redis never sends.
      if (client.isOpen) await withTimeout(client.close(), options.commandTimeoutMs).catch(() => client.destroy());
    },
  };
}

class CommandTimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CommandTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
