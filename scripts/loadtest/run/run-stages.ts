import { createStopStack, type StopStack } from './stop-stack.ts';

/** One named step of a run: reads what the steps before it left in the context, adds its own. */
export interface Stage<C> {
  name: string;
  /** Pushes a stop for anything it starts, so the teardown needs no knowledge of the stage. */
  run(context: C, stops: StopStack): Promise<void>;
}

export interface StageHooks<C> {
  /** The error the caller sees when a stage throws; runs before the teardown, while a child's death is still news. */
  explainFailure(context: C, error: unknown): unknown;
  /** Runs last, after the teardown, however the stages ended (to remove an unfinished run folder). */
  afterTeardown(context: C): Promise<void>;
}

/**
 * Runs the stages in order, then stops everything they started in reverse, in one place. An abort
 * (Ctrl-C, a child's death) skips no stage: the load answers it with a partial record, and the
 * stages after it still settle, judge and write what there is. A stage that throws ends the list.
 */
export async function runStages<C>(
  stages: readonly Stage<C>[],
  context: C,
  hooks: StageHooks<C>,
  stops: StopStack = createStopStack(),
): Promise<void> {
  try {
    for (const stage of stages) await stage.run(context, stops);
  } catch (error) {
    throw hooks.explainFailure(context, error);
  } finally {
    try {
      await stops.unwind();
    } finally {
      await hooks.afterTeardown(context);
    }
  }
}
