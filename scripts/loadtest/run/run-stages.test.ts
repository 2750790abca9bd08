import { describe, expect, it } from 'vitest';
import { runStages, type Stage, type StageHooks } from './run-stages.ts';

interface Fake {
  events: string[];
  controller: AbortController;
  record?: string;
}

/** A stage that logs itself and starts one thing, whose stop it pushes. */
const starting = (name: string, also?: (run: Fake) => void): Stage<Fake> => ({
  name,
  async run(run, stops) {
    run.events.push(`run ${name}`);
    stops.push(() => run.events.push(`stop ${name}`));
    also?.(run);
  },
});
const failing = (name: string): Stage<Fake> => ({
  name,
  async run(run) {
    run.events.push(`run ${name}`);
    throw new Error(`${name} failed`);
  },
});
/** The load of the real list: an aborted signal gives a partial record, not an error. */
const load: Stage<Fake> = {
  name: 'load',
  async run(run) {
    run.record = run.controller.signal.aborted ? 'partial record' : 'whole record';
    run.events.push(`run load (${run.record})`);
  },
};
const writeReport: Stage<Fake> = {
  name: 'write the report',
  async run(run) {
    run.events.push(`write ${run.record ?? 'nothing'}`);
  },
};
const hooks: StageHooks<Fake> = {
  explainFailure: (run, error) => {
    run.events.push('explain');
    return new Error(`Could not complete the run: ${(error as Error).message}.`);
  },
  afterTeardown: async (run) => void run.events.push('after teardown'),
};
const fake = (): Fake => ({ events: [], controller: new AbortController() });

describe('runStages', () => {
  it('runs the stages in list order, then stops what they started in reverse', async () => {
    const run = fake();
    await runStages([starting('dependencies'), starting('target'), load, writeReport], run, hooks);
    expect(run.events).toEqual([
      'run dependencies',
      'run target',
      'run load (whole record)',
      'write whole record',
      'stop target',
      'stop dependencies',
      'after teardown',
    ]);
  });

  it('still runs the report writer after an abort between stages, with the partial record', async () => {
    const run = fake();
    const abortAfterTarget = starting('target', (r) => r.controller.abort(new Error('SIGINT')));
    await runStages([starting('dependencies'), abortAfterTarget, load, writeReport], run, hooks);
    expect(run.events).toContain('write partial record');
    expect(run.events.slice(-3)).toEqual(['stop target', 'stop dependencies', 'after teardown']);
  });

  it('stops everything started so far when a stage throws, and throws the explained error', async () => {
    const run = fake();
    const done = runStages([starting('dependencies'), starting('target'), failing('load'), writeReport], run, hooks);
    await expect(done).rejects.toThrow('Could not complete the run: load failed.');
    expect(run.events).toEqual([
      'run dependencies',
      'run target',
      'run load',
      'explain',
      'stop target',
      'stop dependencies',
      'after teardown',
    ]);
  });

  it('runs the after-teardown hook even when a stop throws', async () => {
    const run = fake();
    const stuck: Stage<Fake> = {
      name: 'target',
      async run(_, stops) {
        stops.push(() => {
          throw new Error('would not stop');
        });
      },
    };
    await expect(runStages([starting('dependencies'), stuck], run, hooks)).rejects.toThrow('would not stop');
    expect(run.events).toEqual(['run dependencies', 'stop dependencies', 'after teardown']);
  });
});
