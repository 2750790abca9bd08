import { parseFlags, readNumber, UserError } from '../../common/node/index.ts';
import type { BaselineTolerances } from '../schema/summary-schema.ts';

export interface ReportArgs {
  runDir: string;
  baseline?: string;
  tolerances: BaselineTolerances;
  outDir: string;
  color: boolean | undefined;
  help: boolean;
  /** Mock replicas whose ledgers are read into the folder first (--mock-url, repeatable). */
  mockUrls: string[];
}

function readPercent(flag: string, text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : readNumber(`--${flag}`, text, { min: 0, example: fallback });
}

/** Parses the report CLI's arguments; UserError (exit 2) for anything it cannot use. */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  const parsed = parseFlags(
    argv,
    {
      allowPositionals: true,
      options: {
        baseline: { type: 'string' },
        'tolerance-p99': { type: 'string' },
        'tolerance-rate': { type: 'string' },
        out: { type: 'string' },
        'mock-url': { type: 'string', multiple: true },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    'Run `npm run report -- --help`',
  );
  const { values, positionals } = parsed;
  const help = values.help ?? false;
  if (!help && positionals.length !== 1) {
    throw new UserError(
      `Could not tell which run to report: expected one run folder, got ${positionals.length}. Usage: npm run report -- reports/runs/<run-id>.`,
    );
  }
  const runDir = positionals[0] ?? '';
  const args: ReportArgs = {
    runDir,
    tolerances: {
      p99Pct: readPercent('tolerance-p99', values['tolerance-p99'], 20),
      ratePct: readPercent('tolerance-rate', values['tolerance-rate'], 10),
    },
    outDir: values.out ?? runDir,
    color: values['no-color'] ? false : values.color,
    help,
    mockUrls: values['mock-url'] ?? [],
  };
  if (values.baseline !== undefined) args.baseline = values.baseline;
  return args;
}
