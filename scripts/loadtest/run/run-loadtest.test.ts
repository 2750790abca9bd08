import { describe, expect, it } from 'vitest';
import { need } from './run-context.ts';
import { LOADTEST_STAGES } from './run-loadtest.ts';

describe('the loadtest stages', () => {
  it('run in the order the data flows: dependencies, target, load, settle, judge, report', () => {
    expect(LOADTEST_STAGES.map((s) => s.name)).toEqual([
      'start dependencies',
      'start the target',
      'load',
      'settle',
      'judge',
      'write the report',
    ]);
  });

  it('refuse to run before the stage whose output they read', async () => {
    const settle = LOADTEST_STAGES.find((s) => s.name === 'settle')!;
    const run = { dependencies: undefined } as unknown as Parameters<typeof settle.run>[0];
    await expect(settle.run(run, { push: () => {}, unwind: async () => {} })).rejects.toThrow(
      'No dependencies in the run context yet: a stage runs before the one that sets it.',
    );
    expect(() => need({}, 'verdict')).toThrow('No verdict in the run context yet');
  });
});
