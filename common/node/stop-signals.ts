import { EXIT } from '../core/index.ts';

/**
 * How long after the first SIGINT/SIGTERM a further one still counts as the same request.
 *
 * One Ctrl-C reaches a command several times within milliseconds: the terminal signals the whole
 * foreground process group, `npm run` relays what it got to its child, and a wrapper (tsx's CLI,
 * a CI runner) may relay it again. Counting each copy as a new press turned one Ctrl-C into a
 * force quit that lost the report. A person pressing again to force quit does so after reading
 * the "stopping…" line, well after this window.
 */
export const FORCE_QUIT_AFTER_MS = 1000;

export type StopSignalVerdict = 'stop' | 'echo' | 'force';

/**
 * The rule: the first signal stops gracefully; one within {@link FORCE_QUIT_AFTER_MS} of it is an
 * echo of the same press (ignored); a later one is a distinct press and forces quit. Pure.
 */
export function classifyStopSignal(
  firstAtMs: number | undefined,
  nowMs: number,
  graceMs = FORCE_QUIT_AFTER_MS,
): StopSignalVerdict {
  if (firstAtMs === undefined) return 'stop';
  return nowMs - firstAtMs < graceMs ? 'echo' : 'force';
}

type StopSignal = 'SIGINT' | 'SIGTERM';

/** What onStopSignals needs from the process (tests pass a fake with a hand-driven clock). */
export interface SignalHost {
  on(signal: StopSignal, handler: () => void): void;
  off(signal: StopSignal, handler: () => void): void;
  now(): number;
  write(text: string): void;
  exit(code: number): void;
}

const realHost: SignalHost = {
  on: (signal, handler) => void process.on(signal, handler),
  off: (signal, handler) => void process.off(signal, handler),
  now: () => Date.now(),
  write: (text) => void process.stderr.write(text),
  exit: (code) => process.exit(code),
};

export interface StopSignalOptions {
  /** The command's name, as its messages start (`loadtest`). */
  prefix: string;
  /** What the first signal does, as a clause (`stopping the load and writing a partial report`). */
  stopping: string;
  /** Aborted with `new Error(<signal name>)` on the first signal. */
  controller: AbortController;
}

/**
 * The one place a long-running command handles Ctrl-C and SIGTERM: the first aborts `controller`
 * (the command then winds down and writes what it has), echoes of it are ignored, and a distinct
 * second press exits 3 at once (children in their own groups are killed by adoptGroup's exit hook).
 * Returns a function that removes the listeners.
 */
export function onStopSignals(options: StopSignalOptions, host: SignalHost = realHost): () => void {
  let firstAtMs: number | undefined;
  const graceS = FORCE_QUIT_AFTER_MS / 1000;
  const handle = (name: StopSignal) => {
    const verdict = classifyStopSignal(firstAtMs, host.now());
    if (verdict === 'echo') return;
    if (verdict === 'force') {
      host.write(`${options.prefix}: ${name} again: force quit, the partial report is not written\n`);
      host.exit(EXIT.infrastructure);
      return;
    }
    firstAtMs = host.now();
    host.write(`\n${options.prefix}: ${name}: ${options.stopping} (Ctrl-C again after ${graceS} s to force quit)\n`);
    options.controller.abort(new Error(name));
  };
  const onInt = () => handle('SIGINT');
  const onTerm = () => handle('SIGTERM');
  host.on('SIGINT', onInt);
  host.on('SIGTERM', onTerm);
  return () => {
    host.off('SIGINT', onInt);
    host.off('SIGTERM', onTerm);
  };
}
