import { describe, expect, it } from 'vitest';
import { checkEmitFlags } from './emit-flags.ts';
import { readImageRef } from './image-ref.ts';

const base = { mockMode: 'spawn', supervised: false } as const;

describe('checkEmitFlags', () => {
  it('accepts --emit with --parallelism and --mock-image', () => {
    expect(() =>
      checkEmitFlags({ ...base, emit: 'k6-operator', parallelism: 4, mockImage: 'wa-mock-graph-api:0.1.0' }),
    ).not.toThrow();
  });

  it.each(['--parallelism', '--mock-image'])('refuses %s without --emit, naming the flag (exit 2)', (flag) => {
    const input = flag === '--parallelism' ? { ...base, parallelism: 2 } : { ...base, mockImage: 'x:1' };
    expect(() => checkEmitFlags(input)).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => checkEmitFlags(input)).toThrow(`Could not use ${flag}: it only applies to --emit k6-operator`);
  });

  it('refuses a mock of the user (--mock-url, WA_MOCK_URL) or in the target: the emitted run starts its own', () => {
    for (const mockMode of ['external', 'in-target'] as const)
      expect(() => checkEmitFlags({ ...base, emit: 'k6-operator', mockMode })).toThrow(/--mock-url.*Drop --mock-url/);
  });

  it('refuses a supervised target', () => {
    expect(() => checkEmitFlags({ ...base, emit: 'k6-operator', supervised: true })).toThrow(/supervised target/);
  });
});

describe('readImageRef', () => {
  it.each([
    'wa-mock-graph-api:0.1.0',
    'registry.example.com:5000/team/wa-mock-graph-api:0.1.0',
    'ghcr.io/acme/wa_mock',
    `wa-mock-graph-api@sha256:${'a'.repeat(64)}`,
  ])('accepts %s', (ref) => expect(readImageRef('--mock-image', ref)).toBe(ref));

  it.each(['', 'Wa-Mock:1', 'wa mock:1', 'wa-mock:', 'https://registry/x:1'])(
    'refuses %j in one line naming --mock-image and an example',
    (ref) => {
      expect(() => readImageRef('--mock-image', ref)).toThrow(
        `Could not read --mock-image "${ref}": not a container image reference. Pass the image you pushed, e.g. --mock-image registry.example.com/wa-mock-graph-api:0.1.0.`,
      );
    },
  );
});
