import type { CommandHelp } from '../../common/node/index.ts';
import { EXAMPLES } from '../../targets/examples/rehearse/index.ts';

/** `npm run rehearse -- --help`. */
export const REHEARSE_HELP: CommandHelp = {
  usage: ['npm run rehearse -- <example> [flags]'],
  about:
    'Starts an example connector from targets/examples/ with the supervised-target environment, runs loadtest against it with its preset (smoke scenario), and prints PASS or FAIL.',
  flags: [
    { flag: '--defect <name>', help: 'start the example with EXAMPLE_DEFECT=<name> (it must FAIL)', default: 'none' },
    { flag: '--duration <s>', help: 'load duration', default: "smoke's 10 s" },
    { flag: '--rate <n>', help: 'deliveries per second', default: "smoke's 5" },
    { flag: '--out <dir>', help: 'where the run folder goes', default: 'reports/runs/rehearse' },
  ],
  notes: [
    [
      'Examples:',
      ...EXAMPLES.map(
        (e) =>
          `  ${e.name.padEnd(14)} ${e.language}, preset ${e.preset}; defects: ${Object.keys(e.defects).join(', ')}`,
      ),
    ].join('\n'),
  ],
  exitCodes: [
    [0, 'PASS'],
    [99, 'a gate or rehearsal check failed'],
    [2, 'usage error'],
    [3, 'infrastructure error or aborted (Ctrl-C)'],
  ],
};
