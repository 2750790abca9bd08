import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../mock-graph-api/index.ts';
import { LOADTEST_HELP } from '../../scripts/loadtest/index.ts';

const doc = readFileSync(resolve(import.meta.dirname, '../../docs/command-line.md'), 'utf8');

/** The text of one `## <heading>` section of docs/command-line.md. */
function section(heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end === -1 ? undefined : end);
}

/** The table row whose first cell names the flag (`| \`-c, --chaos <profile>\` | … |`). */
const row = (text: string, flag: string) =>
  text.split('\n').find((l) => new RegExp(`^\\| \`(-\\w, )?${flag}[ \`]`).test(l)) ?? '';

describe('docs/command-line.md lists what the commands accept', () => {
  it('every loadtest flag of --help has a row in the loadtest flag table', () => {
    const table = section('`loadtest`');
    const flags = [...LOADTEST_HELP.matchAll(/^ {2}(?:-\w, )?(?: {4})?(--[a-z0-9-]+)/gm)].map((m) => m[1]!);
    expect(flags).toContain('--redis-upstream');
    for (const flag of flags) expect(row(table, flag), flag).not.toBe('');
  });

  it("every built-in chaos profile is named in loadtest's --chaos row and mock's --profile row", () => {
    const chaos = row(section('`loadtest`'), '--chaos');
    const profile = row(section('`mock`'), '--profile');
    for (const name of BUILTIN_PROFILES.keys()) {
      expect(chaos, `loadtest --chaos: ${name}`).toContain(`\`${name}\``);
      expect(profile, `mock --profile: ${name}`).toContain(`\`${name}\``);
    }
  });
});
