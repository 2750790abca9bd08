import { EXIT, type ExitCode } from '../core/index.ts';

/**
 * A mistake the user can fix. Message reads "Could not <do X>: <reason>. <How to fix>."
 * handleError prints it without a stack and exits with its code.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** An environment problem (target unreachable, port busy, child died): exit 3. */
export class InfraError extends UserError {
  constructor(message: string) {
    super(message, EXIT.infrastructure);
    this.name = 'InfraError';
  }
}

/** The single top-level error handler of every CLI. Returns the exit code it chose. */
export function handleError(
  error: unknown,
  prefix: string,
  write: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): ExitCode {
  if (error instanceof UserError) {
    write(`${prefix}: ${error.message}`);
    return error.exitCode;
  }
  write(`${prefix}: internal error (please report it):`);
  write(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return EXIT.failure;
}

/** Wraps a CLI main: awaits it, maps errors to exit codes, sets process.exitCode. */
export async function runCli(prefix: string, main: () => Promise<number | void>): Promise<void> {
  try {
    const code = await main();
    process.exitCode = code ?? EXIT.ok;
  } catch (error) {
    process.exitCode = handleError(error, prefix);
  }
}
