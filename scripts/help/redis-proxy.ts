import type { CommandHelp } from '../../common/node/index.ts';

/** `npm run redis-proxy -- --help`. */
export const REDIS_PROXY_HELP: CommandHelp = {
  usage: ['npm run redis-proxy -- [flags]'],
  about:
    'The Redis fault proxy on its own: prints {"event":"listening","url":…}, starts the chaos clock at once, injects the profile\'s redis faults, and on SIGTERM or Ctrl-C writes --stats and stops. Point your connector\'s REDIS_URL at the printed URL.',
  flags: [
    { flag: '--upstream <redis://…>', help: 'the Redis to stand in front of', default: 'a redis-server it starts' },
    {
      flag: '--profile <name|file>',
      help: 'chaos profile whose redis sections are injected, e.g. redis-outage',
      default: 'none',
    },
    { flag: '--seed <n>', help: 'seed of the fault dice', default: '1' },
    { flag: '--stats <file>', help: 'where to write redis-proxy-stats.json on exit', default: 'none' },
    { flag: '--allow-host <host>', help: 'allow a non-loopback upstream host (repeatable, or comma-separated)' },
  ],
  exitCodes: [
    [0, 'stopped on a signal'],
    [2, 'bad flag, profile or upstream URL'],
    [3, 'infrastructure error (upstream unreachable, redis-server missing)'],
  ],
};
