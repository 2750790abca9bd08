import type { CommandHelp } from '../../common/node/index.ts';

/** `npm run calibrate -- --help`. */
export const CALIBRATE_HELP: CommandHelp = {
  usage: ['npm run calibrate -- [flags]'],
  about:
    'Runs the harness against the reference connector, correct and with each seeded defect, and prints the mode × gate matrix of expected against observed verdicts.',
  flags: [
    { flag: '--modes <a,b,…>', help: 'which rows to run, e.g. none,no-dedupe', default: 'the calibration modes' },
    { flag: '--parallel <n>', help: 'runs at once, 1 to 11', default: '2' },
    { flag: '--duration <d>', help: 'length of each run: 20, 20s, 1m', default: "the calibration scenario's 20 s" },
    { flag: '--out <dir>', help: 'where the run folders go', default: 'a temp folder' },
    {
      flag: '--engine <auto|node|k6>',
      help: 'auto: k6 when a k6 binary is on PATH, else the built-in Node engine',
      default: 'auto',
    },
  ],
  notes: ['Ctrl-C stops the runs; pressed again a second later it quits at once.'],
  exitCodes: [
    [0, 'every expectation met'],
    [99, 'some cell unexpected'],
    [2, 'usage error'],
    [3, 'force quit'],
  ],
};
