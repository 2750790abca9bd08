import { createServer, isIP } from 'node:net';
import { Pool, type Dispatcher } from 'undici';
import { UserError } from '../../../common/node/index.ts';

/** The only part of a dispatcher the engine's send loop calls. */
export type SendDispatcher = Pick<Dispatcher, 'dispatch'>;

export interface SourcePools {
  dispatcher: SendDispatcher;
  close(): Promise<void>;
}

/**
 * Keep-alive pools to the target. With source addresses: one pool per local address, picked
 * round-robin per attempt, so each source carries 1/n of the load (how one machine stays under
 * a target's per-IP limit). Without: one pool, the OS picks the source address.
 */
export function createSourcePools(
  origin: string,
  sourceAddresses: readonly string[],
  options: { connections: number; pipelining: number },
): SourcePools {
  const addresses = sourceAddresses.length ? sourceAddresses : [undefined];
  const connections = Math.max(1, Math.ceil(options.connections / addresses.length));
  const pools = addresses.map(
    (localAddress) =>
      new Pool(origin, {
        connections,
        pipelining: options.pipelining,
        keepAliveTimeout: 30_000,
        ...(localAddress ? { localAddress } : {}),
      }),
  );
  const close = async () => {
    await Promise.all(pools.map((pool) => pool.destroy()));
  };
  if (pools.length === 1) return { dispatcher: pools[0] as Pool, close };
  let next = 0;
  return {
    dispatcher: {
      dispatch(dispatchOptions, handler) {
        const pool = pools[next] as Pool;
        next = (next + 1) % pools.length;
        return pool.dispatch(dispatchOptions, handler);
      },
    },
    close,
  };
}

/**
 * Fails before the run, not as a wall of connection errors, when a source address is not an IP
 * or not assigned to this machine (macOS only routes 127.0.0.1 until an alias is added).
 */
export async function assertSourceAddressesUsable(addresses: readonly string[]): Promise<void> {
  for (const address of addresses) {
    if (isIP(address) === 0)
      throw new UserError(`Could not use source address "${address}": not an IP address. Use e.g. 127.0.0.2.`);
    const problem = await tryBind(address);
    if (problem) {
      const alias = address.startsWith('127.') ? ` On macOS add it first: sudo ifconfig lo0 alias ${address} up.` : '';
      throw new UserError(
        `Could not use source address ${address}: ${problem}. Use addresses assigned to this machine.${alias}`,
      );
    }
  }
}

function tryBind(address: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen(0, address, () => server.close(() => resolve(undefined)));
  });
}
