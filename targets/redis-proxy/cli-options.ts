import { parseFlags, readInteger, readList } from '../../common/node/index.ts';

export interface RedisProxyCliOptions {
  upstream: string | undefined;
  profile: string;
  seed: number;
  stats: string | undefined;
  allowHost: string[];
}

const OPTIONS = {
  upstream: { type: 'string' },
  profile: { type: 'string' },
  seed: { type: 'string' },
  stats: { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
} as const;

/** Flags of `npm run redis-proxy`; bad input is a UserError (exit 2). The upstream URL is checked by parseRedisUpstream. */
export function parseRedisProxyArgs(argv: readonly string[]): RedisProxyCliOptions {
  const { values } = parseFlags(
    argv,
    { options: OPTIONS },
    'Flags: --upstream <redis://…> --profile <name|file> --seed <n> --stats <file> --allow-host <host>',
  );
  const seed = values.seed === undefined ? 1 : readInteger('--seed', values.seed, { min: 0, example: 7 });
  return {
    upstream: values.upstream,
    profile: values.profile ?? 'none',
    seed,
    stats: values.stats,
    allowHost: readList(values['allow-host']),
  };
}
