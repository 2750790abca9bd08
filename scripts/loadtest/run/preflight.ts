import { accessSync, constants, statSync } from 'node:fs';
import { DEFECT_NAMES } from '../../../targets/reference/index.ts';
import { makeDirSync, UserError } from '../../../common/node/index.ts';

/** What the user asked for on the command line, before defaults filled anything in. */
export interface AskedFor {
  /** `builtin` (the reference connector, supervised or not), `supervised` (any other target command), or the URL. */
  target: 'builtin' | 'supervised' | string;
  defect?: string;
  /** --redis-url given explicitly (a preset's builtin Redis does not count). */
  redisUrlFlag?: string;
}

/** Flag values and combinations that cannot work, refused before anything starts. Pure. */
export function checkFlagCombinations(asked: AskedFor): void {
  if (asked.defect !== undefined && !(DEFECT_NAMES as readonly string[]).includes(asked.defect)) {
    throw new UserError(
      `Could not use --defect "${asked.defect}": no such defect. Use one of ${DEFECT_NAMES.join(', ')} (described in \`npm run connector -- --help\`).`,
    );
  }
  if (asked.target === 'supervised') {
    // A target command (--target-cmd, a config file's or the preset's): --redis-url reaches it as REDIS_URL.
    if (asked.defect !== undefined)
      throw new UserError(
        "Could not use --defect with a target command (--target-cmd, or the preset's target.command): defects are seeded into the built-in reference connector only. Add --target builtin to run the reference connector in the preset's shape, or drop --defect.",
      );
  } else if (asked.target !== 'builtin') {
    if (asked.defect !== undefined)
      throw new UserError(
        `Could not use --defect with --target ${asked.target}: defects are seeded into the built-in reference connector only. Drop --target (or use --target builtin), or drop --defect.`,
      );
    if (asked.redisUrlFlag !== undefined)
      throw new UserError(
        `Could not use --redis-url with --target ${asked.target}: it sets the built-in reference connector's dedupe store only. Configure Redis in your connector, and drop --redis-url.`,
      );
  }
}

/** Creates the output folder if needed and proves it is writable, so a run never loads for nothing. */
export function checkOutDirWritable(dir: string): void {
  const fail = (reason: string) =>
    new UserError(
      `Could not write run folders under --out ${dir}: ${reason}. Pick a folder you can write to, e.g. --out ./runs.`,
    );
  try {
    makeDirSync(dir);
  } catch (error) {
    throw fail(describeFsError(error));
  }
  if (!statSync(dir).isDirectory()) throw fail('it is not a folder');
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw fail(describeFsError(error));
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOENT') return 'no folder can be made there';
  return (error as Error).message;
}
