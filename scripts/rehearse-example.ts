import { EXIT } from '../common/core/index.ts';
import {
  onStopSignals,
  parseFlags,
  printHelpIfAsked,
  readDuration,
  readNumber,
  runCli,
  UserError,
} from '../common/node/index.ts';
import { REHEARSE_HELP } from './help/rehearse.ts';
import { EXAMPLES, rehearseExample } from '../targets/examples/rehearse/index.ts';

await runCli('rehearse', async () => {
  if (printHelpIfAsked(process.argv.slice(2), REHEARSE_HELP)) return EXIT.ok;
  const options = {
    defect: { type: 'string' },
    duration: { type: 'string' },
    rate: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const { values, positionals } = parseFlags(
    process.argv.slice(2),
    { options, allowPositionals: true },
    'Run `npm run rehearse -- --help`',
  );
  if (positionals.length !== 1)
    throw new UserError(
      `Could not rehearse: name one example (${EXAMPLES.map((e) => e.name).join(', ')}). Run \`npm run rehearse -- --help\`.`,
    );
  const controller = new AbortController();
  onStopSignals({ prefix: 'rehearse', stopping: 'stopping the load and the example', controller });
  const durationS = values.duration === undefined ? undefined : readDuration('--duration', values.duration);
  const rate = values.rate === undefined ? undefined : readNumber('--rate', values.rate, { above: 0, example: 20 });
  const result = await rehearseExample(
    { example: positionals[0]!, defect: values.defect, durationS, rate, outDir: values.out, signal: controller.signal },
    { stdout: process.stdout, stderr: process.stderr },
  );
  return result.exitCode;
});
