import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { expectHelpShape } from '../helpers/help-shape.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const COMMANDS = [
  'loadtest',
  'mock',
  'capture',
  'generate',
  'redis-proxy',
  'connector',
  'report',
  'calibrate',
  'rehearse',
];

/** `npm run <command> -- <flag>` as a user types it; exit code and stdout. */
async function npmRun(command: string, flag: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', command, '--', flag], {
      cwd: root,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('--help and -h on every command', () => {
  for (const command of COMMANDS)
    it(`npm run ${command} -- --help and -h print the help in the shared shape and exit 0`, async () => {
      const [long, short] = await Promise.all([npmRun(command, '--help'), npmRun(command, '-h')]);
      for (const r of [long, short]) {
        expect(r.code, r.stderr).toBe(0);
        expectHelpShape(r.stdout, command);
      }
      expect(short.stdout).toBe(long.stdout);
    });
});
