import { describe, expect, it } from 'vitest';
import { createChildWatch, describeChildDeath, InfraError, type ChildWatch } from '../../../common/node/index.ts';
import { explainFailure } from './explain-failure.ts';

const RUN_ID = 'a1b2c3d4e5f6';

/** A watch that saw the mock die (no process: the watch's own shape, filled in). */
function watchWithDeadMock(): ChildWatch {
  const death = { name: 'mock Graph API', code: null, signal: 'SIGKILL' as const, lastLines: ['boom'] };
  return {
    signal: AbortSignal.abort(new Error(describeChildDeath(death))),
    death: () => death,
    watch: () => {},
  };
}
const run = (watch = createChildWatch(), report?: { exitCode: number }) => ({
  watch,
  runId: RUN_ID,
  report,
  keepRunDir: false,
});

describe('explainFailure', () => {
  it("names a child's death as the cause when it came before the report", () => {
    const error = explainFailure(run(watchWithDeadMock()), new Error('Could not reach the target'));
    expect(error).toBeInstanceOf(InfraError);
    expect((error as Error).message).toBe(
      'Could not complete the run: the mock Graph API died (killed by SIGKILL); its last output: boom.',
    );
  });

  it('passes the error through once the report is written, death or not', () => {
    const original = new Error('Could not serve report.html');
    expect(explainFailure(run(watchWithDeadMock(), { exitCode: 3 }), original)).toBe(original);
  });

  it('keeps the run folder when the error points into it', () => {
    const failed = run();
    const original = new Error(`Could not run k6: see reports/runs/${RUN_ID}/k6-config.json`);
    expect(explainFailure(failed, original)).toBe(original);
    expect(failed.keepRunDir).toBe(true);
  });

  it('leaves an unrelated failure to remove the run folder', () => {
    const failed = run();
    explainFailure(failed, new Error('Could not reach the target at http://127.0.0.1:9'));
    expect(failed.keepRunDir).toBe(false);
  });
});
