import { describe, expect, it } from 'vitest';
import { buildK6Archive, k6ArchiveMetadataSchema, readK6Archive } from './k6-archive.ts';
import { readTar, writeTar } from './tar.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const FILES = new Map([
  ['scenarios/smoke.ts', bytes("import { x } from './lib/x.ts';\nexport default function () {}\n")],
  ['scenarios/lib/x.ts', bytes('export const x = 1;\n')],
  ['fixtures/manifest.json', bytes('{"fixtures":[]}')],
  ['wa-config.json', bytes('{}')],
]);
const INPUT = {
  files: FILES,
  entry: 'scenarios/smoke.ts',
  options: { setupTimeout: '10s' },
  env: { WA_CONFIG: '../wa-config.json' },
  k6Version: '1.3.0',
};

describe('k6 archive', () => {
  it('lays entries out as k6 archive does: metadata.json, data, sorted dirs, sorted files, entry script linked to data', () => {
    const entries = readTar(buildK6Archive(INPUT));
    expect(entries.map((e) => `${e.type} ${e.name}`)).toEqual([
      'file metadata.json',
      'file data',
      'dir file',
      'dir file/wa-harness',
      'dir file/wa-harness/fixtures',
      'dir file/wa-harness/scenarios',
      'dir file/wa-harness/scenarios/lib',
      'file file/wa-harness/fixtures/manifest.json',
      'file file/wa-harness/scenarios/lib/x.ts',
      'link file/wa-harness/scenarios/smoke.ts',
      'file file/wa-harness/wa-config.json',
    ]);
    expect(entries[9]).toMatchObject({ target: 'data' });
  });

  it('records the entry script and its folder as file:// URLs, the options and the env', () => {
    const { metadata, files } = readK6Archive(buildK6Archive(INPUT));
    expect(metadata).toEqual({
      type: 'js',
      options: { setupTimeout: '10s' },
      filename: 'file:///wa-harness/scenarios/smoke.ts',
      pwd: 'file:///wa-harness/scenarios/',
      env: { WA_CONFIG: '../wa-config.json' },
      compatibilityMode: 'extended',
      k6version: '1.3.0',
      goos: 'linux',
    });
    expect([...files.keys()].sort()).toEqual([
      '/wa-harness/fixtures/manifest.json',
      '/wa-harness/scenarios/lib/x.ts',
      '/wa-harness/scenarios/smoke.ts',
      '/wa-harness/wa-config.json',
    ]);
    expect(files.get('/wa-harness/scenarios/smoke.ts')).toEqual(FILES.get('scenarios/smoke.ts'));
  });

  it('gives the same bytes for the same input', () => {
    expect(buildK6Archive(INPUT)).toEqual(buildK6Archive(INPUT));
  });

  it('refuses an entry script that is not among the files', () => {
    expect(() => buildK6Archive({ ...INPUT, entry: 'scenarios/load.ts' })).toThrow(/entry script scenarios\/load\.ts/);
  });

  it('rejects archives k6 could not run: no metadata, no data, an unknown top-level entry, bad metadata', () => {
    const only = (name: string, text: string) => writeTar([{ type: 'file', name, data: bytes(text) }]);
    expect(() => readK6Archive(only('data', 'x'))).toThrow(/no metadata\.json/);
    const metadata = JSON.stringify({
      type: 'js',
      options: {},
      filename: 'file:///a/b.ts',
      pwd: 'file:///a/',
      env: {},
      compatibilityMode: 'extended',
      k6version: '1.0.0',
      goos: 'linux',
    });
    expect(() => readK6Archive(only('metadata.json', metadata))).toThrow(/no data entry/);
    expect(() => readK6Archive(writeTar([{ type: 'file', name: 'scripts.zip', data: bytes('') }]))).toThrow(
      /Unknown entry scripts\.zip/,
    );
    expect(k6ArchiveMetadataSchema.safeParse({ ...JSON.parse(metadata), pwd: 'file:///a' }).success).toBe(false);
    expect(k6ArchiveMetadataSchema.safeParse({ ...JSON.parse(metadata), type: 'sobek' }).success).toBe(false);
  });
});
