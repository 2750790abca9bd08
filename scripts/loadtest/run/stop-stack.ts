/** How to stop one thing a stage started (a child, a server, a proxy). */
export type Stop = () => unknown;

/** What the run started, in order: one place stops all of it, whatever ended the run. */
export interface StopStack {
  /** Registers the stop of something just started. */
  push(stop: Stop): void;
  /**
   * Runs every stop, the last pushed first (a target stops before the mock and the Redis it
   * talks to). Each runs even when one before it threw; the first error is thrown once all ran.
   */
  unwind(): Promise<void>;
}

export function createStopStack(): StopStack {
  const stops: Stop[] = [];
  return {
    push: (stop) => void stops.push(stop),
    async unwind() {
      let failure: { error: unknown } | undefined;
      for (let stop = stops.pop(); stop; stop = stops.pop()) {
        try {
          await stop();
        } catch (error) {
          failure ??= { error };
        }
      }
      if (failure) throw failure.error;
    },
  };
}
