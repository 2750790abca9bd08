import { handleError } from '../../common/node/index.ts';

/**
 * A benchmark's settings read from its command line with the shared flag parser
 * (lib/cli-flags.ts: parseFlags, readNumber, readInteger, readList, readEnum). `read` runs
 * before anything starts; a mistake (`--seconds abc`, an unknown flag) prints the standard
 * `bench/<script>: Could not read …` line without a stack and exits 2, as every CLI here does.
 *
 * @example
 * const { seconds } = readBenchArgs('mock-throughput', () => {
 *   const { values } = parseFlags(process.argv.slice(2), { options: { seconds: { type: 'string', default: '5' } } }, USAGE);
 *   return { seconds: readNumber('--seconds', values.seconds, { above: 0, example: 5 }) };
 * });
 */
export function readBenchArgs<T>(script: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    process.exit(handleError(error, `bench/${script}`));
  }
}
