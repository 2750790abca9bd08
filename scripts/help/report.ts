import type { CommandHelp } from '../../common/node/index.ts';

/** `npm run report -- --help`. */
export const REPORT_HELP: CommandHelp = {
  usage: ['npm run report -- <run folder> [flags]'],
  about:
    "Re-renders a run's gates and artefacts (summary.json, report.md, junit.xml, report.html), optionally against a baseline; a folder with several run records or ledgers is merged first.",
  flags: [
    { flag: '--baseline <summary.json>', help: 'compare with an earlier run of the same scenario', default: 'none' },
    { flag: '--tolerance-p99 <pct>', help: 'allowed p99 growth against the baseline', default: '20' },
    { flag: '--tolerance-rate <pct>', help: 'allowed achieved-rate drop against the baseline', default: '10' },
    {
      flag: '--mock-url <url>',
      help: "read a mock replica's ledger into the folder first (repeat per replica; replaces ledger-stats*.json); WA_MOCK_ADMIN_TOKEN is sent as its admin token",
      default: 'none',
    },
    { flag: '--out <dir>', help: 'write the artefacts here', default: 'the run folder' },
    { flag: '--no-color', help: 'plain terminal output even on a TTY (NO_COLOR too)', default: 'colour on a TTY' },
  ],
  exitCodes: [
    [0, 'all gates pass'],
    [99, 'a gate failed or a baseline regression'],
    [2, 'bad input'],
    [
      3,
      'the run was aborted or its load not delivered (> 1 % of planned deliveries dropped or never started), or a --mock-url could not be read',
    ],
  ],
};
