import { EXIT } from '../common/core/index.ts';
import { onStopSignals, parseFlags, readDuration, readNumber, runCli, UserError } from '../common/node/index.ts';
import { EXAMPLES, rehearseExample } from '../targets/examples/rehearse/index.ts';

const HELP = `Usage: npm run rehearse -- <example> [--defect <name>] [--duration <s>] [--rate <n>] [--out <dir>]

Starts an example connector from examples/ with the supervised-target environment, runs
loadtest against it with its preset (smoke scenario), and prints PASS or FAIL.

Examples:
${EXAMPLES.map((e) => `  ${e.name.padEnd(14)} ${e.language}, preset ${e.preset}; defects: ${Object.keys(e.defects).join(', ')}`).join('\n')}

Exit codes: 0 PASS, 99 a gate or rehearsal check failed, 2 usage error, 3 infrastructure error.
`;

await runCli('rehearse', async () => {
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
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
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
