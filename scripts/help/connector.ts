import type { CommandHelp } from '../../common/node/index.ts';
import { CLI_OPTIONS } from '../../targets/reference/index.ts';

/** `npm run connector -- --help`: every flag of the reference connector's one option table. */
export const CONNECTOR_HELP: CommandHelp = {
  usage: ['npm run connector -- [flags]'],
  about:
    'The reference connector on its own: prints {"event":"listening","url":…} on stdout and JSON logs on stderr; SIGTERM or Ctrl-C drains, then it exits 0. Each flag also reads its environment variable.',
  flags: CLI_OPTIONS.map((o) => ({
    flag: `--${o.flag} <${o.type === 'string' ? 'value' : 'n'}>`,
    help: `${o.help}${o.env ? ` [env ${o.env}${o.envAlias ? ` or ${o.envAlias}` : ''}]` : ''}`,
  })),
  exitCodes: [
    [0, 'drained'],
    [2, 'bad flags'],
    [3, 'port busy or Redis unreachable at startup'],
  ],
};
