import { expect } from 'vitest';

/**
 * The shape every command's --help shares (common/node/cli-help.ts): `Usage: npm run <command> -- …`
 * first, a `Flags:` list ending with `-h, --help`, an `Exit codes:` line naming 0 and 2, usage, text
 * and flags in lines of at most 100 characters (notes are printed as written), and a final newline.
 */
export function expectHelpShape(text: string, command: string): void {
  const lines = text.split('\n');
  expect(lines[0]).toMatch(new RegExp(`^Usage: (npm run ${command} -- |wa-loadtest )`));
  const flagsAt = lines.indexOf('Flags:');
  expect(flagsAt, 'a "Flags:" line').toBeGreaterThan(0);
  const flagLines = lines.slice(flagsAt + 1, lines.indexOf('', flagsAt));
  expect(flagLines.filter((l) => /^ {2}(-\w, )?--\w|^ {6}--\w/.test(l)).length).toBeGreaterThan(1);
  expect(flagLines.some((l) => l.startsWith('  -h, --help'))).toBe(true);
  const exits = text.slice(text.indexOf('\nExit codes: ') + 1);
  expect(exits).toMatch(/^Exit codes: 0 [^]*\b2 /);
  for (const line of [...lines.slice(0, flagsAt), ...flagLines]) expect(line.length, line).toBeLessThanOrEqual(100);
  expect(text.endsWith('\n')).toBe(true);
}
