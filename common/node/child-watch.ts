import type { ChildProcess } from 'node:child_process';

/** How a watched child ended without being asked to. */
export interface ChildDeath {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Its last stderr/stdout lines, already scrubbed of secrets. */
  lastLines: string[];
}

/** A child the orchestrator depends on: its name, the process, and its recent output. */
export interface WatchedChild {
  name: string;
  child: Pick<ChildProcess, 'exitCode' | 'signalCode' | 'once'>;
  /** True once the orchestrator itself is stopping it (a planned exit is not a death). */
  isStopping(): boolean;
  lastLines(): string[];
}

/** "the reference connector died (killed by SIGKILL); its last output: …". Pure. */
export function describeChildDeath(death: ChildDeath, atS?: number): string {
  const how = death.signal ? `killed by ${death.signal}` : `exit code ${death.code}`;
  const when = atS === undefined ? '' : ` ${Math.round(atS)} s into the run`;
  const tail = death.lastLines.length
    ? `; its last output: ${death.lastLines.slice(-5).join(' | ')}`
    : '; it printed nothing';
  return `the ${death.name} died${when} (${how})${tail}`;
}

export interface ChildWatch {
  /** Aborts, with an Error describing the death, the moment any watched child exits unasked. */
  signal: AbortSignal;
  /** `onDeath` runs once, when this child's exit is the run's first unplanned death (before the abort). */
  watch(child: WatchedChild, onDeath?: (death: ChildDeath, atS: number | undefined) => void): void;
  /** The first unplanned death, if any. */
  death(): ChildDeath | undefined;
}

/**
 * Watches children for unplanned exits, so a run stops at once when the mock, the reference
 * connector or a supervised target instance dies instead of loading a dead process. `now` gives
 * seconds since the load started (for the message). The one watcher of the harness's children
 * (loadtest's services and supervisor's instances).
 */
export function createChildWatch(now?: () => number | undefined): ChildWatch {
  const controller = new AbortController();
  let first: ChildDeath | undefined;
  return {
    signal: controller.signal,
    death: () => first,
    watch(watched, onDeath) {
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        if (watched.isStopping() || first) return;
        first = { name: watched.name, code, signal, lastLines: watched.lastLines() };
        const atS = now?.();
        onDeath?.(first, atS);
        controller.abort(new Error(describeChildDeath(first, atS)));
      };
      if (watched.child.exitCode !== null || watched.child.signalCode !== null)
        onExit(watched.child.exitCode, watched.child.signalCode);
      else watched.child.once('exit', onExit);
    },
  };
}
