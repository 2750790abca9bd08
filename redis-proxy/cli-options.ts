import { parseArgs } from 'node:util';
import { UserError } from '../lib/index.ts';

export interface RedisProxyCliOptions {
  upstream: string | undefined;
  profile: string;
  seed: number;
  stats: string | undefined;
  allowHost: string[];
}

/** Flags of `npm run redis-proxy`; bad input is a UserError (exit 2). */
export function parseRedisProxyArgs(argv: readonly string[]): RedisProxyCliOptions {
  let values: Record<string, string | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { upstream: { type: 'string' }, profile: { type: 'string' }, seed: { type: 'string' }, stats: { type: 'string' }, 'allow-host': { type: 'string', multiple: true } },
      strict: true,
    }) as { values: Record<string, string | string[] | undefined> });
  } catch (error) {
    throw new UserError(`Could not read the command line: ${(error as Error).message}. Flags: --upstream <redis://…> --profile <name|file> --seed <n> --stats <file>.`);
  }
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed) || seed < 0) throw new UserError(`Could not use --seed "${String(values.seed)}": not a non-negative integer. Pass e.g. --seed 7.`);
  return { upstream: values.upstream as string | undefined, profile: (values.profile as string | undefined) ?? 'none', seed, stats: values.stats as string | undefined, allowHost: (values['allow-host'] as string[] | undefined) ?? [] };
}
