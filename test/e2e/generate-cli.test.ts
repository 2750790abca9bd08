import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateFixtureSet, loadFixtureSet, validateFixtureSet } from '../../fixtures/index.ts';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'generate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function generate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', ...args], {
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      out[join(entry.parentPath, entry.name).slice(dir.length)] = readFileSync(
        join(entry.parentPath, entry.name),
        'utf8',
      );
  }
  return out;
}

describe('npm run generate', () => {
  it('writes identical bytes for the same seed and a loadable, valid set', async () => {
    const args = [
      '--count',
      '40',
      '--seed',
      '42',
      '--locales',
      'pt_BR,es,ar,hi,en',
      '--mix',
      'text=5,image=1,status-read=10,batch=1',
    ];
    const [a, b] = await Promise.all([
      generate([...args, '--out', join(root, 'a')]),
      generate([...args, '--out', join(root, 'b')]),
    ]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout).toContain('wrote 40 fixtures');
    const treeA = readTree(join(root, 'a'));
    expect(Object.keys(treeA)).toHaveLength(41);
    expect(readTree(join(root, 'b'))).toEqual(treeA);
    expect(validateFixtureSet(loadFixtureSet(join(root, 'a')))).toHaveLength(40);
  });

  it('refuses an existing non-empty --out folder with exit 2 and leaves it as it was', async () => {
    const out = join(root, 'taken');
    expect((await generate(['--count', '5', '--out', out])).code).toBe(0);
    const before = readTree(out);
    const again = await generate(['--count', '3', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /^generate: Could not generate fixtures into .*taken: it is not empty \(it holds corpus\/, manifest\.json\), and fixtures left from an earlier set would sit beside the new manifest\. Pass a new or empty --out folder, or delete this one first\.\n$/,
    );
    expect(readTree(out)).toEqual(before);
  });

  it('answers --count 0 in the shared error style, naming the flag, the range and an example', async () => {
    const result = await generate(['--count', '0', '--out', join(root, 'zero')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'generate: Could not read --count "0": out of range, it must be an integer from 1 to 10000. Pass e.g. --count 50.\n',
    );
  });

  it('exits 2 naming the bad --mix part', async () => {
    const result = await generate(['--count', '3', '--mix', 'text=1,teleport=2', '--out', join(root, 'c')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown type "teleport"');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('generateFixtureSet', () => {
  const options = {
    count: 30,
    seed: 3,
    locales: ['pt_BR', 'ar', 'hi'] as ('pt_BR' | 'ar' | 'hi')[],
    mix: { text: 1, 'status-delivered': 2 },
  };

  it('changes the bytes when the seed changes', () => {
    const one = [...generateFixtureSet(options).files.values()].join('');
    const two = [...generateFixtureSet({ ...options, seed: 4 }).files.values()].join('');
    expect(two).not.toBe(one);
  });

  it('splits the count by the mix and keeps the mix in the weights', () => {
    const { manifest } = generateFixtureSet(options);
    const texts = manifest.fixtures.filter((f) => f.type === 'text');
    expect(texts).toHaveLength(10);
    const weightOf = (type: string) =>
      manifest.fixtures.filter((f) => f.type === type).reduce((s, f) => s + f.weight, 0);
    expect(weightOf('status-delivered') / weightOf('text')).toBeCloseTo(2, 3);
  });

  it('writes non-ASCII locale text escaped as \\uXXXX (Portuguese, Arabic, Devanagari)', () => {
    const text = [...generateFixtureSet({ ...options, count: 60, mix: { text: 1 } }).files.values()].join('');
    expect(text).toMatch(/\\u00[c-f][0-9a-f]/);
    expect(text).toMatch(/\\u06[0-4][0-9a-f]/);
    expect(text).toMatch(/\\u09[0-7][0-9a-f]/);
    expect(text).toMatch(/^[\x00-\x7f]*$/);
  });
});
